/**
 * The gold audit's payload (per example and criterion: difficulty, discrimination, the most common non-gold
 * answer, and the suspect-gold / ambiguous flags), shared by the analytics route, the CSV export and the
 * results page. Computed by `shared/rubric/goldAudit.ts`.
 */
import { z } from 'zod'
import { UndefinedReason } from '../stats/result'

export const GOLD_AUDIT_FLAGS = ['suspect_gold', 'ambiguous'] as const
export type GoldAuditFlag = (typeof GOLD_AUDIT_FLAGS)[number]

/** A statistic or why it has none (the same shape as `shared/stats/result.ts`'s `Statistic`). */
const Statistic = z.union([
  z.object({ defined: z.literal(true), value: z.number(), n: z.number() }),
  z.object({
    defined: z.literal(false),
    reason: z.enum(Object.values(UndefinedReason)),
    message: z.string(),
    n: z.number(),
  }),
])

export const GoldAuditItem = z.object({
  exampleId: z.string(),
  exampleTitle: z.string(),
  sectionId: z.string().nullable(),
  criterionId: z.string(),
  /** The question slot when it is not the criterion id (`<criterionId>@A` / `@B`). */
  slotKey: z.string().optional(),
  /** The slot's title ("Accuracy (response A)"), the criterion's title otherwise. */
  criterionTitle: z.string(),
  /** Gold as shown to people (accepted values joined by " | "). */
  gold: z.string(),
  /** Annotators who answered this example and criterion. */
  answers: z.number(),
  /** Share of those answers that agree with gold (as scoring counts agreement): high is easy. */
  difficulty: Statistic,
  /** Point-biserial correlation of agreeing here with the annotator's agreement on every other item. */
  discrimination: Statistic,
  /** The most common answer that does not agree with gold, over everyone who answered. */
  topWrongAnswer: z.object({ answer: z.string(), count: z.number(), share: z.number() }).nullable(),
  /** The strongest annotators on this item (by score on the rest): how many, and how they answered. */
  strong: z.object({
    n: z.number(),
    goldShare: z.number(),
    /** The non-gold value that the most strong annotators' answers agree with, and their share. */
    alternative: z.object({ answer: z.string(), share: z.number() }).nullable(),
  }),
  flags: z.array(z.enum(GOLD_AUDIT_FLAGS)),
  /** Why flagged (or why not judged), in a sentence; null when nothing to say. */
  note: z.string().nullable(),
})
export type GoldAuditItem = z.infer<typeof GoldAuditItem>

export const GoldAudit = z.object({
  version: z.string(),
  annotators: z.number(),
  /** The thresholds in force (documented in docs/gold-audit.md). */
  rules: z.object({
    strongShare: z.number(),
    minAnswers: z.number(),
    minStrong: z.number(),
    suspectShare: z.number(),
    ambiguousConsensus: z.number(),
    ambiguousMinAlternative: z.number(),
  }),
  /** Flagged items first (suspect, then ambiguous), then by difficulty (hardest first). */
  items: z.array(GoldAuditItem),
})
export type GoldAudit = z.infer<typeof GoldAudit>
