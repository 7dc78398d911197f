/**
 * The comments document kind (layout and helpers: commentsDoc.ts, suggestionsDoc.ts) and who may change what
 * in it: a commenter adds threads and comments as themselves, edits and deletes (tombstones) only their own
 * comments, resolves, reopens and re-anchors any thread (as themselves), and marks only their own mentions as
 * seen. A commenter suggests edits as themselves (open, undecided, texts that fit the target); only the
 * author changes an open suggestion's range and texts or withdraws it; only a writer who may edit the draft
 * accepts or rejects an open suggestion, as themselves; a suggestion's discussion follows the thread rules.
 * Nothing is ever removed outright. What is written must fit the shared schemas (body length and characters,
 * mention format, anchors, suggestion targets, ranges and texts). The server checks each update from a
 * socket on a scratch copy of what it has accepted so far, before the update is stored.
 */
import * as Y from 'yjs'
import { CommentBody, CommentMentions, Person, ThreadAnchor } from '../schema/comments'
import {
  DecidedTexts,
  SuggestionId,
  SuggestionRange,
  SuggestionTarget,
  SuggestionText,
  suggestionTextFits,
} from '../schema/suggestions'
import { CommentKey, CommentsRoot, ThreadKey } from './commentsDoc'
import type { DocKindRules, UpdateRefusal, UpdateWriter } from './docKind'
import { cleanSuggestionLabel, SuggestionKey, SuggestionsRoot } from './suggestionsDoc'

const ROOTS = new Set<string>([...Object.values(CommentsRoot), SuggestionsRoot])
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

/** A change inside a discussion (a thread's or a suggestion's `comments` array, or one comment of it). */
function discussionIssue(event: Y.YEvent<Y.AbstractType<unknown>>, userId: string): UpdateRefusal | null {
  if (event.path.length === 2) {
    const { added, deleted } = event.changes
    if (deleted.size > 0) return forbidden('comments are never removed (delete leaves a tombstone)')
    for (const item of added) {
      const issue = newCommentsIssue(item.content.getContent(), userId)
      if (issue) return issue
    }
    return null
  }
  const { keysChanged } = event as Y.YMapEvent<unknown>
  for (const key of keysChanged) {
    if (!COMMENT_KEYS_AUTHOR_MAY_SET.has(key)) return forbidden(`a comment's ${key} cannot change`)
  }
  if (authorOf(event.target) !== userId) return forbidden('you can only change your own comments')
  return commentContentIssue(event.target as Y.Map<unknown>, keysChanged)
}

const inDiscussion = (path: (string | number)[], commentsKey: string) =>
  (path.length === 2 || path.length === 3) && path[1] === commentsKey

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
  if (inDiscussion(path, ThreadKey.comments)) return discussionIssue(event, userId)
  return forbidden('unexpected change in the comments document')
}

const SUGGESTION_KEYS = new Set<string>(Object.values(SuggestionKey))
/** What the author may change while their suggestion is open (extending it as they type). */
const SUGGESTION_KEYS_AUTHOR_MAY_SET = new Set<string>([
  SuggestionKey.range,
  SuggestionKey.original,
  SuggestionKey.replacement,
])
const DECISION_KEYS = new Set<string>([
  SuggestionKey.status,
  SuggestionKey.decidedBy,
  SuggestionKey.decidedAt,
  SuggestionKey.decided,
])

const personId = (value: unknown): string | null => {
  const parsed = Person.safeParse(value)
  return parsed.success ? parsed.data.id : null
}

/** The range and texts a suggestion holds now fit the shared schema and its target. */
function suggestionContentIssue(suggestion: Y.Map<unknown>): UpdateRefusal | null {
  const target = SuggestionTarget.safeParse(suggestion.get(SuggestionKey.target))
  if (!target.success) return firstIssue(target)
  const issue = firstIssue(SuggestionRange.safeParse(suggestion.get(SuggestionKey.range)))
  if (issue) return issue
  for (const key of [SuggestionKey.original, SuggestionKey.replacement]) {
    const text = SuggestionText.safeParse(suggestion.get(key))
    if (!text.success) return firstIssue(text)
    if (!suggestionTextFits(target.data, text.data)) return invalid('this text cannot hold a line break')
  }
  return null
}

/** A new suggestion: by the writer, open and undecided, with readable fields and an empty or own discussion. */
function newSuggestionIssue(key: string, suggestion: unknown, userId: string): UpdateRefusal | null {
  if (!(suggestion instanceof Y.Map)) return invalid('a suggestion is a map')
  if (personId(suggestion.get(SuggestionKey.author)) !== userId)
    return forbidden('a suggestion is made as yourself')
  if (!SuggestionId.safeParse(key).success || suggestion.get(SuggestionKey.id) !== key)
    return invalid("a suggestion's id is its key (1–64 letters, digits, _ or -)")
  for (const name of suggestion.keys())
    if (!SUGGESTION_KEYS.has(name)) return invalid(`a suggestion has no ${name}`)
  if (suggestion.get(SuggestionKey.status) !== 'open') return forbidden('a new suggestion is open')
  if (
    suggestion.get(SuggestionKey.decidedBy) !== null ||
    suggestion.get(SuggestionKey.decidedAt) !== null ||
    (suggestion.get(SuggestionKey.decided) ?? null) !== null
  )
    return forbidden('a new suggestion is undecided')
  const createdAt = suggestion.get(SuggestionKey.createdAt)
  if (typeof createdAt !== 'string' || createdAt.length > 64) return invalid('a suggestion needs its time')
  const label = suggestion.get(SuggestionKey.label)
  if (typeof label !== 'string' || label !== cleanSuggestionLabel(label))
    return invalid(
      'a label is one line of at most 200 characters, without control or bidi override characters',
    )
  const comments = suggestion.get(SuggestionKey.comments)
  if (!(comments instanceof Y.Array)) return invalid("a suggestion's discussion is a list")
  return suggestionContentIssue(suggestion) ?? newCommentsIssue(comments.toArray(), userId)
}

