/**
 * The project templates are sound data: they parse with the version schemas, every example answers exactly
 * the questions its task type asks with values that fit (spans inside their text, verdicts for real steps),
 * the guideline is valid for the editor's schema, and the problems list finds no errors. checkTemplate's
 * own rules are exercised on broken copies, so a rule that stops working fails here.
 */
import { getSchema } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { guidelineSchemaExtensions } from '../../shared/guideline/schemaExtensions'
import { textAt } from '../../shared/rubric/contentFields'
import { findProblems } from '../../shared/rubric/problems'
import { RubricWithExamples } from '../../shared/schema/rubric'
import { checkTemplate } from '../../shared/templates/checkTemplate'
import { PROJECT_TEMPLATES, templateById, templateSummaries } from '../../shared/templates/index'
import { markSpan } from '../../shared/templates/spans'
import { TemplateJson } from '../../shared/templates/templateSchema'

const schema = getSchema(guidelineSchemaExtensions())
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

describe('project templates', () => {
  it('are eight, with unique ids, covering the content and criterion kinds the brief names', () => {
    expect(PROJECT_TEMPLATES).toHaveLength(8)
    expect(new Set(PROJECT_TEMPLATES.map((t) => t.id)).size).toBe(8)
    const contentKinds = new Set(PROJECT_TEMPLATES.flatMap((t) => t.examples.map((e) => e.content.kind)))
    for (const kind of ['single', 'pairwise', 'conversation', 'reasoning', 'trajectory', 'media'])
      expect(contentKinds).toContain(kind)
    const criterionKinds = new Set(PROJECT_TEMPLATES.flatMap((t) => t.rubric.criteria.map((c) => c.kind)))
    for (const kind of ['ordinal', 'pairwise', 'stepVerdict', 'multiLabel', 'label', 'span', 'points'])
      expect(criterionKinds).toContain(kind)
    const points = PROJECT_TEMPLATES.flatMap((t) => t.rubric.criteria).filter((c) => c.kind === 'points')
    expect(points.some((c) => c.kind === 'points' && c.points < 0)).toBe(true)
    expect(points.every((c) => c.tags.some((tag) => tag.startsWith('axis:')))).toBe(true)
  })

  for (const template of PROJECT_TEMPLATES) {
    describe(template.id, () => {
      it('is JSON data that parses with the template and version schemas', () => {
        expect(copy(template)).toEqual(template)
        expect(TemplateJson.parse(template)).toEqual(template)
        expect(RubricWithExamples.safeParse(template).success).toBe(true)
        expect(template.examples.length).toBeGreaterThanOrEqual(2)
        expect(template.examples.length).toBeLessThanOrEqual(4)
      })

      it('passes checkTemplate (task types, gold for every slot, spans and steps in range, embedding)', () => {
        expect(checkTemplate(template)).toEqual([])
      })

      it('has a guideline the editor schema accepts', () => {
        expect(() => schema.nodeFromJSON(template.guideline).check()).not.toThrow()
      })

      // Needs the merged problems.ts (question slots, new content kinds): the one on main predates them.
      it('has no errors in the problems list', () => {
        expect(findProblems(template).filter((p) => p.severity === 'error')).toEqual([])
      })
    })
  }

  it('hallucination spans cover exactly the quoted words', () => {
    const template = templateById('hallucination-detection')!
    const quoted = template.examples.flatMap((example) =>
      Object.values(example.gold).flatMap((entry) =>
        entry.accepted.flatMap((value) =>
          typeof value === 'object' && 'spans' in value
            ? value.spans.map((s) => textAt(example.content, s.field)!.slice(s.start, s.end))
            : [],
        ),
      ),
    )
    expect(quoted).toEqual([
      'making it the largest library in the region',
      'paid for by a national lottery grant',
      '68%',
      'largely thanks to the city’s new bike lanes',
    ])
  })

  it('summaries name the task types each template shows', () => {
    const red = templateSummaries().find((s) => s.id === 'red-teaming')!
    expect(red.taskTypes).toEqual(['Single-prompt probe', 'Multi-turn attack'])
    expect(templateById('nope')).toBeUndefined()
  })
})

