/**
 * The project templates offered by "New project": each a small real guideline, a rubric with task types and
 * gold examples (see docs/templates.md for what each shows and how to add one).
 */
import { agentTrajectoryTemplate } from './agentTrajectory'
import { chainOfThoughtTemplate } from './chainOfThought'
import { hallucinationTemplate } from './hallucination'
import { imageGenerationTemplate } from './imageGeneration'
import { pairwisePreferenceTemplate } from './pairwisePreference'
import { physicianPointsTemplate } from './physicianPoints'
import { redTeamingTemplate } from './redTeaming'
import { responseRatingTemplate } from './responseRating'
import { summarizeTemplate, type TemplateJson, type TemplateSummary } from './templateSchema'

/** In the order the form lists them. */
export const PROJECT_TEMPLATES: readonly TemplateJson[] = [
  responseRatingTemplate,
  pairwisePreferenceTemplate,
  chainOfThoughtTemplate,
  redTeamingTemplate,
  hallucinationTemplate,
  agentTrajectoryTemplate,
  physicianPointsTemplate,
  imageGenerationTemplate,
]

/** The id the form sends for an empty project (a heading and nothing else). */
export const BLANK_TEMPLATE_ID = 'blank'

export function templateById(id: string): TemplateJson | undefined {
  return PROJECT_TEMPLATES.find((template) => template.id === id)
}

export function templateSummaries(): TemplateSummary[] {
  return PROJECT_TEMPLATES.map(summarizeTemplate)
}
