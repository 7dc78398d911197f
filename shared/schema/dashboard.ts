/**
 * The leads' calibration dashboard (`GET /api/projects/:id/calibration/analytics`), declared once: the server's
 * response satisfies these schemas and the client parses it with them. Every statistic carries its sample
 * size and a 95 % bootstrap confidence interval (see shared/stats/bootstrap.ts); an undefined statistic has a
 * reason instead of a number.
 */
import { z } from 'zod'
import { UndefinedReason } from '../stats/result'
import { GoldAudit } from './goldAudit'
import { CRITERION_KINDS } from './rubric'

export const StatisticSchema = z.discriminatedUnion('defined', [
  z.object({ defined: z.literal(true), value: z.number(), n: z.number() }),
  z.object({
    defined: z.literal(false),
    reason: z.enum(Object.values(UndefinedReason) as [UndefinedReason, ...UndefinedReason[]]),
    message: z.string(),
    n: z.number(),
  }),
])

export const ConfidenceIntervalSchema = z.object({
  low: z.number(),
  high: z.number(),
  level: z.number(),
  /** Monte Carlo replicates; 0 for the exact bootstrap of a proportion. */
  replicates: z.number(),
})

/** A statistic with its 95 % interval (null when the sample is too small to resample meaningfully). */
export const Estimate = z.object({ stat: StatisticSchema, ci: ConfidenceIntervalSchema.nullable() })
export type Estimate = z.infer<typeof Estimate>

export const CriterionAnalytics = z.object({
  criterionId: z.string(),
  title: z.string(),
  kind: z.enum(CRITERION_KINDS),
  /** False when no example has gold for this criterion: nothing below is a number. */
  scored: z.boolean(),
  /** Questions with gold for this criterion — (example, slot) units: an example asked A and B counts twice —
   * and annotators who were asked at least one of them. */
  items: z.number(),
  annotators: z.number(),
  /** What kappa and alpha count as one category, e.g. "levels 1–5" or "side × strength". */
  categories: z.string(),
  /** The scoring rule's tolerance in words (e.g. "±1 level"); null when scoring needs an exact match. */
  tolerance: z.string().nullable(),
  /** Share of answers equal to an accepted gold value. */
  exactAgreement: Estimate,
  /** Share of answers that agree by the scoring rule (within tolerance); null when that is exact agreement. */
  toleranceAgreement: Estimate.nullable(),
  /** Annotator vs gold over the answers as given; linear and quadratic only on ordered scales. */
  kappa: z.object({ unweighted: Estimate, linear: Estimate.nullable(), quadratic: Estimate.nullable() }),
  /** Pairwise with strength: kappa over the chosen side only, beside the side × strength kappa. */
  sideKappa: Estimate.nullable(),
  /** Between annotators, over examples. */
  alpha: Estimate,
  alphaLevel: z.enum(['nominal', 'ordinal']),
  fleiss: Estimate,
  /** MultiLabel: each label as yes/no — Cohen's kappa annotator vs gold and Fleiss' kappa between annotators. */
  perLabel: z.array(z.object({ label: z.string(), kappa: Estimate, fleiss: Estimate })).optional(),
  /** Span: mean span F1 of annotator vs gold, and of every pair of annotators on the same example. */
  spanF1: z.object({ vsGold: Estimate, betweenAnnotators: Estimate }).optional(),
  /**
   * StepVerdict: Krippendorff's alpha (nominal) over (example, step) units across annotators (null in mode
   * firstWrong), and the share of first-wrong-step answers equal to gold's (null in mode perStep).
   */
  steps: z.object({ alpha: Estimate.nullable(), firstWrongExact: Estimate.nullable() }).optional(),
})
export type CriterionAnalytics = z.infer<typeof CriterionAnalytics>

export const WrongAnswer = z.object({
  criterionId: z.string(),
  criterionTitle: z.string(),
  /** In full, as scored: "B, slightly better", not "B". */
  answer: z.string(),
  count: z.number(),
})

export const ExampleAnalytics = z.object({
  exampleId: z.string(),
  title: z.string(),
  sectionId: z.string().nullable(),
  /** Answers asked (annotators who drew it × criteria with gold), and how many missed by the scoring rule. */
  answers: z.number(),
  misses: z.number(),
  /** Null when nobody has answered it. */
  missRate: z.number().nullable(),
  missRateCi: ConfidenceIntervalSchema.nullable(),
  commonWrongAnswers: z.array(WrongAnswer),
})
export type ExampleAnalytics = z.infer<typeof ExampleAnalytics>

export const SectionAnalytics = z.object({
  sectionId: z.string(),
  title: z.string(),
  examples: z.number(),
  answers: z.number(),
  misses: z.number(),
  missRate: z.number(),
  missRateCi: ConfidenceIntervalSchema.nullable(),
})
export type SectionAnalytics = z.infer<typeof SectionAnalytics>

export const AnnotatorScore = z.object({
  userId: z.string(),
  name: z.string(),
  score: z.number(),
  passed: z.boolean(),
  submittedAt: z.string(),
  /** Examples in the attempt. */
  items: z.number(),
})

export const CalibrationAnalytics = z.object({
  version: z.string(),
  /** Annotators with a submitted attempt on this version (their latest), and examples with gold. */
  sample: z.object({ annotators: z.number(), items: z.number() }),
  annotators: z.array(AnnotatorScore),
  passRate: z.number().nullable(),
  passRateCi: ConfidenceIntervalSchema.nullable(),
  criteria: z.array(CriterionAnalytics),
  examples: z.array(ExampleAnalytics),
  misreadSections: z.array(SectionAnalytics),
})
export type CalibrationAnalytics = z.infer<typeof CalibrationAnalytics>

export const TrendPoint = z.object({
  userId: z.string(),
  name: z.string(),
  version: z.string(),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  at: z.string().nullable(),
})

/** The whole response: the analytics of one version plus the score trend over all versions and disputes. */
export const DashboardResponse = CalibrationAnalytics.extend({
  trend: z.array(TrendPoint),
  openDisputes: z.number(),
  disputesByExample: z.record(z.string(), z.number()),
  versions: z.array(z.string()),
  /** Which gold looks wrong or ambiguous (shared/rubric/goldAudit.ts). */
  goldAudit: GoldAudit,
})
export type DashboardResponse = z.infer<typeof DashboardResponse>