describe('markSpan', () => {
  it('computes offsets from the quote and refuses a missing or ambiguous quote', () => {
    expect(markSpan('response', 'a cat and a dog', 'a dog', 'x', 'n')).toEqual({
      field: 'response',
      start: 10,
      end: 15,
      label: 'x',
      note: 'n',
    })
    expect(() => markSpan('response', 'a cat', 'dog', 'x', 'n')).toThrow(/not found/)
    expect(() => markSpan('response', 'a cat and a cat', 'a cat', 'x', 'n')).toThrow(/ambiguous/)
  })
})

describe('checkTemplate catches', () => {
  const base = () => copy(templateById('hallucination-detection')!)

  it('a span past the end of its text', () => {
    const t = base()
    const value = t.examples[0]!.gold['hd-spans']!.accepted[0] as { spans: { end: number }[] }
    value.spans[0]!.end = 10_000
    expect(checkTemplate(t)).toEqual([
      'example “hd-library”: gold for “hd-spans” is a span 142–10000 outside its text (length 286)',
    ])
  })

  it('a missing slot, gold for a question not asked, and a wrong task type', () => {
    const t = copy(templateById('pairwise-preference')!)
    const example = t.examples[0]!
    delete example.gold['pp-error@B']
    example.gold['pp-error'] = { accepted: [true], rationale: 'r' }
    expect(checkTemplate(t)).toEqual([
      'example “pp-egg” has no gold for “pp-error@B”',
      'example “pp-egg” has gold for “pp-error”, which it does not ask',
    ])
    example.taskTypeId = 'tt-missing'
    expect(checkTemplate(t)).toContain('example “pp-egg” has no valid task type')
  })

  it('step verdicts for missing steps, missing verdicts and a first wrong step that does not exist', () => {
    const t = copy(templateById('chain-of-thought')!)
    const gold = t.examples[0]!.gold['cot-steps']!
    gold.accepted = [{ steps: { s1: 'n/a', s2: 'incorrect', s9: 'correct' }, firstWrong: 's7' }]
    expect(checkTemplate(t)).toEqual([
      'example “cot-train”: gold for “cot-steps” is a verdict for step “s9”, which the content lacks',
    ])
    gold.accepted = [{ steps: { s1: 'n/a', s2: 'incorrect' }, firstWrong: 's7' }]
    expect(checkTemplate(t)).toEqual([
      'example “cot-train”: gold for “cot-steps” is no verdict for some steps',
    ])
    gold.accepted = [
      { steps: { s1: 'n/a', s2: 'incorrect', s3: 'correct', s4: 'correct' }, firstWrong: 's7' },
    ]
    expect(checkTemplate(t)).toEqual([
      'example “cot-train”: gold for “cot-steps” is first wrong step “s7”, which the content lacks',
    ])
  })

  it('N/A where not allowed, unknown labels, and an example embedded twice', () => {
    const t = copy(templateById('red-teaming')!)
    t.examples[0]!.gold['rt-harmful']!.accepted = [{ na: true }]
    t.examples[0]!.gold['rt-harm']!.accepted = [{ labels: ['spam'] }]
    ;(t.guideline.content as unknown[]).push({
      type: 'calibrationExample',
      attrs: { exampleId: 'rt-cleaners' },
    })
    expect(checkTemplate(t)).toEqual([
      'example “rt-python-kill”: gold for “rt-harm” is a label the criterion lacks',
      'example “rt-python-kill”: gold for “rt-harmful” is N/A, but the criterion does not allow N/A',
      'example “rt-cleaners” is embedded 2 times in the guideline',
    ])
  })
})
