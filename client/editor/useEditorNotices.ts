/**
 * Others' actions that change what the open editor shows — your role changed, the draft was restored, a
 * version was published — learnt by polling the project's notices (from the activity log): at once when the
 * page opens (only to take a baseline: older actions are not news), when `recheck` changes (the role or the
 * connection changed), and every POLL_MS while the tab is visible. Dismissed notices stay dismissed.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Notice } from '../../shared/schema/notices'
import { ApiRequestError } from '../api/http'
import { listNotices } from '../api/notices'

export const POLL_MS = 10_000

export function useEditorNotices(
  projectId: string,
  enabled: boolean,
  recheck: unknown,
): { notices: Notice[]; dismiss: (id: number) => void } {
  const [notices, setNotices] = useState<Notice[]>([])
  const after = useRef<number | null>(null)
  const stopped = useRef(false)
  const inFlight = useRef(false)

  const poll = useCallback(async () => {
    if (stopped.current || inFlight.current) return
    inFlight.current = true
    try {
      const baseline = after.current
      const answer = await listNotices(projectId, baseline ?? 0)
      after.current = answer.latest
      if (baseline !== null && answer.notices.length > 0) {
        setNotices((shown) => [...shown, ...answer.notices.filter((n) => !shown.some((s) => s.id === n.id))])
      }
    } catch (error) {
      // Gone or forbidden: the page says so itself. Offline or a server hiccup: try again next time.
      if (error instanceof ApiRequestError && (error.status === 404 || error.status === 403)) {
        stopped.current = true
      }
    } finally {
      inFlight.current = false
    }
  }, [projectId])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `recheck` is a trigger, not an input
  useEffect(() => {
    if (enabled) void poll()
  }, [enabled, poll, recheck])

  useEffect(() => {
    if (!enabled) return
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void poll()
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [enabled, poll])

  const dismiss = useCallback((id: number) => setNotices((shown) => shown.filter((n) => n.id !== id)), [])
  return { notices, dismiss }
}
