/** Type guards for the shapes a gold or answer value takes (`GoldValue` in `shared/schema/rubric.ts`). */
import type {
  GoldValue,
  LabelSetValue,
  PairwiseValue,
  SpanSetValue,
  StepVerdictValue,
} from '../schema/rubric'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export const isPairwiseValue = (value: GoldValue | null | undefined): value is PairwiseValue =>
  isObject(value) && 'choice' in value

export const isNotApplicable = (value: GoldValue | null | undefined): value is { na: true } =>
  isObject(value) && (value as Record<string, unknown>).na === true

export const isLabelSet = (value: GoldValue | null | undefined): value is LabelSetValue =>
  isObject(value) && Array.isArray((value as Record<string, unknown>).labels)

export const isSpanSet = (value: GoldValue | null | undefined): value is SpanSetValue =>
  isObject(value) && Array.isArray((value as Record<string, unknown>).spans)

export const isStepVerdicts = (value: GoldValue | null | undefined): value is StepVerdictValue =>
  isObject(value) && isObject((value as Record<string, unknown>).steps)
