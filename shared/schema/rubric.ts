/**
 * The rubric and its gold calibration examples, as plain data: what the draft's Yjs document reads as, what
 * a published version stores, and what tools fetch. `scripts/generateJsonSchema.ts` derives
 * `shared/schema/rubric.schema.json` from these schemas for tools that do not speak zod.
 */
import { z } from 'zod'
import { MediaRef } from './media'

const Id = z.string().min(1).max(64)
const Text = (max: number) => z.string().max(max)

export const CRITERION_KINDS = [
  'binary',
  'ordinal',
  'points',
  'pairwise',
  'label',
  'multiLabel',
  'span',
  'stepVerdict',
] as const
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
  /**
   * Whether "N/A" is a valid answer (value `{ na: true }`). N/A agrees only with gold that accepts N/A; in
   * statistics it is one more nominal category and is left out of ordinal/weighted figures.
   */
  allowNA: z.boolean().optional(),
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

/** Any subset of labels (harm categories, error types); gold is a set. */
export const MultiLabelCriterion = z.object({
  ...criterionBase,
  kind: z.literal('multiLabel'),
  labels: z.array(LabelOption).max(50),
  /** An answer agrees when its Jaccard overlap with an accepted set reaches this share (1 = the exact set). */
  minJaccard: z.number().min(0).max(1),
})
/** Character ranges marked in a named text of the example, each with a label (e.g. `unsupported claim`). */
export const SpanCriterion = z.object({
  ...criterionBase,
  kind: z.literal('span'),
  labels: z.array(LabelOption).max(50),
  /** A rater span matches a gold span (same text, same label) when they overlap by this share of the shorter. */
  minOverlap: z.number().min(0.01).max(1),
  /** An example's answer agrees when its span F1 against gold reaches this share. */
  minF1: z.number().min(0).max(1),
})
export const STEP_VERDICT_MODES = ['perStep', 'firstWrong', 'both'] as const
/** A verdict per reasoning/trajectory step and/or the first wrong step. */
export const StepVerdictCriterion = z.object({
  ...criterionBase,
  kind: z.literal('stepVerdict'),
  /** The verdicts a rater chooses from per step (e.g. correct / incorrect / unsafe / n/a). */
  verdicts: z.array(Text(40).min(1)).max(12),
  mode: z.enum(STEP_VERDICT_MODES),
  /** Per-step mode: the share of steps whose verdict must match gold for the answer to agree. */
  minStepAgreement: z.number().min(0).max(1),
  /** First-wrong-step mode: how many steps off still agrees (0 = exact). */
  stepTolerance: z.number().int().min(0).max(20),
})

