/** Calibration attempts, feedback, status and disputes: API payloads shared by the server and the client. */
import { z } from 'zod'
import { GoldValue } from './rubric'
import { PublicExample } from './version'

export const AnswerValue = GoldValue.nullable()
export const CriterionAnswer = z.object({ value: AnswerValue, rationale: z.string().max(5000).optional() })
export type CriterionAnswer = z.infer<typeof CriterionAnswer>

/** Saving the answers to one example (all criteria at once). */
export const SaveAnswersBody = z.object({ answers: z.record(z.string().max(64), CriterionAnswer) }).strict()
export const StartAttemptBody = z.object({ version: z.string().max(20).optional() }).strict()

export const CALIBRATION_STATUSES = ['not_started', 'in_progress', 'passed', 'failed', 'stale'] as const
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
})
export type AttemptView = z.infer<typeof AttemptView>

export const CriterionFeedback = z.object({
  criterionId: z.string(),
  answer: AnswerValue,
  rationale: z.string().optional(),
  accepted: z.array(GoldValue),
  goldRationale: z.string(),
  agrees: z.boolean(),
})
export const ExampleFeedback = z.object({
  exampleId: z.string(),
  title: z.string(),
  sectionId: z.string().nullable(),
  goldRationale: z.string(),
  criteria: z.array(CriterionFeedback),
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
})
export type AnnotatorStatus = z.infer<typeof AnnotatorStatus>

export const CreateDisputeBody = z
  .object({
    attemptId: z.string().max(64),
    exampleId: z.string().max(64),
    criterionId: z.string().max(64),
    comment: z.string().trim().min(1).max(5000),
  })
  .strict()
export const ResolveDisputeBody = z.object({ reply: z.string().trim().min(1).max(5000) }).strict()
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
})
export type Dispute = z.infer<typeof Dispute>
