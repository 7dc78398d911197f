/** Calibration attempts, feedback, status and disputes: API payloads shared by the server and the client. */
import { z } from 'zod'
import { GoldValue, MarkedSpan } from './rubric'
import { PublicExample } from './version'

export const AnswerValue = GoldValue.nullable()
export const CriterionAnswer = z.object({ value: AnswerValue, rationale: z.string().max(5000).optional() })
export type CriterionAnswer = z.infer<typeof CriterionAnswer>

/** A question slot key: a criterion id (≤ 64) or `<criterionId>@A` / `<criterionId>@B`. */
export const SlotKey = z.string().min(1).max(66)

/** Saving the answers to one example (all of its question slots at once). */
export const SaveAnswersBody = z.object({ answers: z.record(SlotKey, CriterionAnswer) }).strict()
export const StartAttemptBody = z.object({ version: z.string().max(20).optional() }).strict()

/**
 * `passed` only for a blind pass. `passed_not_blind`: the score passed, but the annotator could read gold
 * before answering (a draft-reading role, or items seen in an earlier attempt) — tools must not treat it as
 * calibrated.
 */
export const CALIBRATION_STATUSES = [
  'not_started',
  'in_progress',
  'passed',
  'passed_not_blind',
  'failed',
  'stale',
] as const
export type CalibrationStatus = (typeof CALIBRATION_STATUSES)[number]

/** An attempt as its annotator sees it while answering: examples without gold, in their shuffled order. */
export const AttemptView = z.object({
  id: z.string(),
  version: z.string(),
  status: z.enum(['in_progress', 'submitted']),
  startedAt: z.string(),
  submittedAt: z.string().nullable(),
  examples: z.array(PublicExample),
  answers: z.record(z.string(), z.record(z.string(), CriterionAnswer)),
  /** Items whose gold this annotator saw in an earlier attempt: answered, but not counted in the score. */
  seenBefore: z.array(z.string()).default([]),
  /** Whether the runner shows each item's guideline section (a lead's option, off by default). */
  showSectionHint: z.boolean().default(false),
})
export type AttemptView = z.infer<typeof AttemptView>

/** Why an attempt is not blind. */
export const NOT_BLIND_REASONS = ['seen_before', 'draft_reader'] as const
export type NotBlindReason = (typeof NOT_BLIND_REASONS)[number]

/** Starting an attempt while one is open: 409 with the open attempt, which the client offers to resume. */
export const AttemptOpenError = z.object({
  error: z.literal('attempt_open'),
  message: z.string(),
  attemptId: z.string(),
  version: z.string(),
})
export type AttemptOpenError = z.infer<typeof AttemptOpenError>

/** One line of an annotator's attempt history (`GET …/calibration/attempts`). */
export const AttemptSummary = z.object({
  id: z.string(),
  userId: z.string(),
  version: z.string(),
  status: z.enum(['in_progress', 'submitted']),
  startedAt: z.string(),
  submittedAt: z.string().nullable(),
  score: z.number().nullable(),
  passed: z.boolean().nullable(),
  /** False when the attempt was not blind; null while open (and for attempts from before this was kept). */
  blind: z.boolean().nullable(),
  answered: z.number(),
  total: z.number(),
})
export type AttemptSummary = z.infer<typeof AttemptSummary>

export const MAX_COOLDOWN_MINUTES = 60 * 24 * 30
export const CooldownBody = z
  .object({ retakeCooldownMinutes: z.number().int().min(0).max(MAX_COOLDOWN_MINUTES) })
  .strict()
export type CooldownBody = z.infer<typeof CooldownBody>

/** Span feedback: a rater span matched to a gold span, with the characters they share. */
export const MatchedSpan = z.object({ rater: MarkedSpan, gold: MarkedSpan, overlap: z.number() })
/**
 * How an answer was judged, beyond agrees/disagrees, for the kinds that score partially. `accepted` is the
 * index (in `accepted`) of the gold value the detail compares against: the one that scored best.
 */
export const AnswerDetail = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('multiLabel'), accepted: z.number().int(), jaccard: z.number() }),
  z.object({
    kind: z.literal('span'),
    accepted: z.number().int(),
    precision: z.number(),
    recall: z.number(),
    f1: z.number(),
    matched: z.array(MatchedSpan),
    /** Gold spans no rater span matched. */
    missed: z.array(MarkedSpan),
    /** Rater spans that matched no gold span. */
    extra: z.array(MarkedSpan),
  }),
  z.object({
    kind: z.literal('stepVerdict'),
    accepted: z.number().int(),
    /** The content's steps in order; `agrees` null where gold has no verdict for the step (not counted). */
    steps: z.array(
      z.object({
        stepId: z.string(),
        number: z.number().int(),
        answer: z.string().nullable(),
        gold: z.string().nullable(),
        agrees: z.boolean().nullable(),
      }),
    ),
    /** Share of counted steps that agree (null: none counted, or mode firstWrong). */
    stepAgreement: z.number().nullable(),
    /** Present in modes firstWrong and both; step numbers are 1-based positions, null = no wrong step. */
    firstWrong: z
      .object({
        answer: z.number().int().nullable(),
        gold: z.number().int().nullable(),
        agrees: z.boolean(),
      })
      .optional(),
  }),
])
export type AnswerDetail = z.infer<typeof AnswerDetail>

