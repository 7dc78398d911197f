/**
 * Names of criterion kinds for people, and which examples' gold a change of kind would invalidate (gold is
 * keyed by question slot: the criterion id, or `<id>@A` / `<id>@B`).
 */
import { goldFits } from '../../shared/rubric/goldFits'
import { slotCriterionId } from '../../shared/rubric/taskTypes'
import type { CalibrationExample, Criterion, CriterionKind } from '../../shared/schema/rubric'

export const KIND_NAMES: Record<CriterionKind, string> = {
  binary: 'Yes / no',
  ordinal: 'Scale (levels)',
  points: 'Points when met',
  pairwise: 'Pairwise A / B',
  label: 'Labels',
  multiLabel: 'Labels (any subset)',
  span: 'Marked spans',
  stepVerdict: 'Step verdicts',
}

/** The criterion as it would read with another kind (kind-specific fields default as in the document). */
export function asKind(criterion: Criterion, kind: CriterionKind): Criterion {
  const base = {
    id: criterion.id,
    title: criterion.title,
    description: criterion.description,
    tags: criterion.tags,
    weight: criterion.weight,
    rationaleRequired: criterion.rationaleRequired,
    ...(criterion.allowNA ? { allowNA: true } : {}),
  }
  // Label-like kinds share the document's `labels` child map, so switching between them keeps the labels.
  const labels = 'labels' in criterion ? criterion.labels : []
  switch (kind) {
    case 'ordinal':
      return { ...base, kind, levels: criterion.kind === 'ordinal' ? criterion.levels : [], tolerance: 0 }
    case 'points':
      return { ...base, kind, points: 1 }
    case 'pairwise':
      return { ...base, kind, allowTie: true, strengthRequired: false }
    case 'label':
      return {
        ...base,
        kind,
        labels,
        passingLabels: criterion.kind === 'label' ? criterion.passingLabels : [],
      }
    case 'multiLabel':
      return { ...base, kind, labels, minJaccard: criterion.kind === 'multiLabel' ? criterion.minJaccard : 1 }
    case 'span':
      return {
        ...base,
        kind,
        labels,
        minOverlap: criterion.kind === 'span' ? criterion.minOverlap : 0.5,
        minF1: criterion.kind === 'span' ? criterion.minF1 : 0.5,
      }
    case 'stepVerdict':
      return criterion.kind === 'stepVerdict'
        ? criterion
        : {
            ...base,
            kind,
            verdicts: ['correct', 'incorrect', 'unsafe', 'n/a'],
            mode: 'perStep',
            minStepAgreement: 0.8,
            stepTolerance: 0,
          }
    default:
      return { ...base, kind: 'binary' }
  }
}

/** Examples whose gold for this criterion would no longer fit after switching to `kind`. */
export function examplesInvalidatedBy(
  criterion: Criterion,
  kind: CriterionKind,
  examples: CalibrationExample[],
): CalibrationExample[] {
  const next = asKind(criterion, kind)
  return examples.filter((example) => {
    return goldKeysOf(example, criterion.id).some(
      (key) => !example.gold[key]!.accepted.every((value) => goldFits(next, value)),
    )
  })
}

/** The gold keys of an example that belong to a criterion (its id and its per-response slots). */
export function goldKeysOf(example: CalibrationExample, criterionId: string): string[] {
  return Object.keys(example.gold).filter((key) => slotCriterionId(key) === criterionId)
}
