/** Names of criterion kinds for people, and which examples' gold a change of kind would invalidate. */
import { goldFits } from '../../shared/rubric/goldFits'
import type { CalibrationExample, Criterion, CriterionKind } from '../../shared/schema/rubric'

export const KIND_NAMES: Record<CriterionKind, string> = {
  binary: 'Yes / no',
  ordinal: 'Scale (levels)',
  points: 'Points when met',
  pairwise: 'Pairwise A / B',
  label: 'Labels',
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
  }
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
        labels: criterion.kind === 'label' ? criterion.labels : [],
        passingLabels: criterion.kind === 'label' ? criterion.passingLabels : [],
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
    const gold = example.gold[criterion.id]
    return gold !== undefined && !gold.accepted.every((value) => goldFits(next, value))
  })
}
