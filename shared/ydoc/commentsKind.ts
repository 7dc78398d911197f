/**
 * The comments document kind (layout and helpers: commentsDoc.ts) and who may change what in it: a
 * commenter adds threads and comments as themselves, edits and deletes (tombstones) only their own comments,
 * resolves, reopens and re-anchors any thread (as themselves), and marks only their own mentions as seen.
 * Nothing is ever removed outright. What is written must fit the shared comment schema (body length and
 * characters, mention format, anchors). The server checks each update from a socket on a scratch copy of
 * what it has accepted so far, before the update is stored.
 */
import * as Y from 'yjs'
import { CommentBody, CommentMentions, ThreadAnchor } from '../schema/comments'
import { CommentKey, CommentsRoot, ThreadKey } from './commentsDoc'
import type { DocKindRules, UpdateRefusal } from './docKind'

const ROOTS = new Set<string>(Object.values(CommentsRoot))
const THREAD_KEYS_ANYONE_MAY_SET = new Set<string>([
  ThreadKey.resolved,
  ThreadKey.resolvedBy,
  ThreadKey.resolvedAt,
  ThreadKey.anchor,
])
const COMMENT_KEYS_AUTHOR_MAY_SET = new Set<string>([
  CommentKey.body,
  CommentKey.mentions,
  CommentKey.editedAt,
  CommentKey.deleted,
])

const forbidden = (reason: string): UpdateRefusal => ({ kind: 'forbidden', reason })
const invalid = (reason: string): UpdateRefusal => ({ kind: 'invalid', reason })

const authorOf = (comment: unknown): string | null => {
  if (!(comment instanceof Y.Map)) return null
  const author = comment.get(CommentKey.author) as { id?: unknown } | undefined
  return typeof author?.id === 'string' ? author.id : null
}

const firstIssue = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? null : invalid(result.error?.issues[0]?.message ?? 'invalid comment')

/** Whether the body and mentions a comment holds now fit the schema (a tombstone's are empty). */
function commentContentIssue(comment: Y.Map<unknown>, keys: Iterable<string>): UpdateRefusal | null {
  for (const key of keys) {
    if (key === CommentKey.body) {
      const issue = firstIssue(CommentBody.safeParse(comment.get(CommentKey.body)))
      if (issue) return issue
    } else if (key === CommentKey.mentions) {
      const issue = firstIssue(CommentMentions.safeParse(comment.get(CommentKey.mentions)))
      if (issue) return issue
    }
  }
  return null
}

/** Every comment of a new comments array is by `userId` and fits the schema. */
function newCommentsIssue(comments: unknown[], userId: string): UpdateRefusal | null {
  for (const comment of comments) {
    if (authorOf(comment) !== userId) return forbidden('comments are written as yourself')
    const issue = commentContentIssue(comment as Y.Map<unknown>, [CommentKey.body, CommentKey.mentions])
    if (issue) return issue
  }
  return null
}

/** A new thread map: its comments are by `userId`, it has a resolver only if that is `userId` too. */
function newThreadIssue(thread: unknown, userId: string): UpdateRefusal | null {
  const own = forbidden('a new thread must be started as yourself')
  if (!(thread instanceof Y.Map)) return own
  const comments = thread.get(ThreadKey.comments)
  if (!(comments instanceof Y.Array)) return own
  const resolvedBy = thread.get(ThreadKey.resolvedBy) as { id?: unknown } | null | undefined
  if (resolvedBy && resolvedBy.id !== userId) return own
  const issue = newCommentsIssue(comments.toArray(), userId)
  if (issue) return issue.kind === 'forbidden' ? own : issue
  return firstIssue(ThreadAnchor.safeParse(thread.get(ThreadKey.anchor)))
}