export const Criterion = z.discriminatedUnion('kind', [
  BinaryCriterion,
  OrdinalCriterion,
  PointsCriterion,
  PairwiseCriterion,
  LabelCriterion,
  MultiLabelCriterion,
  SpanCriterion,
  StepVerdictCriterion,
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

export const CONTENT_KINDS = [
  'single',
  'pairwise',
  'free',
  'conversation',
  'reasoning',
  'trajectory',
  'media',
] as const
export type ContentKind = (typeof CONTENT_KINDS)[number]

/**
 * A kind of task the project calibrates (like a Label Studio labeling config): which example content it uses
 * and which criteria apply to it. A rubric without task types has one implicit task type where every
 * criterion applies to every example (`shared/rubric/taskTypes.ts`), which is how older documents read.
 */
export const TaskType = z.object({
  id: Id,
  name: Text(120),
  contentKind: z.enum(CONTENT_KINDS),
  /** Criteria asked on this task type's examples, by id (in rubric order when shown). */
  criterionIds: z.array(Id).max(100),
})
export type TaskType = z.infer<typeof TaskType>

/** Most criteria one rubric holds. */
export const MAX_CRITERIA = 100

export const Rubric = z.object({
  title: Text(200),
  instructions: Text(10_000),
  /** Share of the weighted score an attempt needs to pass, 0..1. */
  passThreshold: z.number().min(0).max(1),
  criteria: z.array(Criterion).max(MAX_CRITERIA),
  attempt: AttemptSettings.optional(),
  /** Absent or empty in documents written before task types: one implicit task type. */
  taskTypes: z.array(TaskType).max(30).optional(),
})
export type Rubric = z.infer<typeof Rubric>

/** A gold (or rater) value for one criterion; which shape is valid depends on the criterion's kind. */
export const PairwiseValue = z.object({
  choice: z.enum(['A', 'B', 'tie']),
  strength: z.enum(PAIRWISE_STRENGTHS).optional(),
})
/** "Not applicable", where the criterion allows it. */
export const NotApplicableValue = z.object({ na: z.literal(true) })
/** A multiLabel value: the chosen labels (an empty set is a valid answer: "none apply"). */
export const LabelSetValue = z.object({ labels: z.array(Text(80)).max(50) })
/**
 * A marked range in one of the example's texts: `field` is a text path from `shared/rubric/contentFields.ts`
 * (`response`, `turns.<id>`, `steps.<id>.observation`…), `start`/`end` are character offsets in that text's
 * plain form (end exclusive).
 */
export const MarkedSpan = z.object({
  field: Text(140).min(1),
  start: z.number().int().min(0).max(1_000_000),
  end: z.number().int().min(0).max(1_000_000),
  label: Text(80),
  /** Why this span is marked (gold only; raters may leave it empty). */
  note: Text(2000).optional(),
})
export type MarkedSpan = z.infer<typeof MarkedSpan>
export const SpanSetValue = z.object({ spans: z.array(MarkedSpan).max(200) })
/** Step verdicts by step id, and/or the first wrong step's id (null: no step is wrong). */
export const StepVerdictValue = z.object({
  /** May be empty (first-wrong-step mode only). */
  steps: z.record(Id, Text(40)),
  firstWrong: Id.nullable().optional(),
})
export const GoldValue = z.union([
  z.boolean(),
  z.number(),
  z.string().max(80),
  PairwiseValue,
  NotApplicableValue,
  LabelSetValue,
  SpanSetValue,
  StepVerdictValue,
])
export type GoldValue = z.infer<typeof GoldValue>
export type PairwiseValue = z.infer<typeof PairwiseValue>
export type LabelSetValue = z.infer<typeof LabelSetValue>
export type SpanSetValue = z.infer<typeof SpanSetValue>
export type StepVerdictValue = z.infer<typeof StepVerdictValue>

export const GoldEntry = z.object({
  /** Every value that counts as correct (usually one). */
  accepted: z.array(GoldValue).min(1).max(20),
  /** Why, for this criterion (optional; the example has an overall rationale). */
  rationale: Text(5000),
})
export type GoldEntry = z.infer<typeof GoldEntry>

/**
 * Text fields hold plain text (what spans index into and what older tools read). `markdown`, when present,
 * holds the same fields as Markdown by text path (lists, code, tables, links kept), for rendering.
 */
const Markdown = z.record(Text(140), Text(100_000)).optional()
const Body = Text(50_000)
export const TURN_ROLES = ['system', 'user', 'assistant', 'tool'] as const
export const ConversationTurn = z.object({ id: Id, role: z.enum(TURN_ROLES), text: Body })
export const ReasoningStep = z.object({ id: Id, text: Body })
export const TrajectoryStep = z.object({
  id: Id,
  thought: Body,
  /** The tool called (empty when the step only thinks). */
  tool: Text(200),
  /** The call's arguments as JSON text (kept as typed; `problems.ts` flags invalid JSON). */
  args: Body,
  observation: Body,
})
/** Most media items one list of a media example holds. */
export const MAX_EXAMPLE_MEDIA = 20
/**
 * One uploaded image, video or audio clip of a media example: a MediaRef (alt text included) with an item id.
 * `url` (mediaPath) is set in published versions only, for tools that read version JSON; drafts never hold it.
 */
export const ExampleMedia = MediaRef.extend({ id: Id, url: Text(300).optional() })
export type ExampleMedia = z.infer<typeof ExampleMedia>
const MediaList = z.array(ExampleMedia).max(MAX_EXAMPLE_MEDIA)
export const ExampleContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single'), prompt: Body, response: Body, markdown: Markdown }),
  z.object({
    kind: z.literal('pairwise'),
    prompt: Body,
    responseA: Body,
    responseB: Body,
    markdown: Markdown,
  }),
  z.object({ kind: z.literal('free'), body: Body, markdown: Markdown }),
  /** Ordered turns; optional alternative final assistant turns A and B for a pairwise judgement. */
  z.object({
    kind: z.literal('conversation'),
    turns: z.array(ConversationTurn).max(200),
    finalA: Body.optional(),
    finalB: Body.optional(),
    markdown: Markdown,
  }),
  z.object({
    kind: z.literal('reasoning'),
    prompt: Body,
    steps: z.array(ReasoningStep).max(200),
    answer: Body,
    markdown: Markdown,
  }),
  z.object({
    kind: z.literal('trajectory'),
    task: Body,
    steps: z.array(TrajectoryStep).max(200),
    outcome: Body,
    markdown: Markdown,
  }),
  /**
   * Generated media judged like text: the prompt, the generated images/video/audio, and for a pairwise
   * judgement alternatives A and B (then `media` holds any input media the prompt refers to, and may be empty).
   */
  z.object({
    kind: z.literal('media'),
    prompt: Body,
    media: MediaList,
    mediaA: MediaList.optional(),
    mediaB: MediaList.optional(),
    markdown: Markdown,
  }),
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
  /** The task type this example belongs to (absent: the implicit task type, or the first one). */
  taskTypeId: Id.optional(),
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
