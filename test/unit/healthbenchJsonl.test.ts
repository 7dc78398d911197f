/**
 * HealthBench-style JSONL of a version: one line per example with points questions, simple-evals field names,
 * the judged reply apart from the prompt, negative points kept, non-points criteria left out; and what the
 * import reads back from it is the same points criteria.
 */
import { describe, expect, it } from 'vitest'
import { criterionText, healthbenchJsonl } from '../../server/publish/healthbenchJsonl'
import { criteriaFromHealthbenchJsonl } from '../../shared/rubric/rubricImport'
import { PROJECT_TEMPLATES } from '../../shared/templates'
import { versionOfTemplate } from '../helpers/templateVersion'

const physician = PROJECT_TEMPLATES.find((t) => t.id === 'physician-points')!

describe('healthbenchJsonl', () => {
  const version = versionOfTemplate(physician)
  const lines = healthbenchJsonl(version)
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l))

  it('writes one line per example with the simple-evals fields', () => {
    expect(lines.map((l) => l.prompt_id)).toEqual(physician.examples.map((e) => e.id))
    for (const line of lines) {
      // `completion` only where the example has a judged reply; nothing else besides these.
      expect(
        Object.keys(line)
          .filter((k) => k !== 'completion')
          .sort(),
      ).toEqual(['example_tags', 'prompt', 'prompt_id', 'rubrics'])
      expect(line.rubrics.length).toBe(physician.rubric.criteria.filter((c) => c.kind === 'points').length)
    }
  })

  it('puts the final assistant turn of a conversation in completion, not in prompt', () => {
    const example = physician.examples.find((e) => e.content.kind === 'conversation')!
    if (example.content.kind !== 'conversation') throw new Error('unreachable')
    const turns = example.content.turns
    const line = lines.find((l) => l.prompt_id === example.id)!
    expect(line.completion).toBe(turns[turns.length - 1]!.text)
    expect(line.prompt).toEqual(turns.slice(0, -1).map((t) => ({ role: t.role, content: t.text })))
  })

  it('keeps points, signs and tags; the import reads the same criteria back', () => {
    const points = physician.rubric.criteria.filter((c) => c.kind === 'points')
    expect(lines[0].rubrics).toEqual(
      points.map((c) => ({
        criterion: criterionText(c.title, c.description),
        points: c.kind === 'points' ? c.points : 0,
        tags: c.tags,
      })),
    )
    const back = criteriaFromHealthbenchJsonl(healthbenchJsonl(version))
    if (!back.ok) throw new Error(back.errors.join())
    expect(back.criteria.map((c) => [c.points, c.tags])).toEqual(
      points.map((c) => [c.kind === 'points' ? c.points : 0, c.tags]),
    )
  })

  it('leaves out rubrics without points criteria', () => {
    const pairwise = versionOfTemplate(PROJECT_TEMPLATES.find((t) => t.id === 'pairwise-preference')!)
    expect(healthbenchJsonl(pairwise)).toBe('')
  })
})
