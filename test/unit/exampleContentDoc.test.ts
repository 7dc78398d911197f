/**
 * The example content mutators (design-15 draft layout): turns and steps as Y.Maps in Y.Arrays with every key
 * a reader expects, moves that keep ids and text, text paths resolved to the fragment behind them, and
 * concurrent edits that merge.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addStep,
  addTurn,
  contentFieldsMissing,
  contentFragment,
  ensureContentFields,
  moveStep,
  moveTurn,
  removeStep,
  removeTurn,
  setContentKind,
  setHasFinals,
  setTurnRole,
  turnEntries,
} from '../../shared/ydoc/exampleContentDoc'
import { addExample, examplesMap, fragmentPlainText } from '../../shared/ydoc/examplesDoc'

function typeInto(fragment: Y.XmlFragment | Y.Text | undefined, text: string) {
  if (fragment instanceof Y.Text) return fragment.insert(fragment.length, text)
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  fragment?.insert(fragment.length, [paragraph])
}

const plain = (value: Y.XmlFragment | Y.Text | undefined) =>
  value instanceof Y.Text ? value.toString() : fragmentPlainText(value)

function setup() {
  const doc = new Y.Doc()
  addExample(doc, { id: 'ex' })
  return { doc, map: examplesMap(doc).get('ex')! }
}

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('example content mutators', () => {
  it('creates every missing field once and leaves existing ones alone', () => {
    const { doc, map } = setup()
    const prompt = map.get('prompt')
    ensureContentFields(doc, 'ex', 'conversation')
    for (const key of ['task', 'answer', 'outcome', 'finalA', 'finalB'])
      expect(map.get(key)).toBeInstanceOf(Y.XmlFragment)
    expect(map.get('turns')).toBeInstanceOf(Y.Array)
    expect(map.get('steps')).toBeInstanceOf(Y.Array)
    const turns = map.get('turns')
    ensureContentFields(doc, 'ex', 'reasoning')
    expect(map.get('turns')).toBe(turns)
    expect(map.get('prompt')).toBe(prompt)
  })

  it('switching to a conversation seeds a user and an assistant turn, switching back keeps them', () => {
    const { doc, map } = setup()
    setContentKind(doc, 'ex', 'conversation')
    expect(map.get('contentKind')).toBe('conversation')
    expect(turnEntries(doc, 'ex').map((t) => t.role)).toEqual(['user', 'assistant'])
    setContentKind(doc, 'ex', 'single')
    setContentKind(doc, 'ex', 'conversation')
    expect(turnEntries(doc, 'ex')).toHaveLength(2)
  })

  it('a new step has every key of both step kinds', () => {
    const { doc, map } = setup()
    const id = addStep(doc, 'ex')
    const step = (map.get('steps') as Y.Array<Y.Map<unknown>>).get(0)
    expect(step.get('id')).toBe(id)
    for (const key of ['text', 'thought', 'observation']) expect(step.get(key)).toBeInstanceOf(Y.XmlFragment)
    for (const key of ['tool', 'args']) expect(step.get(key)).toBeInstanceOf(Y.Text)
  })

  it('inserts turns at an index, changes roles, removes by id', () => {
    const { doc } = setup()
    const a = addTurn(doc, 'ex', 'user')
    const c = addTurn(doc, 'ex', 'assistant')
    const b = addTurn(doc, 'ex', 'tool', 1)
    expect(turnEntries(doc, 'ex').map((t) => t.id)).toEqual([a, b, c])
    setTurnRole(doc, 'ex', b, 'system')
    setTurnRole(doc, 'ex', c, 'robot' as 'user')
    expect(turnEntries(doc, 'ex').map((t) => t.role)).toEqual(['user', 'system', 'assistant'])
    removeTurn(doc, 'ex', a)
    expect(turnEntries(doc, 'ex').map((t) => t.id)).toEqual([b, c])
  })

  it('moves a step with its id and its text (to an index of the list without it)', () => {
    const { doc, map } = setup()
    const ids = [addStep(doc, 'ex'), addStep(doc, 'ex'), addStep(doc, 'ex')]
    typeInto(contentFragment(doc, 'ex', `steps.${ids[0]}`), 'first')
    typeInto(contentFragment(doc, 'ex', `steps.${ids[0]}.args`), '{"q":1}')
    moveStep(doc, 'ex', ids[0]!, 2)
    const order = () => (map.get('steps') as Y.Array<Y.Map<unknown>>).toArray().map((s) => s.get('id'))
    expect(order()).toEqual([ids[1], ids[2], ids[0]])
    expect(plain(contentFragment(doc, 'ex', `steps.${ids[0]}`))).toBe('first')
    expect(plain(contentFragment(doc, 'ex', `steps.${ids[0]}.args`))).toBe('{"q":1}')
    moveStep(doc, 'ex', ids[2]!, 0)
    expect(order()).toEqual([ids[2], ids[1], ids[0]])
    moveStep(doc, 'ex', 'missing', 0)
    removeStep(doc, 'ex', ids[1]!)
    expect(order()).toEqual([ids[2], ids[0]])
  })

  it('moveTurn keeps the role', () => {
    const { doc } = setup()
    const a = addTurn(doc, 'ex', 'system')
    const b = addTurn(doc, 'ex', 'user')
    moveTurn(doc, 'ex', a, 5)
    expect(turnEntries(doc, 'ex')).toEqual([
      { id: b, role: 'user' },
      { id: a, role: 'system' },
    ])
  })

  it('resolves every text path of design-15 and nothing else', () => {
    const { doc, map } = setup()
    ensureContentFields(doc, 'ex')
    const turn = addTurn(doc, 'ex', 'user')
    const step = addStep(doc, 'ex')
    for (const path of [
      'prompt',
      'response',
      'responseA',
      'responseB',
      'body',
      'task',
      'answer',
      'outcome',
      'finalA',
      'finalB',
    ])
      expect(contentFragment(doc, 'ex', path)).toBe(map.get(path))
    expect(contentFragment(doc, 'ex', `turns.${turn}`)).toBeInstanceOf(Y.XmlFragment)
    expect(contentFragment(doc, 'ex', `steps.${step}`)).toBeInstanceOf(Y.XmlFragment)
    expect(contentFragment(doc, 'ex', `steps.${step}.observation`)).toBeInstanceOf(Y.XmlFragment)
    expect(contentFragment(doc, 'ex', `steps.${step}.tool`)).toBeInstanceOf(Y.Text)
    for (const bad of [
      'turns.nope',
      `turns.${turn}.text`,
      `steps.${step}.id`,
      `steps.${step}.thought.x`,
      'gold',
      'id',
      '',
    ])
      expect(contentFragment(doc, 'ex', bad)).toBeUndefined()
    expect(contentFragment(doc, 'other', 'prompt')).toBeUndefined()
  })

  it('hasFinals is a flag; the final texts survive switching it off', () => {
    const { doc, map } = setup()
    setHasFinals(doc, 'ex', true)
    typeInto(contentFragment(doc, 'ex', 'finalA'), 'A says')
    setHasFinals(doc, 'ex', false)
    expect(map.get('hasFinals')).toBe(false)
    expect(plain(contentFragment(doc, 'ex', 'finalA'))).toBe('A says')
  })

  it('concurrent turn inserts on two replicas both survive', () => {
    const { doc: a } = setup()
    ensureContentFields(a, 'ex')
    const b = new Y.Doc()
    sync(a, b)
    const fromA = addTurn(a, 'ex', 'user')
    const fromB = addTurn(b, 'ex', 'assistant')
    sync(a, b)
    expect(new Set(turnEntries(a, 'ex').map((t) => t.id))).toEqual(new Set([fromA, fromB]))
    expect(turnEntries(a, 'ex')).toEqual(turnEntries(b, 'ex'))
  })
})

describe('fields of older examples', () => {
  it('knows which kinds lack fields until ensureContentFields ran', () => {
    const { doc, map } = setup()
    map.delete('turns')
    expect(contentFieldsMissing(doc, 'ex', 'single')).toBe(false)
    expect(contentFieldsMissing(doc, 'ex', 'conversation')).toBe(true)
    expect(contentFieldsMissing(doc, 'ex', 'trajectory')).toBe(true)
    ensureContentFields(doc, 'ex')
    expect(contentFieldsMissing(doc, 'ex', 'trajectory')).toBe(false)
  })
})
