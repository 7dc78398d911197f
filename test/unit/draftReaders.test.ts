/**
 * The draft readers over the task-types layout: new content kinds, task types, new criterion settings with
 * their defaults, gold by slot key, span gold anchored to its characters, and Markdown of structured texts.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RubricWithExamples } from '../../shared/schema/rubric'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { addExample, examplesMap, fragmentPlainText, setGold } from '../../shared/ydoc/examplesDoc'
import { offsetOfRelativePosition, plainTextOf, relativePositionAt } from '../../shared/ydoc/fieldOffsets'
import { appendBlocks, type Block } from '../../shared/ydoc/guidelineBuilder'
import { DraftRoot } from '../../shared/ydoc/layout'
import { draftScope, restoreSnapshot } from '../../shared/ydoc/restore'
import { addCriterion, criteriaMap, readRubric } from '../../shared/ydoc/rubricDoc'
import { createSpanAnchor, resolveSpanAnchor } from '../../shared/ydoc/spanAnchors'

const fragment = (blocks: Block[]) => {
  const f = new Y.XmlFragment()
  return { f, fill: () => appendBlocks(f, blocks) }
}

/** Adds a conversation/reasoning/trajectory example in the layout of design 15 (no editor mutators here). */
function addStructured(doc: Y.Doc, id: string, kind: 'conversation' | 'reasoning' | 'trajectory') {
  addExample(doc, { id, title: id })
  const map = examplesMap(doc).get(id)!
  const fills: (() => void)[] = []
  doc.transact(() => {
    map.set('contentKind', kind)
    const rich = (blocks: Block[]) => {
      const { f, fill } = fragment(blocks)
      fills.push(fill)
      return f
    }
    if (kind === 'conversation') {
      const turns = new Y.Array<Y.Map<unknown>>()
      for (const [tid, role, text] of [
        ['t1', 'user', 'Is 2 prime?'],
        ['t2', 'assistant', 'No, 2 is not prime.'],
        ['t3', 'wizard', 'bad role'],
      ] as const) {
        const turn = new Y.Map<unknown>()
        turn.set('id', tid)
        turn.set('role', role)
        turn.set('text', rich([{ type: 'paragraph', text }]))
        turns.push([turn])
      }
      map.set('turns', turns)
    } else {
      const steps = new Y.Array<Y.Map<unknown>>()
      for (const sid of ['s1', 's2']) {
        const step = new Y.Map<unknown>()
        step.set('id', sid)
        step.set('text', rich([{ type: 'paragraph', text: `step ${sid}` }]))
        step.set('thought', rich([{ type: 'paragraph', text: `think ${sid}` }]))
        const tool = new Y.Text()
        tool.insert(0, ' search ')
        step.set('tool', tool)
        const args = new Y.Text()
        args.insert(0, '{"q": 1}')
        step.set('args', args)
        step.set('observation', rich([{ type: 'paragraph', text: `saw ${sid}` }]))
        steps.push([step])
      }
      map.set('steps', steps)
      map.set(kind === 'reasoning' ? 'answer' : 'outcome', rich([{ type: 'paragraph', text: 'done' }]))
    }
  })
  doc.transact(() => {
    for (const fill of fills) fill()
  })
  return map
}
describe('plain text offsets', () => {
  it('plainTextOf equals fragmentPlainText, and offsets round-trip through relative positions', () => {
    const doc = new Y.Doc()
    const f = doc.getXmlFragment('x')
    appendBlocks(f, [
      { type: 'paragraph', text: '   ' },
      { type: 'paragraph', text: 'Hello world' },
      { type: 'bulletList', items: ['one', 'two'] },
    ])
    const text = plainTextOf(f)
    expect(text).toBe(fragmentPlainText(f))
    expect(text).toBe('Hello world\n\none\ntwo')
    for (const [offset, side] of [
      [0, 'start'],
      [6, 'start'],
      [11, 'end'],
      [13, 'start'],
      [16, 'end'],
      [20, 'end'],
    ] as const) {
      const position = relativePositionAt(f, offset, side)!
      expect(offsetOfRelativePosition(doc, f, position)).toBe(offset)
    }
  })
})

