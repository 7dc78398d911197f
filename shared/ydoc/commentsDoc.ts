/**
 * The layout of a project's comments Y.Doc and its typed read/write helpers (the only code that knows its
 * keys). Threads live in one root map by id; each thread's comments are a Y.Array of Y.Maps, so concurrent
 * and offline replies all survive the merge. A deleted comment stays as a tombstone without its body, so
 * replies after it keep their place. Reading validates everything: any commenter's client wrote it.
 */
import * as Y from 'yjs'
import {
  type CommentView,
  MAX_COMMENT_LENGTH,
  type Person,
  ThreadAnchor,
  ThreadView,
} from '../schema/comments'

export const CommentsRoot = {
  /** Threads by id; each a Y.Map (see ThreadKey). */
  threads: 'threads',
  /** Per user id, a Y.Map of the comment ids mentioning them that they have seen. */
  mentionsSeen: 'mentionsSeen',
} as const

const ThreadKey = {
  id: 'id',
  anchor: 'anchor',
  createdAt: 'createdAt',
  resolved: 'resolved',
  resolvedBy: 'resolvedBy',
  resolvedAt: 'resolvedAt',
  comments: 'comments',
} as const

export function threadsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(CommentsRoot.threads)
}

function seenMap(doc: Y.Doc): Y.Map<Y.Map<boolean>> {
  return doc.getMap(CommentsRoot.mentionsSeen)
}

export interface NewComment {
  id: string
  author: Person
  body: string
  mentions: string[]
  at: string
}

/** Control characters other than tab and newline. */
const isControl = (code: number) => (code < 32 && code !== 9 && code !== 10) || code === 127

/** Strips control characters (keeping newlines and tabs) and trims; bodies are plain text. */
export function cleanCommentBody(body: string): string {
  let clean = ''
  for (const char of body) if (!isControl(char.charCodeAt(0))) clean += char
  return clean.trim().slice(0, MAX_COMMENT_LENGTH)
}

function commentMap(comment: NewComment): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set('id', comment.id)
  map.set('author', { id: comment.author.id, name: comment.author.name, color: comment.author.color ?? '' })
  map.set('body', cleanCommentBody(comment.body))
  map.set('mentions', [...new Set(comment.mentions)])
  map.set('createdAt', comment.at)
  map.set('editedAt', null)
  map.set('deleted', false)
  return map
}

/** Starts a thread with its first comment. */
export function startThread(
  doc: Y.Doc,
  thread: { id: string; anchor: ThreadAnchor; first: NewComment },
): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    map.set(ThreadKey.id, thread.id)
    map.set(ThreadKey.anchor, ThreadAnchor.parse(thread.anchor))
    map.set(ThreadKey.createdAt, thread.first.at)
    map.set(ThreadKey.resolved, false)
    map.set(ThreadKey.resolvedBy, null)
    map.set(ThreadKey.resolvedAt, null)
    const comments = new Y.Array<Y.Map<unknown>>()
    comments.push([commentMap(thread.first)])
    map.set(ThreadKey.comments, comments)
    threadsMap(doc).set(thread.id, map)
  })
}

function commentsOf(doc: Y.Doc, threadId: string): Y.Array<Y.Map<unknown>> | null {
  const comments = threadsMap(doc).get(threadId)?.get(ThreadKey.comments)
  return comments instanceof Y.Array ? (comments as Y.Array<Y.Map<unknown>>) : null
}

function findComment(doc: Y.Doc, threadId: string, commentId: string): Y.Map<unknown> | null {
  return (
    commentsOf(doc, threadId)
      ?.toArray()
      .find((c) => c.get('id') === commentId) ?? null
  )
}

/** Adds a reply; false when the thread does not exist. */
export function addReply(doc: Y.Doc, threadId: string, comment: NewComment): boolean {
  const comments = commentsOf(doc, threadId)
  if (!comments) return false
  comments.push([commentMap(comment)])
  return true
}

/** Changes a comment's body (the UI offers it only to the author). */
export function editComment(
  doc: Y.Doc,
  threadId: string,
  commentId: string,
  edit: { body: string; mentions: string[]; at: string },
): boolean {
  const comment = findComment(doc, threadId, commentId)
  if (!comment || comment.get('deleted') === true) return false
  doc.transact(() => {
    comment.set('body', cleanCommentBody(edit.body))
    comment.set('mentions', [...new Set(edit.mentions)])
    comment.set('editedAt', edit.at)
  })
  return true
}

