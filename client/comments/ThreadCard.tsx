/**
 * One comment thread: what it is about (the anchored words, or "text deleted" once they are gone), its
 * comments with edit and delete for their author, a reply box while it is open, and resolve / reopen.
 */
import { useState } from 'react'
import type { CommentView, ThreadView } from '../../shared/schema/comments'
import { addReply, deleteComment, editComment, setResolved } from '../../shared/ydoc/commentsDoc'
import { newYId } from '../../shared/ydoc/ids'
import { Avatar } from '../ui/Avatar'
import { formatFullTime, formatRelativeTime } from '../ui/formatTime'
import { CommentBody } from './CommentBody'
import { CommentComposer } from './CommentComposer'
import { type CommentsUi, useCommentsUi } from './commentsContext'
import type { AnchorState } from './useAnchorStates'

const KIND_LABEL = { text: null, criterion: 'Criterion', example: 'Example' } as const

function AnchorLine({ thread, anchor }: { thread: ThreadView; anchor: AnchorState | undefined }) {
  const kind = KIND_LABEL[thread.anchor.kind]
  return (
    <div className="thread__anchor">
      {kind && <span className="thread__kind">{kind}</span>}
      <span className={`thread__quote${anchor?.detached ? ' thread__quote--gone' : ''}`}>
        {kind ? anchor?.label : `“${anchor?.label ?? ''}”`}
      </span>
      {anchor?.detached && (
        <span className="thread__detached" data-testid="thread-detached">
          {thread.anchor.kind === 'text' ? 'Text deleted' : `${kind} deleted`}
        </span>
      )}
    </div>
  )
}

function CommentItem({ ui, thread, comment }: { ui: CommentsUi; thread: ThreadView; comment: CommentView }) {
  const [editing, setEditing] = useState(false)
  const mine = comment.author.id === ui.me.id
  const mentioned = ui.people.filter((p) => comment.mentions.includes(p.id))
  const color = comment.author.color || ui.people.find((p) => p.id === comment.author.id)?.color || '#6b6f76'
  return (
    <li className="comment" data-testid="comment">
      <div className="comment__head">
        <Avatar name={comment.author.name} color={color} size="small" />
        <span className="comment__author">{comment.author.name}</span>
        <time
          className="comment__time"
          dateTime={comment.createdAt}
          title={formatFullTime(comment.createdAt)}
        >
          {formatRelativeTime(comment.createdAt)}
          {comment.editedAt && ' · edited'}
        </time>
        {mine && !comment.deleted && !editing && (
          <span className="comment__tools">
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="link-button link-button--danger"
              data-testid="comment-delete"
              onClick={() => deleteComment(ui.doc, thread.id, comment.id)}
            >
              Delete
            </button>
          </span>
        )}
      </div>
      {comment.deleted ? (
        <p className="comment__body comment__body--deleted">Comment deleted</p>
      ) : editing ? (
        <CommentComposer
          people={ui.people}
          me={ui.me}
          initial={comment.body}
          submitLabel="Save"
          placeholder="Edit your comment"
          autoFocus
          testId="comment-edit"
          onCancel={() => setEditing(false)}
          onSubmit={(body, mentions) => {
            editComment(ui.doc, thread.id, comment.id, { body, mentions, at: new Date().toISOString() })
            setEditing(false)
          }}
        />
      ) : (
        <CommentBody body={comment.body} mentioned={mentioned} />
      )}
    </li>
  )
}

export function ThreadCard({ thread, anchor }: { thread: ThreadView; anchor: AnchorState | undefined }) {
  const ui = useCommentsUi()
  if (!ui) return null
  const active = ui.activeId === thread.id
  const hasUnseen = thread.comments.some((c) => ui.unseen.has(c.id))
  return (
    // biome-ignore lint/a11y/useSemanticElements: the card holds buttons of its own, so it cannot be one
    <article
      className={`thread${active ? ' thread--active' : ''}${thread.resolved ? ' thread--resolved' : ''}`}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-state={thread.resolved ? 'resolved' : 'open'}
      role="group"
      aria-label={`Comments on ${anchor?.label ?? 'the draft'}`}
      onClick={() => !active && ui.activate(thread.id)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target === event.currentTarget) ui.activate(thread.id)
      }}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the card can be opened from the keyboard
      tabIndex={0}
    >
      <header className="thread__head">
        <AnchorLine thread={thread} anchor={anchor} />
        {hasUnseen && <span className="mention-dot" title="You were mentioned" />}
        <button
          type="button"
          className={`button button--small ${thread.resolved ? 'button--ghost' : 'button--secondary'}`}
          data-testid={thread.resolved ? 'thread-reopen' : 'thread-resolve'}
          onClick={(event) => {
            event.stopPropagation()
            setResolved(ui.doc, thread.id, !thread.resolved, ui.me, new Date().toISOString())
          }}
        >
          {thread.resolved ? 'Reopen' : 'Resolve'}
        </button>
      </header>
      {thread.resolved && thread.resolvedBy && (
        <p className="thread__resolved-note" data-testid="thread-resolved-note">
          Resolved by {thread.resolvedBy.name}
          {thread.resolvedAt && ` ${formatRelativeTime(thread.resolvedAt)}`}
        </p>
      )}
      <ol className="thread__comments">
        {(active ? thread.comments : thread.comments.slice(0, 1)).map((comment) => (
          <CommentItem key={comment.id} ui={ui} thread={thread} comment={comment} />
        ))}
      </ol>
      {!active && thread.comments.length > 1 && (
        <p className="thread__more">
          {thread.comments.length - 1} {thread.comments.length === 2 ? 'reply' : 'replies'}
        </p>
      )}
      {active && (
        <CommentComposer
          people={ui.people}
          me={ui.me}
          submitLabel="Reply"
          placeholder="Reply… (@ to mention)"
          testId="reply-input"
          onSubmit={(body, mentions) =>
            addReply(ui.doc, thread.id, {
              id: newYId(),
              author: ui.me,
              body,
              mentions,
              at: new Date().toISOString(),
            })
          }
        />
      )}
    </article>
  )
}