describe('readExamples over the new content kinds', () => {
  it('reads turns (unknown roles as user), steps, tool (trimmed) and args, answer and outcome', () => {
    const doc = new Y.Doc()
    addStructured(doc, 'conv', 'conversation')
    addStructured(doc, 'reas', 'reasoning')
    addStructured(doc, 'traj', 'trajectory')
    const [conv, reas, traj] = readRubricWithExamples(doc).examples
    expect(conv!.content).toEqual({
      kind: 'conversation',
      turns: [
        { id: 't1', role: 'user', text: 'Is 2 prime?' },
        { id: 't2', role: 'assistant', text: 'No, 2 is not prime.' },
        { id: 't3', role: 'user', text: 'bad role' },
      ],
    })
    expect(reas!.content).toEqual({
      kind: 'reasoning',
      prompt: '',
      steps: [
        { id: 's1', text: 'step s1' },
        { id: 's2', text: 'step s2' },
      ],
      answer: 'done',
    })
    expect(traj!.content).toMatchObject({
      kind: 'trajectory',
      task: '',
      outcome: 'done',
      steps: [
        { id: 's1', thought: 'think s1', tool: 'search', args: '{"q": 1}', observation: 'saw s1' },
        { id: 's2', thought: 'think s2', tool: 'search', args: '{"q": 1}', observation: 'saw s2' },
      ],
    })
    expect(RubricWithExamples.safeParse(readRubricWithExamples(doc)).success).toBe(true)
  })

  it('shows finals A and B only when hasFinals is set (a missing fragment reads as empty)', () => {
    const doc = new Y.Doc()
    const map = addStructured(doc, 'conv', 'conversation')
    map.set('hasFinals', true)
    expect(readRubricWithExamples(doc).examples[0]!.content).toMatchObject({ finalA: '', finalB: '' })
    map.set('hasFinals', false)
    expect(readRubricWithExamples(doc).examples[0]!.content).not.toHaveProperty('finalA')
  })

  it('gives markdown only for texts with structure (lists, marks), keyed by text path', () => {
    const doc = new Y.Doc()
    addExample(doc, {
      id: 'e',
      text: {
        prompt: [{ type: 'paragraph', text: 'Plain prompt' }],
        response: [
          { type: 'paragraph', text: [{ text: 'Take', bold: true }, ' two.'] },
          { type: 'bulletList', items: ['a', 'b'] },
        ],
      },
    })
    const content = readRubricWithExamples(doc).examples[0]!.content
    expect(content.markdown).toEqual({ response: '**Take** two.\n\n- a\n- b\n' })
    expect(content).toMatchObject({ response: 'Take two.\n\na\nb' })
    // Markdown is cached per fragment until it changes, locally or through a remote update.
    const response = examplesMap(doc).get('e')!.get('response') as Y.XmlFragment
    appendBlocks(response, [{ type: 'paragraph', text: [{ text: 'more', italic: true }] }])
    expect(readRubricWithExamples(doc).examples[0]!.content.markdown?.response).toBe(
      '**Take** two.\n\n- a\n- b\n\n*more*\n',
    )
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc))
    const remoteResponse = examplesMap(remote).get('e')!.get('response') as Y.XmlFragment
    remoteResponse.delete(1, 2)
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote))
    expect(readRubricWithExamples(doc).examples[0]!.content.markdown?.response).toBe('**Take** two.\n')
  })
})

describe('readRubric: task types and the new criterion settings', () => {
  it('omits taskTypes when there are none and reads them in order, dropping deleted criteria', () => {
    const doc = new Y.Doc()
    addCriterion(doc, { id: 'acc', kind: 'binary', title: 'Accuracy' })
    addCriterion(doc, { id: 'pref', kind: 'pairwise', title: 'Preference' })
    expect(readRubric(doc)).not.toHaveProperty('taskTypes')
    const types = doc.getMap<Y.Map<unknown>>(DraftRoot.taskTypes)
    for (const [id, name, kind, order, ticks] of [
      ['tb', 'Compare', 'pairwise', 'a1', ['pref', 'acc', 'gone']],
      ['ta', 'Rate', 'bogus', 'a0', ['acc']],
    ] as const) {
      const map = new Y.Map<unknown>()
      map.set('id', id)
      const text = new Y.Text()
      text.insert(0, name)
      map.set('name', text)
      map.set('contentKind', kind)
      map.set('order', order)
      const criteria = new Y.Map<boolean>()
      for (const c of ticks) criteria.set(c, true)
      map.set('criteria', criteria)
      types.set(id, map)
    }
    expect(readRubric(doc).taskTypes).toEqual([
      { id: 'ta', name: 'Rate', contentKind: 'single', criterionIds: ['acc'] },
      { id: 'tb', name: 'Compare', contentKind: 'pairwise', criterionIds: ['acc', 'pref'] },
    ])
  })

  it('reads multiLabel, span and stepVerdict settings with the documented defaults, and allowNA', () => {
    const doc = new Y.Doc()
    addCriterion(doc, { id: 'm', kind: 'multiLabel', labels: [{ value: 'x', description: '' }] })
    addCriterion(doc, { id: 's', kind: 'span', minF1: 0.7, allowNA: true })
    addCriterion(doc, { id: 'v', kind: 'stepVerdict' })
    criteriaMap(doc).get('v')!.set('mode', 'sideways')
    const [m, s, v] = readRubric(doc).criteria
    expect(m).toMatchObject({ kind: 'multiLabel', minJaccard: 1, labels: [{ value: 'x' }] })
    expect(m).not.toHaveProperty('allowNA')
    expect(s).toMatchObject({ kind: 'span', minOverlap: 0.5, minF1: 0.7, allowNA: true, labels: [] })
    expect(v).toMatchObject({
      kind: 'stepVerdict',
      mode: 'perStep',
      minStepAgreement: 0.8,
      stepTolerance: 0,
      verdicts: ['correct', 'incorrect', 'unsafe', 'n/a'],
    })
  })
})

