/**
 * The comments panel beside the guideline: the composer of a new thread, a filter (open / resolved / mine)
 * and the threads in document order of creation. The open thread is scrolled into view, and opening it
 * marks the mentions of me in it as seen.
 */
import { useEffect, useState } from 'react'
import '../styles/comments.css'
import type { ThreadView } from '../../shared/schema/comments'
import { markMentionsSeen, startThread } from '../../shared/ydoc/commentsDoc'
import { newYId } from '../../shared/ydoc/ids'
import { CommentComposer } from './CommentComposer'
import { type CommentsUi, useCommentsUi } from './commentsContext'
import { ThreadCard } from './ThreadCard'
import { useAnchorStates } from './useAnchorStates'

type Filter = 'open' | 'resolved' | 'mine'

const FILTERS: { id: Filter; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'resolved', label: 'Resolved' },
  { id: 'mine', label: 'Mine' },
]

function involves(thread: ThreadView, userId: string): boolean {
  return thread.comments.some((c) => c.author.id === userId || c.mentions.includes(userId))
}

export function CommentsPanel() {
  const ui = useCommentsUi()
  return ui ? <ThreadList ui={ui} /> : null
}

function ThreadList({ ui }: { ui: CommentsUi }) {
  const [filter, setFilter] = useState<Filter>('open')
  const threads = ui.threads
  const anchors = useAnchorStates(ui.draft, threads)
  const activeId = ui.activeId

  // The open thread: scrolled into view, and the mentions of me in it count as seen.
  useEffect(() => {
    if (!activeId) return
    const thread = ui.threads.find((t) => t.id === activeId)
    if (!thread) return
    const unseen = thread.comments.filter((c) => ui.unseen.has(c.id)).map((c) => c.id)
    if (unseen.length > 0) markMentionsSeen(ui.doc, ui.me.id, unseen)
  }, [ui, activeId])
  useEffect(() => {
    if (!activeId) return
    document
      .querySelector(`[data-thread-id="${CSS.escape(activeId)}"]`)
      ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }, [activeId])

  // The open thread stays in view whatever the filter (e.g. while someone resolves it).
  const shown = threads.filter(
    (t) =>
      t.id === activeId ||
      (filter === 'open' ? !t.resolved : filter === 'resolved' ? t.resolved : involves(t, ui.me.id)),
  )
  const count = (f: Filter) =>
    threads.filter((t) =>
      f === 'open' ? !t.resolved : f === 'resolved' ? t.resolved : involves(t, ui.me.id),
    ).length

  return (
    <section className="comments-panel" data-testid="comments-panel" aria-label="Comments">
      <div className="comments-panel__filters" role="tablist" aria-label="Show threads">
        {FILTERS.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={filter === id}
            data-testid={`comments-filter-${id}`}
            className={`filter-chip${filter === id ? ' filter-chip--active' : ''}`}
            onClick={() => {
              setFilter(id)
              ui.activate(null)
            }}
          >
            {label} <span className="filter-chip__count">{count(id)}</span>
          </button>
        ))}
      </div>
      {ui.pending && (
        <div className="thread thread--new" data-testid="new-thread">
          <div className="thread__anchor">
            {ui.pending.kind !== 'text' && (
              <span className="thread__kind">
                {ui.pending.kind === 'criterion' ? 'Criterion' : 'Example'}
              </span>
            )}
            <span className="thread__quote">
              {ui.pending.kind === 'text' ? `“${ui.pending.quote}”` : ui.pending.label}
            </span>
          </div>
          <CommentComposer
            people={ui.people}
            me={ui.me}
            submitLabel="Comment"
            placeholder="Add a comment… (@ to mention)"
            autoFocus
            testId="new-comment-input"
            onCancel={ui.cancel}
            onSubmit={(body, mentions) => {
              const id = newYId()
              const at = new Date().toISOString()
              startThread(ui.doc, {
                id,
                anchor: ui.pending!,
                first: { id: newYId(), author: ui.me, body, mentions, at },
              })
              ui.cancel()
              setFilter('open')
              ui.activate(id)
            }}
          />
        </div>
      )}
      {shown.length === 0 && !ui.pending ? (
        <p className="comments-panel__empty" data-testid="comments-empty">
          {filter === 'open'
            ? 'No open threads. Select text in the guideline and press Comment to start one.'
            : filter === 'resolved'
              ? 'No resolved threads yet.'
              : 'No threads you started, replied to or were mentioned in.'}
        </p>
      ) : (
        shown.map((thread) => <ThreadCard key={thread.id} thread={thread} anchor={anchors.get(thread.id)} />)
      )}
    </section>
  )
}
