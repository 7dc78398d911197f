/**
 * Which kind of version the changes since the latest one call for, following the publish dialog's guide:
 * major when scoring meaning changed (gold, scales, kinds, weights, removed criteria), minor when criteria or
 * examples were added, patch for wording. A suggestion only: the lead decides.
 */
import type { RubricChange } from '../../shared/diff/rubricDiff'
import type { Bump } from '../../shared/schema/version'
import type { VersionDiff } from '../api/versions'
import { describeChange } from './describeChange'

const MEANING_FIELDS = new Set([
  'kind',
  'weight',
  'tolerance',
  'points',
  'passingLabels',
  'allowTie',
  'strengthRequired',
  'allowNA',
  'minJaccard',
  'minOverlap',
  'minF1',
  'mode',
  'minStepAgreement',
  'stepTolerance',
  'verdicts',
])

function bumpOf(change: RubricChange): Bump {
  switch (change.type) {
    case 'criterion_removed':
    case 'level_added':
    case 'level_removed':
    case 'label_added':
    case 'label_removed':
    case 'gold_changed':
      return 'major'
    case 'criterion_changed':
      return MEANING_FIELDS.has(change.field) ? 'major' : 'patch'
    case 'task_type_changed':
      return change.field === 'name' ? 'patch' : 'major'
    case 'task_type_removed':
      return 'major'
    case 'task_type_added':
    case 'example_part_added':
    case 'example_part_removed':
    case 'example_part_moved':
      return 'minor'
    case 'rubric_changed':
      return change.field === 'passThreshold' ? 'major' : 'patch'
    case 'criterion_added':
    case 'example_added':
    case 'example_removed':
      return 'minor'
    default:
      return 'patch'
  }
}

const RANK: Record<Bump, number> = { patch: 0, minor: 1, major: 2 }

export interface BumpSuggestion {
  bump: Bump | null
  guidelineBlocks: number
  rubricChanges: number
  /** The change that decided the suggestion, as a sentence. */
  reason: string | null
}

/** `bump` is null when nothing changed. */
export function suggestBump(diff: VersionDiff): BumpSuggestion {
  const guidelineBlocks = diff.guideline.filter((block) => block.kind !== 'equal').length
  let bump: Bump | null = guidelineBlocks > 0 ? 'patch' : null
  let reason: string | null = guidelineBlocks > 0 ? 'The guideline text changed.' : null
  for (const change of diff.rubric) {
    const next = bumpOf(change)
    if (bump === null || RANK[next] > RANK[bump]) {
      bump = next
      reason = describeChange(change)
    }
  }
  return { bump, guidelineBlocks, rubricChanges: diff.rubric.length, reason }
}
