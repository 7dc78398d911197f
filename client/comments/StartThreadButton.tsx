/**
 * "Comment" on a rubric criterion or a calibration example: starts a thread about it, and shows how many
 * open threads it already has (a click on the count opens the first).
 */
import type { ThreadAnchor } from '../../shared/schema/comments'
import { useCommentsUi } from './commentsContext'

type TargetAnchor = Exclude<ThreadAnchor, { kind: 'text' }>

const targetId = (anchor: ThreadAnchor) =>
  anchor.kind === 'criterion' ? anchor.criterionId : anchor.kind === 'example' ? anchor.exampleId : null

export function StartThreadButton({ anchor }: { anchor: TargetAnchor }) {
  const ui = useCommentsUi()
  if (!ui) return null
  const id = targetId(anchor)
  const open = ui.threads.filter(
    (t) => !t.resolved && t.anchor.kind === anchor.kind && targetId(t.anchor) === id,
  )
  const what = anchor.kind === 'criterion' ? 'criterion' : 'example'
  return (
    <span className="start-thread">
      {open.length > 0 && (
        <button
          type="button"
          className="start-thread__count"
          data-testid="target-open-threads"
          title={`${open.length} open comment ${open.length === 1 ? 'thread' : 'threads'} on this ${what}`}
          onClick={() => ui.activate(open[0]!.id)}
        >
          {open.length}
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        data-testid={`comment-${what}`}
        aria-label={`Comment on this ${what}`}
        title={`Comment on this ${what}`}
        onClick={() => ui.begin(anchor)}
      >
        <svg
          viewBox="0 0 16 16"
          width="16"
          height="16"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        >
          <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" strokeLinejoin="round" />
        </svg>
      </button>
    </span>
  )
}
