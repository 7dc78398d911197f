/**
 * Diffs on known fixtures: a renamed criterion, a changed level descriptor, a changed gold value, and
 * inserted, deleted and edited paragraphs each show up exactly once and in the right place.
 */
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { diffGuidelines } from '../../shared/diff/guidelineDiff'
import { diffRubrics } from '../../shared/diff/rubricDiff'
import { applyTemplate, RUBRIC_TEMPLATES } from '../../shared/rubric/templates'
import type { CalibrationExample, Criterion, RubricWithExamples, TaskType } from '../../shared/schema/rubric'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { addExample, setGold } from '../../shared/ydoc/examplesDoc'
import { appendBlocks, type Block } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { criterionText, orderedCriteria, orderedLevels } from '../../shared/ydoc/rubricDoc'

const guideline = (blocks: Block[]) => {
  const doc = new Y.Doc()
  appendBlocks(guidelineFragment(doc), blocks)
  return yXmlFragmentToProsemirrorJSON(guidelineFragment(doc))
}

describe('diffGuidelines', () => {
  it('shows an inserted, a deleted and an edited paragraph once each, in place', () => {
    const before = guideline([
      { type: 'heading', level: 1, text: 'Title' },
      { type: 'paragraph', text: 'Keep this.' },
      { type: 'paragraph', text: 'Remove this paragraph.' },
      { type: 'paragraph', text: 'Concise means short.' },
      { type: 'paragraph', text: 'The end.' },
    ])
    const after = guideline([
      { type: 'heading', level: 1, text: 'Title' },
      { type: 'paragraph', text: 'Keep this.' },
      { type: 'paragraph', text: 'Concise means no needless words.' },
      { type: 'paragraph', text: 'A brand new rule.' },
      { type: 'paragraph', text: 'The end.' },
    ])
    const diff = diffGuidelines(before, after)
    expect(diff.map((d) => d.kind)).toEqual(['equal', 'equal', 'deleted', 'changed', 'inserted', 'equal'])
    expect(diff[2]).toMatchObject({ kind: 'deleted', text: 'Remove this paragraph.' })
    expect(diff[4]).toMatchObject({ kind: 'inserted', text: 'A brand new rule.' })
    const changed = diff[3]!
    if (changed.kind !== 'changed') throw new Error('expected a changed block')
    expect(changed.words.filter((w) => w.removed).map((w) => w.value.trim())).toEqual(['short'])
    expect(
      changed.words
        .filter((w) => w.added)
        .map((w) => w.value)
        .join(''),
    ).toContain('no needless words')
  })

  it('reports nothing for identical documents', () => {
    const doc = guideline([{ type: 'paragraph', text: 'Same' }])
    expect(diffGuidelines(doc, doc).every((d) => d.kind === 'equal')).toBe(true)
  })
})

describe('diffRubrics', () => {
  function draft() {
    const doc = new Y.Doc()
    applyTemplate(doc, RUBRIC_TEMPLATES[0]!)
    const [help, acc, safe] = orderedCriteria(doc).map(([id]) => id) as [string, string, string]
    const example = addExample(doc, {
      id: 'ex1',
      title: 'Dose',
      gold: { [help]: { accepted: [3] }, [acc]: { accepted: [4] }, [safe]: { accepted: [true] } },
    })
    return { doc, help, acc, safe, example }
  }

  it('reports a rename, a descriptor change and a gold change exactly once each', () => {
    const { doc, help, acc, example } = draft()
    const before = readRubricWithExamples(doc)
    const title = criterionText(doc, help, 'title')!
    title.delete(0, title.length)
    title.insert(0, 'Usefulness')
    const [, levelTwo] = orderedLevels(doc, acc)[1]!
    ;(levelTwo.get('descriptor') as Y.Text).insert(0, 'Clearly ')
    setGold(doc, example, acc, [2])
    const changes = diffRubrics(before, readRubricWithExamples(doc), true)
    expect(changes).toEqual([
      { type: 'criterion_renamed', criterionId: help, before: 'Helpfulness', after: 'Usefulness' },
      expect.objectContaining({ type: 'level_changed', criterionId: acc, value: 2, field: 'descriptor' }),
      expect.objectContaining({
        type: 'gold_changed',
        exampleId: example,
        criterionId: acc,
        before: '4 — Good',
        after: '2 — Poor',
      }),
    ])
    // Without gold (annotators), the gold change is not reported.
    expect(diffRubrics(before, readRubricWithExamples(doc), false).map((c) => c.type)).toEqual([
      'criterion_renamed',
      'level_changed',
    ])
  })
})

