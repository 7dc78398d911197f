/**
 * A project template: a small real guideline (TipTap JSON), a rubric with task types and a few gold examples —
 * the same data a published version holds, without the per-publish metadata. `shared/ydoc/draftFromData.ts`
 * writes one into a new project's draft.
 */
import { z } from 'zod'
import { CalibrationExample, Rubric } from '../schema/rubric'

export const TemplateId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'template ids are lower-case words joined by hyphens')

export const TemplateJson = z.object({
  id: TemplateId,
  name: z.string().min(1).max(80),
  /** One line for the "New project" form. */
  summary: z.string().min(1).max(200),
  /** The guideline as a ProseMirror (TipTap JSON) document, like `VersionJson.guideline.doc`. */
  guideline: z.record(z.string(), z.unknown()),
  rubric: Rubric,
  examples: z.array(CalibrationExample).max(50),
})
export type TemplateJson = z.infer<typeof TemplateJson>

/** What the "New project" form shows about a template (GET /api/projects/templates). */
export const TemplateSummary = z.object({
  id: TemplateId,
  name: z.string(),
  summary: z.string(),
  /** Names of the task types its rubric declares. */
  taskTypes: z.array(z.string()),
  criteria: z.number().int(),
  examples: z.number().int(),
})
export type TemplateSummary = z.infer<typeof TemplateSummary>
export const TemplateSummaryList = z.object({ templates: z.array(TemplateSummary) })
export type TemplateSummaryList = z.infer<typeof TemplateSummaryList>

export function summarizeTemplate(template: TemplateJson): TemplateSummary {
  return {
    id: template.id,
    name: template.name,
    summary: template.summary,
    taskTypes: (template.rubric.taskTypes ?? []).map((t) => t.name),
    criteria: template.rubric.criteria.length,
    examples: template.examples.length,
  }
}
