/**
 * Notices under the editor header about what someone else did — who, what, when: "Olivia Owner changed your
 * role from lead to reviewer", "… restored version 1.0.0 into the draft", "… published version 1.1.0".
 */
import { roleWithArticle } from '../../shared/auth/permissions'
import type { Notice } from '../../shared/schema/notices'
import { Link } from '../app/Link'
import { versionPath } from '../app/router'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'
import '../styles/editorNotices.css'

function noticeText(notice: Notice): string {
  switch (notice.kind) {
    case 'roleChanged':
      return `${notice.actor} changed your role from ${notice.from} to ${notice.to}: you are now ${roleWithArticle(notice.to)}.`
    case 'restored':
      return `${notice.actor} restored version ${notice.version} into the draft; the text you see is that version’s.`
    case 'published':
      return `${notice.actor} published version ${notice.version}.`
  }
}

interface EditorNoticesProps {
  projectId: string
  notices: Notice[]
  onDismiss: (id: number) => void
}

export function EditorNotices({ projectId, notices, onDismiss }: EditorNoticesProps) {
  if (notices.length === 0) return null
  return (
    <ul className="editor-notices" aria-label="What others changed" data-testid="editor-notices">
      {notices.map((notice) => (
        <li
          key={notice.id}
          className="editor-notice"
          role="status"
          data-testid="editor-notice"
          data-kind={notice.kind}
        >
          <span className="editor-notice__text">
            {noticeText(notice)}{' '}
            <time className="muted" dateTime={notice.at} title={formatFullTime(notice.at)}>
              {formatRelativeTime(notice.at)}
            </time>
            {notice.kind !== 'roleChanged' && (
              <>
                {' '}
                <Link href={versionPath(projectId, notice.version)} className="editor-notice__link">
                  Open version {notice.version}
                </Link>
              </>
            )}
          </span>
          <button
            type="button"
            className="button button--ghost editor-notice__dismiss"
            data-testid="editor-notice-dismiss"
            onClick={() => onDismiss(notice.id)}
          >
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  )
}
