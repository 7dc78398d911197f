/**
 * The rubric and its gold calibration examples, as plain data: what the draft's Yjs document reads as, what
 * a published version stores, and what tools fetch. `scripts/generateJsonSchema.ts` derives
 * `shared/schema/rubric.schema.json` from these schemas for tools that do not speak zod.
 */
import { z } from 'zod'

const Id = z.string().min(1).max(64)
const Text = (max: number) => z.string().max(max)

export const CRITERION_KINDS = ['binary', 'ordinal', 'points', 'pairwise', 'label'] as const
export type CriterionKind = (typeof CRITERION_KINDS)[number]

export const PAIRWISE_STRENGTHS = ['negligible', 'slight', 'clear', 'strong'] as const
export type PairwiseStrength = (typeof PAIRWISE_STRENGTHS)[number]

export const OrdinalLevel = z.object({
  value: z.number().int().min(-100).max(100),
  label: Text(80),
  descriptor: Text(2000),
})
export type OrdinalLevel = z.infer<typeof OrdinalLevel>

export const LabelOption = z.object({ value: Text(80).min(1), description: Text(2000) })
export type LabelOption = z.infer<typeof LabelOption>

const criterionBase = {
  id: Id,
  title: Text(200),
  description: Text(5000),
  /** Free-form tags such as `axis:accuracy`. */
  tags: z.array(Text(60).min(1)).max(20),
  weight: z.number().min(0).max(100),
  rationaleRequired: z.boolean(),
  /** If set, an attempt fails when its agreement on this criterion is below this share (0..1). */
  minAgreement: z.number().min(0).max(1).nullable().optional(),
}

export const BinaryCriterion = z.object({ ...criterionBase, kind: z.literal('binary') })
export const OrdinalCriterion = z.object({
  ...criterionBase,
  kind: z.literal('ordinal'),
  levels: z.array(OrdinalLevel).max(11),
  /** An answer within this distance of a gold value counts as agreement (e.g. 1 for ±1). */
  tolerance: z.number().int().min(0).max(10),
})
export const PointsCriterion = z.object({
  ...criterionBase,
  kind: z.literal('points'),
  /** Awarded when the criterion is met; negative for undesirable behaviour (HealthBench style). */
  points: z.number().int().min(-100).max(100),
})
export const PairwiseCriterion = z.object({
  ...criterionBase,
  kind: z.literal('pairwise'),
  allowTie: z.boolean(),
  /** Whether a rater must say by how much the preferred response is better. */
  strengthRequired: z.boolean(),
})
export const LabelCriterion = z.object({
  ...criterionBase,
  kind: z.literal('label'),
  labels: z.array(LabelOption).max(50),
  /** Labels that count as a pass (for pass/fail style label criteria); may be empty. */
  passingLabels: z.array(Text(80)).max(50),
})

export const Criterion = z.discriminatedUnion('kind', [
  BinaryCriterion,
  OrdinalCriterion,
  PointsCriterion,
  PairwiseCriterion,
  LabelCriterion,
])
export type Criterion = z.infer<typeof Criterion>

/**
 * How an attempt is composed from the version's calibration items (absent in versions published before
 * this setting existed; `shared/rubric/calibrationPool.ts` supplies the defaults).
 */
export const AttemptSettings = z.object({
  /** Items drawn per attempt; null means every calibration item. */
  itemsPerAttempt: z.number().int().min(1).max(1000).nullable(),
  /** Items drawn from each guideline section that has any (when the pool allows). */
  minPerSection: z.number().int().min(0).max(100),
  /** Whether the runner shows "Read: ‹section›" for each item during the attempt. */
  showSectionHint: z.boolean(),
})
export type AttemptSettings = z.infer<typeof AttemptSettings>

export const Rubric = z.object({
  title: Text(200),
  instructions: Text(10_000),
  /** Share of the weighted score an attempt needs to pass, 0..1. */
  passThreshold: z.number().min(0).max(1),
  criteria: z.array(Criterion).max(100),
  attempt: AttemptSettings.optional(),
})
export type Rubric = z.infer<typeof Rubric>

/** A gold (or rater) value for one criterion; which shape is valid depends on the criterion's kind. */
export const PairwiseValue = z.object({
  choice: z.enum(['A', 'B', 'tie']),
  strength: z.enum(PAIRWISE_STRENGTHS).optional(),
})
export const GoldValue = z.union([z.boolean(), z.number(), z.string().max(80), PairwiseValue])
export type GoldValue = z.infer<typeof GoldValue>

export const GoldEntry = z.object({
  /** Every value that counts as correct (usually one). */
  accepted: z.array(GoldValue).min(1).max(20),
  /** Why, for this criterion (optional; the example has an overall rationale). */
  rationale: Text(5000),
})
export type GoldEntry = z.infer<typeof GoldEntry>

export const ExampleContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single'), prompt: Text(50_000), response: Text(50_000) }),
  z.object({
    kind: z.literal('pairwise'),
    prompt: Text(50_000),
    responseA: Text(50_000),
    responseB: Text(50_000),
  }),
  z.object({ kind: z.literal('free'), body: Text(50_000) }),
])
export type ExampleContent = z.infer<typeof ExampleContent>

export const EXAMPLE_DIFFICULTIES = ['easy', 'medium', 'hard'] as const
export const EXAMPLE_STATUSES = ['draft', 'ready'] as const
/**
 * Teaching examples sit in the guideline (gold may be shown to everyone once published); calibration items
 * are held out: never rendered to annotators outside an attempt, and attempts draw from them.
 */
export const EXAMPLE_ROLES = ['teaching', 'calibration'] as const
export type ExampleRole = (typeof EXAMPLE_ROLES)[number]

export const CalibrationExample = z.object({
  id: Id,
  title: Text(200),
  content: ExampleContent,
  /** Gold per criterion id. */
  gold: z.record(Id, GoldEntry),
  /** The overall gold rationale shown to raters after they answer. */
  rationale: Text(10_000),
  difficulty: z.enum(EXAMPLE_DIFFICULTIES),
  /** The guideline section (heading id) this example illustrates, if any. */
  sectionId: Id.nullable(),
  status: z.enum(EXAMPLE_STATUSES),
  /** Absent in versions published before roles existed: then ready examples are quiz items and shown. */
  role: z.enum(EXAMPLE_ROLES).optional(),
})
export type CalibrationExample = z.infer<typeof CalibrationExample>

/**
 * The rubric and examples of a draft or version. Cross-field consistency (unique ids, gold values that fit
 * their criterion) is checked by `shared/rubric/problems.ts`, so that this schema and the generated JSON
 * Schema accept exactly the same documents.
 */
export const RubricWithExamples = z.object({
  rubric: Rubric,
  examples: z.array(CalibrationExample).max(1000),
})
export type RubricWithExamples = z.infer<typeof RubricWithExamples>