/** A decision (or withdrawal) written on a suggestion that was open before this update. */
function statusChangeIssue(suggestion: Y.Map<unknown>, writer: UpdateWriter): UpdateRefusal | null {
  const status = suggestion.get(SuggestionKey.status)
  const decidedBy = suggestion.get(SuggestionKey.decidedBy)
  const decidedAt = suggestion.get(SuggestionKey.decidedAt)
  if (status === 'withdrawn') {
    if (personId(suggestion.get(SuggestionKey.author)) !== writer.id)
      return forbidden('only its author withdraws a suggestion')
    const undecided =
      decidedBy === null && decidedAt === null && (suggestion.get(SuggestionKey.decided) ?? null) === null
    return undecided ? null : forbidden('a withdrawn suggestion is undecided')
  }
  if (status !== 'accepted' && status !== 'rejected') return forbidden('a suggestion is never reopened')
  if (!writer.mayEditDraft) return forbidden('only someone who may edit the draft accepts or rejects')
  if (personId(decidedBy) !== writer.id) return forbidden('suggestions are decided as yourself')
  if (typeof decidedAt !== 'string' || decidedAt.length > 64) return invalid('a decision needs its time')
  const decided = suggestion.get(SuggestionKey.decided) ?? null
  if (decided !== null && !DecidedTexts.safeParse(decided).success)
    return invalid('what was decided is an original and a replacement text')
  return null
}

function suggestionKeysIssue(event: Y.YMapEvent<unknown>, writer: UpdateWriter): UpdateRefusal | null {
  const suggestion = event.target as Y.Map<unknown>
  const statusChange = event.changes.keys.get(SuggestionKey.status)
  const before = statusChange ? statusChange.oldValue : suggestion.get(SuggestionKey.status)
  const isAuthor = personId(suggestion.get(SuggestionKey.author)) === writer.id
  for (const key of event.keysChanged) {
    if (DECISION_KEYS.has(key)) continue
    if (!SUGGESTION_KEYS_AUTHOR_MAY_SET.has(key)) return forbidden(`a suggestion's ${key} cannot change`)
    if (!isAuthor) return forbidden('you can only change your own suggestions')
  }
  // A decision counts only where it changed something: a write that lost a concurrent conflict on the same
  // key (two tabs withdrawing at once, a withdrawal crossing a decision) leaves the suggestion as it was, and
  // refusing it would close an honest socket (and its replica would resend it on every reconnect).
  const decides = [...event.changes.keys.keys()].some((key) => DECISION_KEYS.has(key))
  // Its texts may still change after a decision: an author's keystroke can cross a lead's accept on the
  // wire, and refusing it would close the author's socket. What was decided is what the decision route
  // recorded (it checks the texts the lead saw), not what the suggestion says later.
  if (decides) {
    if (!statusChange) {
      // A lead's decision whose status lost against a withdrawal written past the route (a modified author
      // client): its decider and time still land; refusing them would close the lead's socket.
      const lostToWithdrawal =
        suggestion.get(SuggestionKey.status) === 'withdrawn' &&
        writer.mayEditDraft &&
        personId(suggestion.get(SuggestionKey.decidedBy)) === writer.id
      if (!lostToWithdrawal) return forbidden("a suggestion's decision changes only with its status")
      return suggestionContentIssue(suggestion)
    }
    // The decision route records one outcome per suggestion, withdrawals included, so a lead writes a
    // decision only after the route said it holds; one over a withdrawal the route never saw is allowed,
    // so a withdrawal written past the route cannot get the lead's socket closed.
    // Writing the same decision again (the same author withdrawing from two tabs at once; the same decider)
    // is no new decision.
    const decision = suggestion.get(SuggestionKey.status)
    const deciderChange = event.changes.keys.get(SuggestionKey.decidedBy)
    const deciderBefore = deciderChange ? deciderChange.oldValue : suggestion.get(SuggestionKey.decidedBy)
    const rewrite =
      before === decision && personId(deciderBefore) === personId(suggestion.get(SuggestionKey.decidedBy))
    if (before !== 'open' && !rewrite && !(before === 'withdrawn' && decision !== 'withdrawn'))
      return forbidden('a suggestion is decided once')
    const issue = statusChangeIssue(suggestion, writer)
    if (issue) return issue
  }
  return suggestionContentIssue(suggestion)
}

function checkSuggestionsEvent(
  event: Y.YEvent<Y.AbstractType<unknown>>,
  writer: UpdateWriter,
): UpdateRefusal | null {
  const path = event.path
  if (path.length === 0) {
    for (const [id, change] of (event as Y.YMapEvent<unknown>).changes.keys) {
      if (change.action !== 'add') return forbidden('suggestions are never removed or replaced')
      const issue = newSuggestionIssue(id, (event.target as Y.Map<unknown>).get(id), writer.id)
      if (issue) return issue
    }
    return null
  }
  if (path.length === 1) return suggestionKeysIssue(event as Y.YMapEvent<unknown>, writer)
  if (inDiscussion(path, SuggestionKey.comments)) return discussionIssue(event, writer.id)
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

/** Why `update` by `writer` is refused, or null when it only does what a commenter may do. */
export function commentsUpdateViolation(
  accepted: Y.Doc,
  update: Uint8Array,
  writer: UpdateWriter,
): UpdateRefusal | null {
  const userId = writer.id
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
    scratch.getMap(SuggestionsRoot).observeDeep((events) => {
      for (const event of events) note(checkSuggestionsEvent(event, writer))
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
