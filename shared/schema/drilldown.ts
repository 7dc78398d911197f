/**
 * The per-annotator drill-down (owners and leads): one annotator's submitted attempt on a version, every
 * answer beside gold with the rationale they gave, grouped by the guideline section each example illustrates.
 */
import { z } from 'zod'

export const DrilldownAnswer = z.object({
  criterionId: z.string(),
  /** The question slot when not the criterion id (`<criterionId>@A` / `@B`). */
  slotKey: z.string().optional(),
  /** The slot's title, e.g. "Accuracy (response A)". */
  criterionTitle: z.string(),
  /** The answer as shown to people (null: not answered). */
  answer: z.string().nullable(),
  /** Every accepted gold value, as shown to people. */
  gold: z.array(z.string()),
  agrees: z.boolean(),
  /** How close a partially scored answer came, e.g. "span F1 0.67: 1 matched, 1 missed, 0 extra". */
  closeness: z.string().optional(),
  rationale: z.string().nullable(),
})

export const DrilldownExample = z.object({
  exampleId: z.string(),
  title: z.string(),
  answers: z.array(DrilldownAnswer),
})

export const DrilldownSection = z.object({
  /** Null for examples linked to no section. */
  sectionId: z.string().nullable(),
  title: z.string(),
  agreed: z.number(),
  total: z.number(),
  examples: z.array(DrilldownExample),
})

export const AnnotatorDrilldown = z.object({
  userId: z.string(),
  name: z.string(),
  version: z.string(),
  /** The versions this annotator has a submitted attempt on, newest first. */
  versions: z.array(z.string()),
  /** Their latest submitted attempt on `version` (null when none). */
  attempt: z
    .object({
      id: z.string(),
      submittedAt: z.string(),
      score: z.number(),
      passed: z.boolean(),
      /** The outcome before a re-score against corrected gold (null when never re-scored). */
      original: z.object({ score: z.number(), passed: z.boolean() }).nullable(),
    })
    .nullable(),
  sections: z.array(DrilldownSection),
})
export type AnnotatorDrilldown = z.infer<typeof AnnotatorDrilldown>
