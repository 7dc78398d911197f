/**
 * The layout of a project's comments Y.Doc and its typed read/write helpers (the only code that knows its
 * keys). Threads live in one root map by id; each thread's comments are a Y.Array of Y.Maps, so concurrent
 * and offline replies all survive the merge. A deleted comment stays as a tombstone without its body, so
 * replies after it keep their place. Reading validates everything: any commenter's client wrote it.
 */
import * as Y from 'yjs'
import {
  type CommentView,
  isForbiddenCommentChar,
  MAX_COMMENT_LENGTH,
  MAX_MENTIONS,
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

/** The keys of a thread's Y.Map. */
export const ThreadKey = {
  id: 'id',
  anchor: 'anchor',
  createdAt: 'createdAt',
  resolved: 'resolved',
  resolvedBy: 'resolvedBy',
  resolvedAt: 'resolvedAt',
  comments: 'comments',
} as const

/** The keys of a comment's Y.Map (in its thread's `comments` array). */
export const CommentKey = {
  id: 'id',
  /** `{ id, name, color }` of the account that wrote it. */
  author: 'author',
  body: 'body',
  /** User ids. */
  mentions: 'mentions',
  createdAt: 'createdAt',
  editedAt: 'editedAt',
  deleted: 'deleted',
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

/**
 * Strips the characters no body may hold (controls other than newline and tab, bidi overrides) and trims;
 * bodies are plain text. The server refuses a body that is not clean (commentsKind.ts).
 */
export function cleanCommentBody(body: string): string {
  let clean = ''
  for (const char of body) if (!isForbiddenCommentChar(char.charCodeAt(0))) clean += char
  return clean.trim().slice(0, MAX_COMMENT_LENGTH)
}

const cleanMentions = (mentions: string[]) => [...new Set(mentions)].slice(0, MAX_MENTIONS)

/** A comment's Y.Map, cleaned (threads' and suggestions' discussions share this shape). */
export function commentMap(comment: NewComment): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  map.set(CommentKey.id, comment.id)
  const { id, name, color } = comment.author
  map.set(CommentKey.author, { id, name, color: color ?? '' })
  map.set(CommentKey.body, cleanCommentBody(comment.body))
  map.set(CommentKey.mentions, cleanMentions(comment.mentions))
  map.set(CommentKey.createdAt, comment.at)
  map.set(CommentKey.editedAt, null)
  map.set(CommentKey.deleted, false)
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
      .find((c) => c.get(CommentKey.id) === commentId) ?? null
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
  if (!comment || comment.get(CommentKey.deleted) === true) return false
  doc.transact(() => {
    comment.set(CommentKey.body, cleanCommentBody(edit.body))
    comment.set(CommentKey.mentions, cleanMentions(edit.mentions))
    comment.set(CommentKey.editedAt, edit.at)
  })
  return true
}

/** Deletes a comment's body, leaving a tombstone so the replies after it keep their place. */
export function deleteComment(doc: Y.Doc, threadId: string, commentId: string): boolean {
  const comment = findComment(doc, threadId, commentId)
  if (!comment) return false
  doc.transact(() => {
    comment.set(CommentKey.body, '')
    comment.set(CommentKey.mentions, [])
    comment.set(CommentKey.deleted, true)
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

/** One comment read back and validated (null when unreadable); a tombstone has an empty body. */
function readComment(map: Y.Map<unknown>): CommentView | null {
  const raw = {
    id: map.get(CommentKey.id),
    author: map.get(CommentKey.author),
    body: map.get(CommentKey.body),
    mentions: map.get(CommentKey.mentions) ?? [],
    createdAt: map.get(CommentKey.createdAt),
    editedAt: map.get(CommentKey.editedAt) ?? null,
    deleted: map.get(CommentKey.deleted) === true,
  }
  const parsed = ThreadView.shape.comments.element.safeParse(raw)
  if (!parsed.success) return null
  const body = parsed.data.deleted ? '' : cleanCommentBody(parsed.data.body)
  return { ...parsed.data, body }
}

/** The readable comments of a thread's (or a suggestion's) comment list; anything else reads as none. */
export function readComments(list: unknown): CommentView[] {
  if (!(list instanceof Y.Array)) return []
  return (list.toArray() as unknown[])
    .filter((c): c is Y.Map<unknown> => c instanceof Y.Map)
    .map(readComment)
    .filter((c): c is CommentView => c !== null)
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
    comments: readComments(comments),
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

/**
 * Comments mentioning `userId`, by someone else, still there and not yet seen by them, in the discussions
 * given: threads, and suggestions (whose replies mention people the same way).
 */
export function unseenMentions(
  doc: Y.Doc,
  discussions: readonly { comments: readonly CommentView[] }[],
  userId: string,
): string[] {
  const seen = seenMap(doc).get(userId)
  const unseen: string[] = []
  for (const discussion of discussions) {
    for (const comment of discussion.comments) {
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