function threadKeysIssue(event: Y.YMapEvent<unknown>, userId: string): UpdateRefusal | null {
  const thread = event.target as Y.Map<unknown>
  for (const key of event.keysChanged) {
    if (!THREAD_KEYS_ANYONE_MAY_SET.has(key)) return forbidden(`a thread's ${key} cannot change`)
  }
  const resolvedBy = thread.get(ThreadKey.resolvedBy) as { id?: unknown } | null | undefined
  if (event.keysChanged.has(ThreadKey.resolvedBy) && resolvedBy && resolvedBy.id !== userId)
    return forbidden('threads are resolved as yourself')
  if (event.keysChanged.has(ThreadKey.anchor))
    return firstIssue(ThreadAnchor.safeParse(thread.get(ThreadKey.anchor)))
  return null
}

function checkThreadsEvent(event: Y.YEvent<Y.AbstractType<unknown>>, userId: string): UpdateRefusal | null {
  const path = event.path
  if (path.length === 0) {
    for (const [threadId, change] of (event as Y.YMapEvent<unknown>).changes.keys) {
      if (change.action !== 'add') return forbidden('threads are never removed or replaced')
      const issue = newThreadIssue((event.target as Y.Map<unknown>).get(threadId), userId)
      if (issue) return issue
    }
    return null
  }
  if (path.length === 1) return threadKeysIssue(event as Y.YMapEvent<unknown>, userId)
  if (path.length === 2 && path[1] === ThreadKey.comments) {
    const { added, deleted } = event.changes
    if (deleted.size > 0) return forbidden('comments are never removed (delete leaves a tombstone)')
    for (const item of added) {
      const issue = newCommentsIssue(item.content.getContent(), userId)
      if (issue) return issue
    }
    return null
  }
  if (path.length === 3 && path[1] === ThreadKey.comments) {
    const { keysChanged } = event as Y.YMapEvent<unknown>
    for (const key of keysChanged) {
      if (!COMMENT_KEYS_AUTHOR_MAY_SET.has(key)) return forbidden(`a comment's ${key} cannot change`)
    }
    if (authorOf(event.target) !== userId) return forbidden('you can only change your own comments')
    return commentContentIssue(event.target as Y.Map<unknown>, keysChanged)
  }
  return forbidden('unexpected change in the comments document')
}

function checkSeenEvent(event: Y.YEvent<Y.AbstractType<unknown>>, userId: string): UpdateRefusal | null {
  const notYours = forbidden('you can only mark your own mentions as seen')
  if (event.path.length === 0) {
    for (const key of (event as Y.YMapEvent<unknown>).keysChanged) if (key !== userId) return notYours
    return null
  }
  return event.path.length === 1 && event.path[0] === userId ? null : notYours
}

/** Why `update` by `userId` is refused, or null when it only does what a commenter may do. */
export function commentsUpdateViolation(
  accepted: Y.Doc,
  update: Uint8Array,
  userId: string,
): UpdateRefusal | null {
  const scratch = new Y.Doc({ gc: false })
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(accepted))
    let violation: UpdateRefusal | null = null
    const note = (found: UpdateRefusal | null) => {
      violation ??= found
    }
    scratch.getMap(CommentsRoot.threads).observeDeep((events) => {
      for (const event of events) note(checkThreadsEvent(event, userId))
    })
    scratch.getMap(CommentsRoot.mentionsSeen).observeDeep((events) => {
      for (const event of events) note(checkSeenEvent(event, userId))
    })
    Y.applyUpdate(scratch, update)
    if (violation) return violation
    for (const name of scratch.share.keys())
      if (!ROOTS.has(name)) return forbidden(`no ${name} in the comments document`)
    // A change whose dependencies the server has not seen would only be checked once they arrive.
    if (scratch.store.pendingStructs || scratch.store.pendingDs)
      return forbidden('update depends on unknown changes')
    return null
  } catch {
    return forbidden('unreadable update')
  } finally {
    scratch.destroy()
  }
}

export const commentsKind: DocKindRules = {
  roots: [...ROOTS],
  checkUpdate: commentsUpdateViolation,
}
