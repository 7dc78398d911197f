/**
 * The answer of `GET /api/projects/:id/diff`: guideline blocks aligned with word changes, and the structured
 * rubric changes (`shared/diff/`). Block diffs are described in full; a rubric change by its `type` (each
 * type's other fields are in `shared/diff/rubricDiff.ts`).
 */
import { z } from 'zod'
import type { BlockDiff as BlockDiffType } from '../diff/guidelineDiff'
import type { RubricChange as RubricChangeType } from '../diff/rubricDiff'

export const WordChange = z.object({
  value: z.string(),
  added: z.boolean().optional(),
  removed: z.boolean().optional(),
})

export const BlockDiff = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['equal', 'inserted', 'deleted']),
    type: z.string(),
    text: z.string(),
    level: z.number().optional(),
  }),
  z.object({
    kind: z.literal('changed'),
    type: z.string(),
    before: z.string(),
    after: z.string(),
    words: z.array(WordChange),
    level: z.number().optional(),
  }),
])

export const RUBRIC_CHANGE_TYPES = [
  'rubric_changed',
  'criterion_added',
  'criterion_removed',
  'criterion_renamed',
  'criterion_changed',
  'level_added',
  'level_removed',
  'level_changed',
  'label_added',
  'label_removed',
  'example_added',
  'example_removed',
  'example_changed',
  'task_type_added',
  'task_type_removed',
  'task_type_changed',
  'example_part_added',
  'example_part_removed',
  'example_part_changed',
  'example_part_moved',
  'gold_changed',
  'gold_rationale_changed',
] as const satisfies readonly RubricChangeType['type'][]

export const RubricChange = z.looseObject({ type: z.enum(RUBRIC_CHANGE_TYPES) })

export const VersionDiff = z.object({
  from: z.string(),
  to: z.string(),
  guideline: z.array(BlockDiff),
  rubric: z.array(RubricChange),
})

// Every change type the diff makes is listed above (a new one fails the type check here).
type Missing = Exclude<RubricChangeType['type'], (typeof RUBRIC_CHANGE_TYPES)[number]>
const _allTypesListed: Missing extends never ? true : never = true
// The schema's block shape is the diff's own.
const _sameBlocks = (b: BlockDiffType): z.input<typeof BlockDiff> => b
void _allTypesListed
void _sameBlocks