/** Deletes a comment's body, leaving a tombstone so the replies after it keep their place. */
export function deleteComment(doc: Y.Doc, threadId: string, commentId: string): boolean {
  const comment = findComment(doc, threadId, commentId)
  if (!comment) return false
  doc.transact(() => {
    comment.set('body', '')
    comment.set('mentions', [])
    comment.set('deleted', true)
  })
  return true
}

export function setResolved(
  doc: Y.Doc,
  threadId: string,
  resolved: boolean,
  by: Person,
  at: string,
): boolean {
  const thread = threadsMap(doc).get(threadId)
  if (!thread) return false
  doc.transact(() => {
    thread.set(ThreadKey.resolved, resolved)
    thread.set(ThreadKey.resolvedBy, resolved ? { id: by.id, name: by.name } : null)
    thread.set(ThreadKey.resolvedAt, resolved ? at : null)
  })
  return true
}

/** Moves a thread to a new anchor (used to re-anchor text after an undo brought it back). */
export function setAnchor(doc: Y.Doc, threadId: string, anchor: ThreadAnchor): void {
  threadsMap(doc).get(threadId)?.set(ThreadKey.anchor, ThreadAnchor.parse(anchor))
}

function readComment(map: Y.Map<unknown>): CommentView | null {
  const raw = {
    id: map.get('id'),
    author: map.get('author'),
    body: map.get('body'),
    mentions: map.get('mentions') ?? [],
    createdAt: map.get('createdAt'),
    editedAt: map.get('editedAt') ?? null,
    deleted: map.get('deleted') === true,
  }
  const parsed = ThreadView.shape.comments.element.safeParse(raw)
  if (!parsed.success) return null
  const body = parsed.data.deleted ? '' : cleanCommentBody(parsed.data.body)
  return { ...parsed.data, body }
}

function readThread(map: Y.Map<unknown>): ThreadView | null {
  const comments = map.get(ThreadKey.comments)
  const parsed = ThreadView.safeParse({
    id: map.get(ThreadKey.id),
    anchor: map.get(ThreadKey.anchor),
    createdAt: map.get(ThreadKey.createdAt),
    resolved: map.get(ThreadKey.resolved) === true,
    resolvedBy: map.get(ThreadKey.resolvedBy) ?? null,
    resolvedAt: map.get(ThreadKey.resolvedAt) ?? null,
    comments:
      comments instanceof Y.Array
        ? (comments.toArray() as unknown[])
            .filter((c): c is Y.Map<unknown> => c instanceof Y.Map)
            .map(readComment)
            .filter((c): c is CommentView => c !== null)
        : [],
  })
  if (!parsed.success) return null
  // A thread whose every comment was deleted is gone.
  if (parsed.data.comments.every((c) => c.deleted)) return null
  return parsed.data
}

/** Every readable thread, oldest first. */
export function readThreads(doc: Y.Doc): ThreadView[] {
  const threads: ThreadView[] = []
  for (const map of threadsMap(doc).values()) {
    if (!(map instanceof Y.Map)) continue
    const thread = readThread(map)
    if (thread) threads.push(thread)
  }
  return threads.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
}

/** Threads that are not resolved (what the publish dialog warns about and versions record). */
export function countOpenThreads(doc: Y.Doc): { open: number; resolved: number } {
  const threads = readThreads(doc)
  const open = threads.filter((t) => !t.resolved).length
  return { open, resolved: threads.length - open }
}

/** Comments mentioning `userId`, by someone else, still there and not yet seen by them. */
export function unseenMentions(doc: Y.Doc, threads: ThreadView[], userId: string): string[] {
  const seen = seenMap(doc).get(userId)
  const unseen: string[] = []
  for (const thread of threads) {
    for (const comment of thread.comments) {
      if (comment.deleted || comment.author.id === userId || !comment.mentions.includes(userId)) continue
      if (!(seen instanceof Y.Map) || seen.get(comment.id) !== true) unseen.push(comment.id)
    }
  }
  return unseen
}

export function markMentionsSeen(doc: Y.Doc, userId: string, commentIds: string[]): void {
  if (commentIds.length === 0) return
  doc.transact(() => {
    const root = seenMap(doc)
    let seen = root.get(userId)
    if (!(seen instanceof Y.Map)) {
      seen = new Y.Map<boolean>()
      root.set(userId, seen)
    }
    for (const id of commentIds) seen.set(id, true)
  })
}
