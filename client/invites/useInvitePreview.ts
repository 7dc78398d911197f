/** Reads the invite token from the URL fragment and asks the server what the link is for and whether it works. */
import { useCallback, useEffect, useState } from 'react'
import type { InvitePreview } from '../../shared/schema/auth'
import { ApiRequestError, errorMessage } from '../api/http'
import { previewInvite } from '../api/invites'

export type InviteStatus = InvitePreview['status']

export type PreviewState =
  | { status: 'loading' }
  | { status: 'noToken' }
  | { status: 'unknown' }
  | { status: 'error'; message: string }
  | { status: 'ready'; preview: InvitePreview }

export function useInvitePreview(token: string) {
  const [state, setState] = useState<PreviewState>(token ? { status: 'loading' } : { status: 'noToken' })

  useEffect(() => {
    if (!token) return
    const controller = new AbortController()
    previewInvite(token, controller.signal).then(
      (preview) => setState({ status: 'ready', preview }),
      (error: unknown) => {
        if (controller.signal.aborted) return
        if (error instanceof ApiRequestError && error.status === 404) setState({ status: 'unknown' })
        else setState({ status: 'error', message: errorMessage(error) })
      },
    )
    return () => controller.abort()
  }, [token])

  /** The link turned out to be gone while accepting (used meanwhile, expired, withdrawn). */
  const markGone = useCallback((status: Exclude<InviteStatus, 'valid'>) => {
    setState((previous) =>
      previous.status === 'ready' ? { status: 'ready', preview: { ...previous.preview, status } } : previous,
    )
  }, [])

  return { state, markGone }
}
