/** The visible list of media notices (mediaNotices.ts): each stays for a while or until dismissed. */
import { useEffect, useSyncExternalStore } from 'react'
import type { MediaNoticeBoard } from './mediaNotices'
import '../styles/media.css'

const NOTICE_MS = 12_000

export function MediaNotices({ board }: { board: MediaNoticeBoard }) {
  const notices = useSyncExternalStore(board.subscribe, board.snapshot)
  useEffect(() => {
    if (notices.length === 0) return
    const oldest = notices[0]!
    const timer = setTimeout(() => board.dismiss(oldest.id), NOTICE_MS)
    return () => clearTimeout(timer)
  }, [board, notices])
  if (notices.length === 0) return null
  return (
    <ul className="media-notices" aria-label="Media notices" data-testid="media-notices">
      {notices.map((notice) => (
        <li key={notice.id} className="media-notice" role="alert" data-testid="media-notice">
          <span>{notice.message}</span>
          <button
            type="button"
            className="button button--ghost"
            aria-label="Dismiss"
            onClick={() => board.dismiss(notice.id)}
          >
            ✕
          </button>
        </li>
      ))}
    </ul>
  )
}
