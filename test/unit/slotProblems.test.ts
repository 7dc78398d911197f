/**
 * Checks over task types, content and question slots (shared/rubric/slotProblems.ts via findProblems), on
 * hand-built rubrics, and the one-click fixes for stale step verdicts, spans whose text is gone and examples
 * without a task type.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { calibrationPool } from '../../shared/rubric/calibrationPool'
import { fixFor } from '../../shared/rubric/problemFixes'
import { findProblems, type Problem } from '../../shared/rubric/problems'
import type { CalibrationExample, Criterion, RubricWithExamples } from '../../shared/schema/rubric'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { addExample, examplesMap, setGold } from '../../shared/ydoc/examplesDoc'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { DraftRoot } from '../../shared/ydoc/layout'
import { addCriterion } from '../../shared/ydoc/rubricDoc'
import { createSpanAnchor } from '../../shared/ydoc/spanAnchors'

const base = { description: 'd', tags: [], weight: 1, rationaleRequired: false }
const binary: Criterion = { ...base, id: 'acc', title: 'Accuracy', kind: 'binary' }
const pref: Criterion = {
  ...base,
  id: 'pref',
  title: 'Preference',
  kind: 'pairwise',
  allowTie: true,
  strengthRequired: false,
}
const spans: Criterion = {
  ...base,
  id: 'sp',
  title: 'Claims',
  kind: 'span',
  labels: [{ value: 'claim', description: '' }],
  minOverlap: 0.5,
  minF1: 0.5,
}
const steps: Criterion = {
  ...base,
  id: 'sv',
  title: 'Steps',
  kind: 'stepVerdict',
  verdicts: ['correct', 'incorrect'],
  mode: 'both',
  minStepAgreement: 0.8,
  stepTolerance: 0,
}
const multi: Criterion = {
  ...base,
  id: 'ml',
  title: 'Harms',
  kind: 'multiLabel',
  labels: [{ value: 'medical', description: '' }],
  minJaccard: 1,
}

const example = (over: Partial<CalibrationExample>): CalibrationExample => ({
  id: 'e1',
  title: 'One',
  content: { kind: 'single', prompt: 'Is it safe?', response: 'Yes, always.' },
  gold: {},
  rationale: '',
  difficulty: 'easy',
  sectionId: null,
  status: 'ready',
  role: 'calibration',
  ...over,
})
const reasoning = {
  kind: 'reasoning' as const,
  prompt: 'Add 2 and 2',
  steps: [
    { id: 's1', text: '2 + 2 = 5' },
    { id: 's2', text: 'so 5' },
  ],
  answer: '5',
}

const draft = (
  criteria: Criterion[],
  examples: CalibrationExample[],
  taskTypes?: RubricWithExamples['rubric']['taskTypes'],
) =>
  ({
    rubric: {
      title: 'R',
      instructions: '',
      passThreshold: 0.8,
      criteria,
      ...(taskTypes ? { taskTypes } : {}),
    },
    examples,
  }) satisfies RubricWithExamples
// pass_unreachable depends on scoreAttempt knowing every criterion kind (the scoring module's business).
const codes = (d: RubricWithExamples) =>
  findProblems(d)
    .map((p) => p.code)
    .filter((code) => code !== 'pass_unreachable')
const only = (d: RubricWithExamples, code: Problem['code']) => findProblems(d).filter((p) => p.code === code)

describe('gold is required only where a question is asked', () => {
  it('asks no pairwise question on single content and no step verdict outside steps', () => {
    expect(
      codes(draft([binary, pref, steps], [example({ gold: { acc: { accepted: [true], rationale: '' } } })])),
    ).toEqual([])
  })

  it('with task types, per-response criteria on pairwise content need gold for A and B', () => {
    const e = example({
      taskTypeId: 'cmp',
      content: { kind: 'pairwise', prompt: 'p', responseA: 'a', responseB: 'b' },
      gold: {
        'acc@A': { accepted: [true], rationale: '' },
        pref: { accepted: [{ choice: 'A' }], rationale: '' },
      },
    })
    const d = draft(
      [binary, pref],
      [e],
      [{ id: 'cmp', name: 'Compare', contentKind: 'pairwise', criterionIds: ['acc', 'pref'] }],
    )
    const missing = only(d, 'gold_missing')
    expect(missing).toHaveLength(1)
    expect(missing[0]).toMatchObject({
      slotKey: 'acc@B',
      message: 'Example “One” has no gold value for “Accuracy (response B)”.',
    })
  })
})

describe('task types', () => {
  const types = [
    { id: 'rate', name: 'Rate', contentKind: 'single' as const, criterionIds: ['acc', 'sv'] },
    { id: 'empty', name: 'Nothing', contentKind: 'reasoning' as const, criterionIds: [] },
  ]
  it('flags an example without a (valid) task type, and content of another kind', () => {
    const gold = { acc: { accepted: [true], rationale: '' } }
    expect(only(draft([binary, steps], [example({ gold })], types), 'example_no_task_type')[0]!.message).toBe(
      'Example “One” has no task type.',
    )
    expect(
      only(draft([binary, steps], [example({ gold, taskTypeId: 'gone' })], types), 'example_no_task_type')[0]!
        .message,
    ).toMatch(/no longer exists/)
    const mismatch = only(
      draft(
        [binary, steps],
        [example({ gold, taskTypeId: 'empty', content: { kind: 'free', body: 'x' } })],
        types,
      ),
      'example_kind_mismatch',
    )
    expect(mismatch[0]!.message).toBe(
      'Example “One” is free content, but its task type “Nothing” expects reasoning.',
    )
  })

  it('flags a criterion that can never be asked on its task type’s content kind, and an empty task type', () => {
    const d = draft([binary, steps], [], types)
    expect(only(d, 'task_type_criterion_unfit')).toMatchObject([
      { criterionId: 'sv', taskTypeId: 'rate', severity: 'warning' },
    ])
    expect(only(d, 'task_type_no_criteria')).toMatchObject([{ taskTypeId: 'empty' }])
  })
})

describe('span gold against the text', () => {
  const spanGold = (s: object[]) =>
    ({ sp: { accepted: [{ spans: s }], rationale: '' } }) as CalibrationExample['gold']
  const span = { field: 'response', start: 0, end: 4, label: 'claim' }
  it('accepts a span inside its text with a known label', () => {
    expect(codes(draft([spans], [example({ gold: spanGold([span]) })]))).toEqual([])
  })
  it.each([
    [{ ...span, end: 40 }, 'gold_span_outside_text'],
    [{ ...span, start: 4, end: 4 }, 'gold_span_outside_text'],
    [{ ...span, field: 'turns.t9' }, 'gold_span_missing_field'],
    [{ ...span, label: 'rumour' }, 'gold_span_unknown_label'],
  ] as const)('flags %o as %s', (bad, code) => {
    expect(codes(draft([spans], [example({ gold: spanGold([span, bad]) })]))).toEqual([code])
  })
  it('rejects N/A unless the criterion allows it, and multiLabel labels it does not list', () => {
    const na = { sp: { accepted: [{ na: true as const }], rationale: '' } }
    expect(codes(draft([spans], [example({ gold: na })]))).toEqual(['gold_out_of_scale'])
    expect(codes(draft([{ ...spans, allowNA: true }], [example({ gold: na })]))).toEqual([])
    const labels = { ml: { accepted: [{ labels: ['medical', 'legal'] }], rationale: '' } }
    expect(codes(draft([multi], [example({ gold: labels })]))).toEqual(['gold_out_of_scale'])
  })
  it('reports any gold the answer check would refuse (a label chosen twice)', () => {
    const twice = { ml: { accepted: [{ labels: ['medical', 'medical'] }], rationale: '' } }
    const found = only(draft([multi], [example({ gold: twice })]), 'gold_out_of_scale')
    expect(found.map((p) => p.message)).toEqual([expect.stringContaining('a label is chosen twice')])
  })
})

describe('step verdict gold against the steps', () => {
  const gold = (value: object) => ({ sv: { accepted: [value], rationale: '' } }) as CalibrationExample['gold']
  const ok = { steps: { s1: 'incorrect', s2: 'correct' }, firstWrong: 's1' }
  it.each([
    [ok, []],
    [{ ...ok, steps: { ...ok.steps, s0: 'correct' } }, ['gold_step_missing']],
    [{ ...ok, firstWrong: 's0' }, ['gold_first_wrong_missing']],
    [{ steps: ok.steps }, ['gold_first_wrong_unset']],
    [{ steps: { s1: 'incorrect' }, firstWrong: 's1' }, ['gold_step_verdict_missing']],
    [{ ...ok, steps: { s1: 'wrongish', s2: 'correct' } }, ['gold_out_of_scale']],
  ])('%o → %o', (value, expected) => {
    expect(codes(draft([steps], [example({ content: reasoning, gold: gold(value) })]))).toEqual(expected)
  })
  it('first-wrong mode needs no per-step verdicts', () => {
    const d = draft(
      [{ ...steps, mode: 'firstWrong' }],
      [example({ content: reasoning, gold: gold({ steps: {}, firstWrong: null }) })],
    )
    expect(codes(d)).toEqual([])
  })
  it('keeps an item with a stale verdict out of the calibration pool', () => {
    const d = draft(
      [steps],
      [example({ content: reasoning, gold: gold({ ...ok, steps: { ...ok.steps, s0: 'correct' } }) })],
    )
    expect(calibrationPool(d).excluded).toMatchObject([{ reason: 'gold_does_not_fit' }])
  })
})

describe('content checks', () => {
  it('flags empty conversations and steps, empty turns, and action arguments that are not JSON', () => {
    const conv = example({ content: { kind: 'conversation', turns: [] } })
    expect(codes(draft([], [conv]))).toContain('example_no_content')
    const turns = example({
      content: {
        kind: 'conversation',
        turns: [
          { id: 't1', role: 'user', text: 'hi' },
          { id: 't2', role: 'assistant', text: ' ' },
        ],
      },
    })
    expect(only(draft([], [turns]), 'content_part_empty')[0]!.message).toBe('Example “One”: turn 2 is empty.')
    const traj = example({
      content: {
        kind: 'trajectory',
        task: 'Book a flight',
        steps: [{ id: 's1', thought: 'search', tool: 'search', args: '{from: LHR}', observation: '' }],
        outcome: 'booked',
      },
    })
    expect(only(draft([], [traj]), 'trajectory_args_invalid')).toMatchObject([{ severity: 'warning' }])
    const noSteps = example({ content: { ...reasoning, steps: [] } })
    expect(codes(draft([], [noSteps]))).toContain('example_no_steps')
  })
  it('flags multiLabel/span criteria without labels and step verdicts without verdicts', () => {
    expect(
      codes(
        draft(
          [
            { ...multi, labels: [] },
            { ...steps, verdicts: [] },
          ],
          [],
        ),
      ),
    ).toEqual(['label_no_labels', 'step_verdicts_missing'])
  })
})

describe('one-click fixes on the draft', () => {
  function reasoningDraft() {
    const doc = new Y.Doc()
    addCriterion(doc, {
      id: 'sv',
      kind: 'stepVerdict',
      title: 'Steps',
      description: 'd',
      verdicts: ['correct', 'incorrect'],
    })
    addExample(doc, { id: 'e', title: 'E', status: 'ready' })
    const map = examplesMap(doc).get('e')!
    map.set('contentKind', 'reasoning')
    const stepsArray = new Y.Array<Y.Map<unknown>>()
    for (const id of ['s1', 's2']) {
      const step = new Y.Map<unknown>()
      step.set('id', id)
      step.set('text', new Y.XmlFragment())
      stepsArray.push([step])
    }
    map.set('steps', stepsArray)
    for (const [i, step] of stepsArray.toArray().entries())
      appendBlocks(step.get('text') as Y.XmlFragment, [{ type: 'paragraph', text: `step ${i + 1}` }])
    return { doc, stepsArray }
  }

  it('drops the verdicts of deleted steps', () => {
    const { doc, stepsArray } = reasoningDraft()
    setGold(doc, 'e', 'sv', [{ steps: { s1: 'correct', s2: 'incorrect' } }])
    stepsArray.delete(1, 1)
    const problem = findProblems(readRubricWithExamples(doc)).find((p) => p.code === 'gold_step_missing')!
    const fix = fixFor(doc, problem)!
    expect(fix.label).toBe('Remove the verdicts of deleted steps')
    fix.apply(doc)
    expect(readRubricWithExamples(doc).examples[0]!.gold.sv!.accepted).toEqual([{ steps: { s1: 'correct' } }])
    expect(findProblems(readRubricWithExamples(doc)).map((p) => p.code)).not.toContain('gold_step_missing')
  })

  it('removes a span whose text was deleted and keeps the anchored others', () => {
    const doc = new Y.Doc()
    addCriterion(doc, {
      id: 'sp',
      kind: 'span',
      title: 'Claims',
      description: 'd',
      labels: [{ value: 'claim', description: '' }],
    })
    addExample(doc, {
      id: 'e',
      title: 'E',
      text: {
        prompt: [{ type: 'paragraph', text: 'Q' }],
        response: [{ type: 'paragraph', text: 'Aspirin cures colds.' }],
      },
    })
    const keep = {
      field: 'response',
      start: 0,
      end: 7,
      label: 'claim',
      anchor: createSpanAnchor(doc, 'e', 'response', 0, 7)!,
    }
    const gone = {
      field: 'response',
      start: 8,
      end: 13,
      label: 'claim',
      anchor: createSpanAnchor(doc, 'e', 'response', 8, 13)!,
    }
    setGold(doc, 'e', 'sp', [{ spans: [keep, gone] }])
    const text = ((examplesMap(doc).get('e')!.get('response') as Y.XmlFragment).get(0) as Y.XmlElement).get(
      0,
    ) as Y.XmlText
    text.delete(7, 6)
    const problem = findProblems(readRubricWithExamples(doc)).find(
      (p) => p.code === 'gold_span_outside_text',
    )!
    fixFor(doc, problem)!.apply(doc)
    expect(readRubricWithExamples(doc).examples[0]!.gold.sp!.accepted).toEqual([
      { spans: [{ field: 'response', start: 0, end: 7, label: 'claim' }] },
    ])
  })

  it('puts an example without a task type into the only task type of its content kind', () => {
    const { doc } = reasoningDraft()
    // With a single task type every example belongs to it; two make the choice explicit.
    for (const [id, name, kind] of [
      ['cot', 'Chain of thought', 'reasoning'],
      ['rate', 'Rate', 'single'],
    ]) {
      const type = new Y.Map<unknown>()
      type.set('id', id)
      type.set('name', new Y.Text(name))
      type.set('contentKind', kind)
      type.set('order', id)
      type.set('criteria', new Y.Map())
      doc.getMap(DraftRoot.taskTypes).set(id!, type)
    }
    const problem = findProblems(readRubricWithExamples(doc)).find((p) => p.code === 'example_no_task_type')!
    const fix = fixFor(doc, problem)!
    expect(fix.label).toBe('Make it a “Chain of thought” task')
    fix.apply(doc)
    expect(readRubricWithExamples(doc).examples[0]!.taskTypeId).toBe('cot')
  })
})

describe('gold for questions no longer asked', () => {
  it('warns about gold under a key no question uses, and removes it in one click', () => {
    const doc = new Y.Doc()
    addCriterion(doc, { id: 'acc', kind: 'binary', title: 'Accuracy', description: 'd' })
    addExample(doc, { id: 'e', title: 'E', text: { prompt: [{ type: 'paragraph', text: 'Q' }] } })
    setGold(doc, 'e', 'acc', [true])
    setGold(doc, 'e', 'acc@A', [true])
    const problems = findProblems(readRubricWithExamples(doc)).filter((p) => p.code === 'gold_not_asked')
    expect(problems).toMatchObject([{ severity: 'warning', slotKey: 'acc@A', criterionId: 'acc' }])
    fixFor(doc, problems[0]!)!.apply(doc)
    expect(Object.keys(readRubricWithExamples(doc).examples[0]!.gold)).toEqual(['acc'])
  })
})
