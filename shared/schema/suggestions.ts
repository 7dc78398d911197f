/**
 * Suggested edits to the draft: what a suggestion targets (the guideline body, a rubric text, an example or
 * gold rationale), the plain data read out of the comments document (validated, since any commenter's
 * client wrote it), and the decision API's payloads. A suggestion replaces the text between two Yjs
 * relative positions inside one text of the draft with `replacement`; `original` is that text as it was
 * when suggested (empty for an insertion, and `replacement` is empty for a deletion).
 */
import { z } from 'zod'
import { CommentView, isForbiddenCommentChar, Person } from './comments'

/** Longest original or replacement text one suggestion may hold. */
export const MAX_SUGGESTION_TEXT = 10_000
/** Most suggestions one accept-all or reject-all request decides. */
export const MAX_DECISIONS_PER_REQUEST = 500

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1–64 letters, digits, _ or -')
/** A suggestion's id (also its key in the comments document). */
export const SuggestionId = Id

/** Which text of the draft a suggestion changes. */
export const SuggestionTarget = z.discriminatedUnion('kind', [
  /** The guideline body (the range lies inside one paragraph or heading). */
  z.object({ kind: z.literal('guideline') }),
  /** A criterion's title or description. */
  z.object({ kind: z.literal('criterion'), criterionId: Id, field: z.enum(['title', 'description']) }),
  /** An ordinal level's label or descriptor. */
  z.object({
    kind: z.literal('level'),
    criterionId: Id,
    levelId: Id,
    field: z.enum(['label', 'descriptor']),
  }),
  /** An example's rationale (rich text; the range lies inside one paragraph). */
  z.object({ kind: z.literal('exampleRationale'), exampleId: Id }),
  /** The gold rationale of one criterion of an example. */
  z.object({ kind: z.literal('goldRationale'), exampleId: Id, criterionId: Id }),
])
export type SuggestionTarget = z.infer<typeof SuggestionTarget>

/** Where a suggestion sits: two encoded Yjs relative positions (base64), equal for an insertion. */
export const SuggestionRange = z.object({ start: z.string().max(200), end: z.string().max(200) })
export type SuggestionRange = z.infer<typeof SuggestionRange>

const hasForbiddenChar = (text: string, allowNewline: boolean) => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x0a ? !allowNewline : isForbiddenCommentChar(code)) return true
  }
  return false
}

/** Suggested or replaced text: plain, bounded, no control or bidi override characters (newlines allowed). */
export const SuggestionText = z
  .string()
  .max(MAX_SUGGESTION_TEXT, `a suggestion is at most ${MAX_SUGGESTION_TEXT} characters`)
  .refine(
    (text) => !hasForbiddenChar(text, true),
    'a suggestion may not contain control or bidi override characters',
  )

/**
 * Whether `text` may be written into a target: only descriptions, level descriptors and gold rationales hold
 * several lines (titles and labels are one line; guideline and rich rationale ranges lie inside one
 * paragraph).
 */
export function suggestionTextFits(target: SuggestionTarget, text: string): boolean {
  const multiline =
    target.kind === 'goldRationale' ||
    (target.kind === 'criterion' && target.field === 'description') ||
    (target.kind === 'level' && target.field === 'descriptor')
  return !hasForbiddenChar(text, multiline)
}

/** What a suggestion said when it was decided (its author may still type into it a moment later). */
export const DecidedTexts = z.object({ original: SuggestionText, replacement: SuggestionText })
export type DecidedTexts = z.infer<typeof DecidedTexts>

export const SUGGESTION_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn'] as const
export const SuggestionStatus = z.enum(SUGGESTION_STATUSES)
export type SuggestionStatus = z.infer<typeof SuggestionStatus>

export const SuggestionView = z.object({
  id: z.string(),
  author: Person,
  createdAt: z.string(),
  target: SuggestionTarget,
  /** Where in the project it is, for lists ("Accuracy · description", "§ 2 Safety"). */
  label: z.string().max(200),
  range: SuggestionRange,
  original: SuggestionText,
  replacement: SuggestionText,
  status: SuggestionStatus,
  decidedBy: Person.nullable(),
  decidedAt: z.string().nullable(),
  /** Its texts as decided (null while open or withdrawn, or when written without them). */
  decided: DecidedTexts.nullable(),
  /** The discussion, as in a comment thread. */
  comments: z.array(CommentView),
})
export type SuggestionView = z.infer<typeof SuggestionView>

export type SuggestionDecision = 'accept' | 'reject'

/** The texts of a suggestion as the deciding lead saw them (their client applies exactly these). */
export const SeenTexts = DecidedTexts
export type SeenTexts = DecidedTexts

/**
 * `POST /api/projects/:id/suggestions/:suggestionId/decision`. With `seen`, the decision holds only if the
 * suggestion still says exactly that (its author may be extending it as the lead clicks).
 */
export const DecisionBody = z.object({ decision: z.enum(['accept', 'reject']), seen: SeenTexts.optional() })
export type DecisionBody = z.infer<typeof DecisionBody>

/** The answer to a decision: who decided and when (a 409 says why it could not be decided). */
export const DecisionResult = z.object({
  suggestionId: z.string(),
  decision: z.enum(['accept', 'reject']),
  decidedBy: Person,
  decidedAt: z.string(),
  /**
   * The caller had already made this very decision (a retry after a lost answer, another tab) and the
   * comments document still shows the suggestion open: mark it decided, but never apply it again.
   */
  repeated: z.boolean().optional(),
})
export type DecisionResult = z.infer<typeof DecisionResult>

/** `POST /api/projects/:id/suggestions/decisions`: accept or reject many (all of a person or a section). */
export const BatchDecisionBody = z.object({
  decision: z.enum(['accept', 'reject']),
  ids: z.array(SuggestionId).min(1).max(MAX_DECISIONS_PER_REQUEST),
})
export type BatchDecisionBody = z.infer<typeof BatchDecisionBody>

/** Why one suggestion of a batch was not decided. */
export const SkipReason = z.enum(['unknown', 'decided', 'withdrawn', 'outdated', 'changed'])
export type SkipReason = z.infer<typeof SkipReason>

/**
 * `POST /api/projects/:id/suggestions/:suggestionId/withdrawal`: its author takes a suggestion back. Recorded
 * like a decision, so a withdrawal and a lead's decision at the same moment cannot both hold.
 */
export const WithdrawalResult = z.object({ suggestionId: z.string(), withdrawnAt: z.string() })
export type WithdrawalResult = z.infer<typeof WithdrawalResult>

export const BatchDecisionResult = z.object({
  decided: z.array(DecisionResult),
  skipped: z.array(z.object({ suggestionId: z.string(), reason: SkipReason, message: z.string() })),
})
export type BatchDecisionResult = z.infer<typeof BatchDecisionResult>