describe('diffRubrics with task types and the newer kinds', () => {
  const base = { description: 'd', tags: [], weight: 1, rationaleRequired: false }
  const span = {
    ...base,
    id: 'sp',
    title: 'Claims',
    kind: 'span' as const,
    labels: [{ value: 'claim', description: '' }],
    minOverlap: 0.5,
    minF1: 0.5,
  }
  const acc = { ...base, id: 'acc', title: 'Accuracy', kind: 'binary' as const }
  const steps = (ids: string[], edit: Record<string, string> = {}) =>
    ids.map((id) => ({ id, text: edit[id] ?? `text of ${id}` }))
  const draft = (over: {
    criteria?: Criterion[]
    taskTypes?: TaskType[]
    stepIds?: string[]
    edit?: Record<string, string>
    gold?: CalibrationExample['gold']
  }): RubricWithExamples => ({
    rubric: {
      title: 'R',
      instructions: '',
      passThreshold: 0.8,
      criteria: over.criteria ?? [acc, span],
      ...(over.taskTypes ? { taskTypes: over.taskTypes } : {}),
    },
    examples: [
      {
        id: 'e',
        title: 'Sum',
        content: {
          kind: 'reasoning',
          prompt: 'p',
          steps: steps(over.stepIds ?? ['a', 'b', 'c'], over.edit),
          answer: '4',
        },
        gold: over.gold ?? {},
        rationale: '',
        difficulty: 'easy',
        sectionId: null,
        status: 'ready',
      },
    ],
  })

  it('reports task types added, changed and removed', () => {
    const before = draft({
      taskTypes: [
        { id: 't1', name: 'Rate', contentKind: 'single', criterionIds: ['acc'] },
        { id: 't2', name: 'Old', contentKind: 'free', criterionIds: [] },
      ],
    })
    const after = draft({
      taskTypes: [
        { id: 't1', name: 'Rate', contentKind: 'single', criterionIds: ['acc', 'sp'] },
        { id: 't3', name: 'New', contentKind: 'reasoning', criterionIds: [] },
      ],
    })
    expect(diffRubrics(before, after, false).map((c) => [c.type, 'field' in c ? c.field : null])).toEqual([
      ['task_type_changed', 'criterionIds'],
      ['task_type_added', null],
      ['task_type_removed', null],
    ])
  })

  it('reports the new criterion settings and span labels', () => {
    const after = draft({
      criteria: [
        { ...acc, allowNA: true },
        { ...span, minF1: 0.7, labels: [...span.labels, { value: 'bias', description: '' }] },
      ],
    })
    expect(
      diffRubrics(draft({}), after, false).map((c) => [
        c.type,
        'field' in c ? c.field : 'label' in c ? c.label : null,
      ]),
    ).toEqual([
      ['criterion_changed', 'allowNA'],
      ['criterion_changed', 'minF1'],
      ['label_added', 'bias'],
    ])
  })

  it('reports steps edited, added, removed and one moved step as one move', () => {
    const after = draft({ stepIds: ['b', 'c', 'a', 'd'], edit: { b: 'changed' } })
    const parts = diffRubrics(draft({}), after, false).map((c) => [c.type, 'part' in c ? c.part : null])
    expect(parts).toEqual([
      ['example_part_changed', 'Step 1'],
      ['example_part_added', 'Step 4'],
      ['example_part_moved', 'Step 3'],
    ])
    const removed = diffRubrics(draft({}), draft({ stepIds: ['a', 'c'] }), false)
    expect(removed.map((c) => c.type)).toEqual(['example_part_removed'])
  })

  it('compares gold per slot and describes spans with their text', () => {
    const before = draft({ gold: { 'acc@A': { accepted: [true], rationale: '' } } })
    const after = draft({
      gold: {
        'acc@A': { accepted: [false], rationale: '' },
        sp: {
          accepted: [{ spans: [{ field: 'steps.a', start: 0, end: 4, label: 'claim' }] }],
          rationale: '',
        },
      },
    })
    const gold = diffRubrics(before, after, true).filter((c) => c.type === 'gold_changed')
    expect(gold).toMatchObject([
      { criterionId: 'acc@A', criterionTitle: 'Accuracy (response A)', before: 'Yes', after: 'No' },
      { criterionId: 'sp', before: null, after: 'claim: “text” (Step 1)' },
    ])
  })
})