export const CriterionFeedback = z.object({
  /** The criterion id (also for slots `<id>@A`: see `slotKey`). */
  criterionId: z.string(),
  /** The question slot (`<criterionId>@A`…); absent in results stored before task types (= criterionId). */
  slotKey: z.string().optional(),
  /** Which alternative a per-response slot asks about; absent/null for whole-example slots. */
  target: z.enum(['A', 'B']).nullable().optional(),
  answer: AnswerValue,
  rationale: z.string().optional(),
  accepted: z.array(GoldValue),
  goldRationale: z.string(),
  agrees: z.boolean(),
  /** Partial-credit detail for multiLabel, span and stepVerdict answers (absent for other kinds and N/A). */
  detail: AnswerDetail.optional(),
})
export type CriterionFeedback = z.infer<typeof CriterionFeedback>
export const ExampleFeedback = z.object({
  exampleId: z.string(),
  title: z.string(),
  sectionId: z.string().nullable(),
  goldRationale: z.string(),
  criteria: z.array(CriterionFeedback),
  /** Its gold was seen in an earlier attempt: feedback as usual, but it does not count toward the score. */
  seenBefore: z.boolean().optional(),
})
/** After submitting: the score, and per example and criterion the answer beside gold with its rationale. */
export const AttemptResult = z.object({
  attemptId: z.string(),
  version: z.string(),
  score: z.number(),
  passed: z.boolean(),
  passThreshold: z.number(),
  /** Criteria whose own minimum agreement was not reached (each fails the attempt). */
  belowMinimum: z.array(z.string()).optional(),
  submittedAt: z.string(),
  /**
   * False when the annotator could read gold before answering; such an attempt is never reported as a pass
   * to tools. Absent in results stored before blindness was recorded (then treated as blind).
   */
  blind: z.boolean().optional(),
  notBlindReasons: z.array(z.enum(NOT_BLIND_REASONS)).optional(),
  /** How many items were seen before (answered, not scored). */
  seenBefore: z.number().int().min(0).optional(),
  perCriterion: z.array(
    z.object({
      criterionId: z.string(),
      title: z.string(),
      agreed: z.number(),
      total: z.number(),
      /** null: no example has gold for this criterion (not scored). */
      agreement: z.number().nullable(),
    }),
  ),
  examples: z.array(ExampleFeedback),
  /** Present when the attempt was re-scored after gold it answered was corrected (the original is kept). */
  rescored: z
    .object({
      originalScore: z.number(),
      originalPassed: z.boolean(),
      at: z.string(),
      corrections: z.array(z.object({ exampleId: z.string(), criterionId: z.string(), fixedIn: z.string() })),
    })
    .optional(),
})
export type AttemptResult = z.infer<typeof AttemptResult>

export const AnnotatorStatus = z.object({
  userId: z.string(),
  status: z.enum(CALIBRATION_STATUSES),
  latestVersion: z.string().nullable(),
  /** The version the status refers to (the passing one for `passed` and `stale`). */
  version: z.string().nullable(),
  score: z.number().nullable(),
  at: z.string().nullable(),
  /** Whether the attempt the status refers to was blind (null without a submitted attempt). */
  blind: z.boolean().nullable().default(null),
  /** Items of that attempt seen in an earlier one (null without a submitted attempt). */
  seenBefore: z.number().int().nullable().default(null),
})
export type AnnotatorStatus = z.infer<typeof AnnotatorStatus>

export const CreateDisputeBody = z
  .object({
    attemptId: z.string().max(64),
    exampleId: z.string().max(64),
    /** The disputed question: a slot key (a criterion id, or `<criterionId>@A`/`@B`). */
    criterionId: SlotKey,
    comment: z.string().trim().min(1).max(5000),
  })
  .strict()
/** How a lead resolves a dispute: the gold value stands, or it was wrong (the annotator's favour; a fix is due). */
export const DISPUTE_OUTCOMES = ['gold_stands', 'gold_wrong'] as const
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number]
export const ResolveDisputeBody = z
  .object({ reply: z.string().trim().min(1).max(5000), outcome: z.enum(DISPUTE_OUTCOMES) })
  .strict()
export const Dispute = z.object({
  id: z.string(),
  version: z.string(),
  exampleId: z.string(),
  criterionId: z.string(),
  userId: z.string(),
  userName: z.string(),
  comment: z.string(),
  status: z.enum(['open', 'resolved']),
  reply: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** Set when resolved; `gold_wrong` with no `fixedInVersion` yet means a gold fix is pending. */
  outcome: z.enum(DISPUTE_OUTCOMES).nullable(),
  /** The version that corrected the disputed gold (its attempts were then re-scored). */
  fixedInVersion: z.string().nullable(),
})
export type Dispute = z.infer<typeof Dispute>

export const AttemptList = z.object({ attempts: z.array(AttemptSummary) })
/** `GET …/calibration/attempts/:attemptId`: the attempt, and its result once submitted. */
export const AttemptWithResult = z.object({ attempt: AttemptView, result: AttemptResult.nullable() })
export const DisputeList = z.object({ disputes: z.array(Dispute) })
/** Refused while the retake cool-down runs (429 `cooldown`): when the next attempt may start. */
export const CooldownError = z.object({
  error: z.string(),
  message: z.string(),
  retryAfterSeconds: z.number().optional(),
  retryAt: z.string().optional(),
})
/** The calibration settings as `GET`/`PUT …/calibration/settings` answer them. */
export const CalibrationSettings = z.object({ retakeCooldownMinutes: z.number().int() })
