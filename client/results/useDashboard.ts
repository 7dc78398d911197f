/**
 * Loads the dashboard for a version — analytics, every annotator's status, all disputes, the cool-down — and
 * refreshes it every 10 s and whenever the tab regains focus, so new attempts show up without a reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Member } from '../../shared/schema/auth'
import type { AnnotatorStatus, Dispute } from '../../shared/schema/calibration'
import { getSettings, getStatus, listDisputes } from '../api/calibration'
import { type DashboardData, getAnalytics } from '../api/dashboard'
import { errorMessage } from '../api/http'
import { listMembers } from '../api/members'

export interface Dashboard {
  data: DashboardData
  people: { member: Member; status: AnnotatorStatus | null }[]
  disputes: Dispute[]
  cooldownMinutes: number
}

export type DashboardState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; value: Dashboard }

const POLL_MS = 10_000

export function useDashboard(projectId: string, version: string | null) {
  const [state, setState] = useState<DashboardState>({ status: 'loading' })
  const latest = useRef(0)

  const load = useCallback(async () => {
    const ticket = ++latest.current
    try {
      const [data, members, disputes, settings] = await Promise.all([
        getAnalytics(projectId, version),
        listMembers(projectId),
        listDisputes(projectId),
        getSettings(projectId),
      ])
      const annotators = members.filter((m) => m.role === 'annotator')
      const statuses = await Promise.all(
        annotators.map((m) => getStatus(projectId, m.userId).catch(() => null)),
      )
      if (ticket !== latest.current) return
      setState({
        status: 'ready',
        value: {
          data,
          people: annotators.map((member, i) => ({ member, status: statuses[i] ?? null })),
          disputes,
          cooldownMinutes: settings.retakeCooldownMinutes,
        },
      })
    } catch (error) {
      if (ticket !== latest.current) return
      setState((s) => (s.status === 'ready' ? s : { status: 'error', message: errorMessage(error) }))
    }
  }, [projectId, version])

  useEffect(() => {
    void load()
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load()
    }, POLL_MS)
    const onFocus = () => void load()
    window.addEventListener('focus', onFocus)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('focus', onFocus)
    }
  }, [load])

  return { state, reload: load }
}
