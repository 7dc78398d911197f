/**
 * Comment threads on the draft: what a thread is anchored to, the plain data read out of the comments
 * document (validated, since any commenter's client wrote it), and the comment API payloads.
 */
import { z } from 'zod'

/** Longest comment body; longer bodies are cut when read. */
export const MAX_COMMENT_LENGTH = 4000
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

/** `GET /api/projects/:id/comments/summary`: thread counts (the publish dialog warns about open ones). */
export const CommentSummary = z.object({ open: z.number().int(), resolved: z.number().int() })
export type CommentSummary = z.infer<typeof CommentSummary>
