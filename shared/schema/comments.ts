/**
 * Comment threads on the draft: what a thread is anchored to, the plain data read out of the comments
 * document (validated, since any commenter's client wrote it), and the comment API payloads.
 */
import { z } from 'zod'

/** Longest comment body; longer bodies are cut when read. */
export const MAX_COMMENT_LENGTH = 4000
/** Most people one comment may @mention. */
export const MAX_MENTIONS = 100

/**
 * Characters no comment body may hold: C0 controls except tab and newline, DEL, C1 controls, and the bidi
 * embeddings, overrides and isolates that can make text display in another order than it is stored.
 */
export function isForbiddenCommentChar(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  )
}

const hasForbiddenChar = (text: string) => {
  for (let i = 0; i < text.length; i++) if (isForbiddenCommentChar(text.charCodeAt(i))) return true
  return false
}

/** A comment body as stored: plain text, at most MAX_COMMENT_LENGTH UTF-16 units, no forbidden characters. */
export const CommentBody = z
  .string()
  .max(MAX_COMMENT_LENGTH, `a comment is at most ${MAX_COMMENT_LENGTH} characters`)
  .refine((body) => !hasForbiddenChar(body), 'a comment may not contain control or bidi override characters')

/** The people a comment mentions: distinct user ids. */
export const CommentMentions = z
  .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a mention is a user id'))
  .max(MAX_MENTIONS, `a comment mentions at most ${MAX_MENTIONS} people`)
  .refine((ids) => new Set(ids).size === ids.length, 'each person is mentioned once')

/** Longest quoted anchor text kept with a thread (the live text is resolved from the anchor). */
export const MAX_QUOTE_LENGTH = 300

export const Person = z.object({ id: z.string(), name: z.string(), color: z.string().optional() })
export type Person = z.infer<typeof Person>

/**
 * Where a thread points: a range of guideline text (two encoded Yjs relative positions into the draft's
 * guideline fragment, base64), a rubric criterion, or a calibration example.
 */
export const ThreadAnchor = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    start: z.string().max(200),
    end: z.string().max(200),
    quote: z.string().max(MAX_QUOTE_LENGTH),
  }),
  z.object({ kind: z.literal('criterion'), criterionId: z.string().max(64), label: z.string().max(200) }),
  z.object({ kind: z.literal('example'), exampleId: z.string().max(64), label: z.string().max(200) }),
])
export type ThreadAnchor = z.infer<typeof ThreadAnchor>

export const CommentView = z.object({
  id: z.string(),
  author: Person,
  body: z.string(),
  mentions: z.array(z.string()),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
})
export type CommentView = z.infer<typeof CommentView>

export const ThreadView = z.object({
  id: z.string(),
  anchor: ThreadAnchor,
  createdAt: z.string(),
  resolved: z.boolean(),
  resolvedBy: Person.nullable(),
  resolvedAt: z.string().nullable(),
  comments: z.array(CommentView),
})
export type ThreadView = z.infer<typeof ThreadView>

/** `GET /api/projects/:id/comments/people`: the members who can comment, and so can be @mentioned. */
export const CommentPeople = z.object({ people: z.array(Person) })
export type CommentPeople = z.infer<typeof CommentPeople>

/**
 * `GET /api/projects/:id/comments/summary`: thread counts, and how many suggested edits wait for a decision
 * (the publish dialog warns about open threads and open suggestions).
 */
export const CommentSummary = z.object({
  open: z.number().int(),
  resolved: z.number().int(),
  openSuggestions: z.number().int(),
})
export type CommentSummary = z.infer<typeof CommentSummary>