describe('gold by slot key and anchored span gold', () => {
  it('reads slot keys of existing criteria only, in criterion order', () => {
    const doc = new Y.Doc()
    addCriterion(doc, { id: 'acc', kind: 'binary' })
    addExample(doc, { id: 'e', contentKind: 'pairwise' })
    setGold(doc, 'e', 'acc@B', [false])
    setGold(doc, 'e', 'acc@A', [true])
    setGold(doc, 'e', 'gone@A', [true])
    const gold = readRubricWithExamples(doc).examples[0]!.gold
    expect(Object.keys(gold)).toEqual(['acc@A', 'acc@B'])
  })

  it('span gold follows edits before it, and collapses when its characters are deleted', () => {
    const doc = new Y.Doc()
    addCriterion(doc, { id: 'sp', kind: 'span', labels: [{ value: 'claim', description: '' }] })
    addExample(doc, { id: 'e', text: { response: [{ type: 'paragraph', text: 'Aspirin cures colds.' }] } })
    const anchor = createSpanAnchor(doc, 'e', 'response', 8, 19)!
    setGold(doc, 'e', 'sp', [{ spans: [{ field: 'response', start: 8, end: 19, label: 'claim', anchor }] }])
    const response = examplesMap(doc).get('e')!.get('response') as Y.XmlFragment
    const text = (response.get(0) as Y.XmlElement).get(0) as Y.XmlText
    text.insert(0, 'Fact: ')
    const read = () => readRubricWithExamples(doc).examples[0]!.gold.sp!.accepted[0]
    expect(read()).toEqual({ spans: [{ field: 'response', start: 14, end: 25, label: 'claim' }] })
    expect(resolveSpanAnchor(doc, 'e', 'response', anchor)).toEqual({ start: 14, end: 25 })
    text.delete(14, 11)
    const { start, end } = (read() as { spans: { start: number; end: number }[] }).spans[0]!
    expect(end).toBeLessThanOrEqual(start)
    expect(resolveSpanAnchor(doc, 'e', 'nowhere', anchor)).toBeNull()
  })
})

describe('restore covers task types', () => {
  it('brings back the version’s task types in one undoable step', () => {
    const doc = new Y.Doc()
    const types = doc.getMap<Y.Map<unknown>>(DraftRoot.taskTypes)
    const add = (id: string) => {
      const map = new Y.Map<unknown>()
      map.set('id', id)
      map.set('contentKind', 'single')
      map.set('criteria', new Y.Map())
      types.set(id, map)
    }
    add('kept')
    const snapshot = Y.encodeStateAsUpdate(doc)
    add('later')
    types.get('kept')!.set('contentKind', 'pairwise')
    const origin = { restore: true }
    const undo = new Y.UndoManager(draftScope(doc), { trackedOrigins: new Set([origin]) })
    restoreSnapshot(doc, snapshot, origin)
    expect([...types.keys()]).toEqual(['kept'])
    expect(types.get('kept')!.get('contentKind')).toBe('single')
    undo.undo()
    expect([...types.keys()].sort()).toEqual(['kept', 'later'])
  })
})

describe('span anchors in turns and in action arguments', () => {
  it('follow edits in a turn and in a Y.Text, and drop the anchor key when the text is gone', () => {
    const doc = new Y.Doc()
    addCriterion(doc, { id: 'sp', kind: 'span', labels: [{ value: 'x', description: '' }] })
    const conv = addStructured(doc, 'conv', 'conversation')
    const traj = addStructured(doc, 'traj', 'trajectory')
    const turnAnchor = createSpanAnchor(doc, 'conv', 'turns.t2', 4, 5)!
    const argsAnchor = createSpanAnchor(doc, 'traj', 'steps.s1.args', 2, 3)!
    setGold(doc, 'conv', 'sp', [
      { spans: [{ field: 'turns.t2', start: 4, end: 5, label: 'x', anchor: turnAnchor }] },
    ])
    setGold(doc, 'traj', 'sp', [
      { spans: [{ field: 'steps.s1.args', start: 2, end: 3, label: 'x', anchor: argsAnchor }] },
    ])
    const turn = (conv.get('turns') as Y.Array<Y.Map<unknown>>).get(1)
    const turnText = ((turn.get('text') as Y.XmlFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText
    turnText.insert(0, 'Well, ')
    const args = (traj.get('steps') as Y.Array<Y.Map<unknown>>).get(0).get('args') as Y.Text
    args.insert(0, '  ')
    const spans = () =>
      readRubricWithExamples(doc).examples.map(
        (e) => (e.gold.sp!.accepted[0] as { spans: unknown[] }).spans[0],
      )
    expect(spans()).toEqual([
      { field: 'turns.t2', start: 10, end: 11, label: 'x' },
      { field: 'steps.s1.args', start: 4, end: 5, label: 'x' },
    ])
    ;(conv.get('turns') as Y.Array<unknown>).delete(1, 1)
    expect(spans()[0]).toEqual({ field: 'turns.t2', start: 4, end: 5, label: 'x' })
  })
})
