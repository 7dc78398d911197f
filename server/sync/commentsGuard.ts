/**
 * Who may change what in a project's comments document (shared/ydoc/commentsDoc.ts): a commenter adds threads
 * and comments as themselves, edits and deletes (tombstones) only their own comments, resolves, reopens and
 * re-anchors any thread (as themselves), and marks only their own mentions as seen. Nothing is ever removed
 * outright. The room checks each update from a socket on a scratch copy of what it has accepted so far,
 * before the update is stored.
 */
import * as Y from 'yjs'
import { CommentsRoot } from '../../shared/ydoc/commentsDoc'

const ROOTS = new Set<string>(Object.values(CommentsRoot))
const THREAD_KEYS_ANYONE_MAY_SET = new Set(['resolved', 'resolvedBy', 'resolvedAt', 'anchor'])
const COMMENT_KEYS_AUTHOR_MAY_SET = new Set(['body', 'mentions', 'editedAt', 'deleted'])

const authorOf = (comment: unknown): string | null => {
  if (!(comment instanceof Y.Map)) return null
  const author = comment.get('author') as { id?: unknown } | undefined
  return typeof author?.id === 'string' ? author.id : null
}

/** Every comment of a thread map is by `userId` (and it has a resolver only if that is `userId` too). */
function newThreadIsOwn(thread: unknown, userId: string): boolean {
  if (!(thread instanceof Y.Map)) return false
  const comments = thread.get('comments')
  if (!(comments instanceof Y.Array)) return false
  const resolvedBy = thread.get('resolvedBy') as { id?: unknown } | null | undefined
  if (resolvedBy && resolvedBy.id !== userId) return false
  return comments.toArray().every((comment) => authorOf(comment) === userId)
}

function checkThreadsEvent(event: Y.YEvent<Y.AbstractType<unknown>>, userId: string): string | null {
  const path = event.path
  if (path.length === 0) {
    for (const [threadId, change] of (event as Y.YMapEvent<unknown>).changes.keys) {
      if (change.action !== 'add') return 'threads are never removed or replaced'
      if (!newThreadIsOwn((event.target as Y.Map<unknown>).get(threadId), userId))
        return 'a new thread must be started as yourself'
    }
    return null
  }
  if (path.length === 1) {
    const thread = event.target as Y.Map<unknown>
    for (const key of (event as Y.YMapEvent<unknown>).keysChanged) {
      if (!THREAD_KEYS_ANYONE_MAY_SET.has(key)) return `a thread's ${key} cannot change`
    }
    const resolvedBy = thread.get('resolvedBy') as { id?: unknown } | null | undefined
    if (
      (event as Y.YMapEvent<unknown>).keysChanged.has('resolvedBy') &&
      resolvedBy &&
      resolvedBy.id !== userId
    )
      return 'threads are resolved as yourself'
    return null
  }
  if (path.length === 2 && path[1] === 'comments') {
    const { added, deleted } = event.changes
    if (deleted.size > 0) return 'comments are never removed (delete leaves a tombstone)'
    for (const item of added) {
      for (const comment of item.content.getContent()) {
        if (authorOf(comment) !== userId) return 'comments are written as yourself'
      }
    }
    return null
  }
  if (path.length === 3 && path[1] === 'comments') {
    for (const key of (event as Y.YMapEvent<unknown>).keysChanged) {
      if (!COMMENT_KEYS_AUTHOR_MAY_SET.has(key)) return `a comment's ${key} cannot change`
    }
    if (authorOf(event.target) !== userId) return 'you can only change your own comments'
    return null
  }
  return 'unexpected change in the comments document'
}

function checkSeenEvent(event: Y.YEvent<Y.AbstractType<unknown>>, userId: string): string | null {
  if (event.path.length === 0) {
    for (const key of (event as Y.YMapEvent<unknown>).keysChanged) {
      if (key !== userId) return 'you can only mark your own mentions as seen'
    }
    return null
  }
  return event.path.length === 1 && event.path[0] === userId
    ? null
    : 'you can only mark your own mentions as seen'
}

/** Why `update` by `userId` is refused, or null when it only does what a commenter may do. */
export function commentsUpdateViolation(accepted: Y.Doc, update: Uint8Array, userId: string): string | null {
  const scratch = new Y.Doc({ gc: false })
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(accepted))
    let violation: string | null = null
    const note = (found: string | null) => {
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
      if (!ROOTS.has(name)) return `no ${name} in the comments document`
    // A change whose dependencies the server has not seen would only be checked once they arrive.
    if (scratch.store.pendingStructs || scratch.store.pendingDs) return 'update depends on unknown changes'
    return null
  } catch {
    return 'unreadable update'
  } finally {
    scratch.destroy()
  }
}
