/**
 * A published version's points criteria as HealthBench-style JSONL (the field names of openai/simple-evals
 * `healthbench_eval.py`): one line per example with `prompt_id`, `prompt` (chat messages before the judged
 * reply), `completion` (the judged reply, where the example has one), `rubrics: [{ criterion, points, tags }]`
 * and `example_tags`. Holds no gold: which criteria an example meets is in `gold.csv`.
 */
import { questionSlots } from '../../shared/rubric/taskTypes'
import type { CalibrationExample, ExampleContent } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'

export interface HealthbenchRubricItem {
  criterion: string
  points: number
  tags: string[]
}
export interface HealthbenchLine {
  prompt_id: string
  prompt: { role: string; content: string }[]
  completion?: string
  rubrics: HealthbenchRubricItem[]
  example_tags: string[]
}

/** The criterion text HealthBench graders read: the title, then the description when there is one. */
export const criterionText = (title: string, description: string) =>
  description.trim() ? `${title.trim().replace(/\.$/, '')}. ${description.trim()}` : title.trim()

function messages(content: ExampleContent): { prompt: HealthbenchLine['prompt']; completion?: string } {
  switch (content.kind) {
    case 'single':
      return { prompt: [{ role: 'user', content: content.prompt }], completion: content.response }
    case 'conversation': {
      const turns = content.turns.map((t) => ({ role: t.role, content: t.text }))
      const last = turns[turns.length - 1]
      // The last assistant turn is what is graded (HealthBench grades the final reply).
      if (content.finalA === undefined && last?.role === 'assistant')
        return { prompt: turns.slice(0, -1), completion: last.content }
      return { prompt: turns }
    }
    case 'pairwise':
    case 'media':
    case 'reasoning':
      return { prompt: [{ role: 'user', content: content.prompt }] }
    case 'trajectory':
      return { prompt: [{ role: 'user', content: content.task }] }
    case 'free':
      return { prompt: [{ role: 'user', content: content.body }] }
  }
}

/** Whether the version has any points criterion (the only kind HealthBench rubrics hold). */
export const hasPointsCriteria = (version: VersionJson) =>
  version.rubric.criteria.some((c) => c.kind === 'points')

export function healthbenchJsonl(version: VersionJson): string {
  const lines: string[] = []
  for (const example of version.examples) {
    const slots = questionSlots(version.rubric, example as CalibrationExample).filter(
      (slot) => slot.criterion.kind === 'points' && slot.target === null,
    )
    if (slots.length === 0) continue
    const line: HealthbenchLine = {
      prompt_id: example.id,
      ...messages(example.content),
      rubrics: slots.map(({ criterion }) => ({
        criterion: criterionText(criterion.title, criterion.description),
        points: criterion.kind === 'points' ? criterion.points : 0,
        tags: criterion.tags,
      })),
      example_tags: [
        `difficulty:${example.difficulty}`,
        ...(example.sectionId ? [`section:${example.sectionId}`] : []),
      ],
    }
    lines.push(JSON.stringify(line))
  }
  return lines.map((l) => `${l}\n`).join('')
}
