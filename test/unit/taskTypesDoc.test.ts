/**
 * The task type mutators (design-15 draft layout): order, rename, criteria ticks, examples following their
 * task type's content kind, the "Set up task types" migration, concurrent edits, and the criterion settings
 * of the new kinds.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addVerdict,
  removeVerdict,
  setCriterionSetting,
  verdictsOf,
} from '../../shared/ydoc/criterionSettingsDoc'
import { turnEntries } from '../../shared/ydoc/exampleContentDoc'
import { addExample, examplesMap, readExamples } from '../../shared/ydoc/examplesDoc'
import { addCriterion, criteriaMap, readRubric } from '../../shared/ydoc/rubricDoc'
import {
  addTaskType,
  kindFitsContentKind,
  orderedTaskTypes,
  removeTaskType,
  renameTaskType,
  setCriterionApplies,
  setExampleTaskType,
  setTaskTypeContentKind,
  setupTaskTypesFromExamples,
  taskTypeEntries,
  taskTypeName,
  taskTypesMap,
} from '../../shared/ydoc/taskTypesDoc'

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

function rubricDoc() {
  const doc = new Y.Doc()
  addCriterion(doc, { id: 'acc', kind: 'ordinal' })
  addCriterion(doc, { id: 'pref', kind: 'pairwise' })
  addCriterion(doc, { id: 'steps', kind: 'stepVerdict' })
  addCriterion(doc, { id: 'harm', kind: 'multiLabel' })
  return doc
}

const example = (doc: Y.Doc, id: string) => examplesMap(doc).get(id)!

describe('task types', () => {
  it('adds in order, with a collaborative name and ticked criteria', () => {
    const doc = rubricDoc()
    const a = addTaskType(doc, { name: 'Rating', contentKind: 'single', criterionIds: ['acc'] })
    const b = addTaskType(doc, { name: 'Agents', contentKind: 'trajectory', criterionIds: ['steps', 'acc'] })
    expect(orderedTaskTypes(doc).map(([id]) => id)).toEqual([a, b])
    expect(taskTypeName(doc, b)?.toString()).toBe('Agents')
    renameTaskType(doc, b, 'Agent runs')
    expect(taskTypeName(doc, b)?.toString()).toBe('Agent runs')
    setCriterionApplies(doc, a, 'harm', true)
    setCriterionApplies(doc, a, 'acc', false)
    expect([...taskTypeEntries(doc)[0]!.criterionIds]).toEqual(['harm'])
    expect(taskTypeEntries(doc)[1]!.contentKind).toBe('trajectory')
  })

  it('choosing a task type sets the example content kind; deleting the type unassigns its examples', () => {
    const doc = rubricDoc()
    addExample(doc, { id: 'ex' })
    const chat = addTaskType(doc, { name: 'Chat', contentKind: 'conversation', criterionIds: [] })
    setExampleTaskType(doc, 'ex', chat)
    expect(example(doc, 'ex').get('taskTypeId')).toBe(chat)
    expect(example(doc, 'ex').get('contentKind')).toBe('conversation')
    expect(turnEntries(doc, 'ex')).toHaveLength(2)
    setExampleTaskType(doc, 'ex', 'no-such-type')
    expect(example(doc, 'ex').get('taskTypeId')).toBe(chat)
    setTaskTypeContentKind(doc, chat, 'reasoning')
    expect(example(doc, 'ex').get('contentKind')).toBe('reasoning')
    removeTaskType(doc, chat)
    expect(taskTypesMap(doc).size).toBe(0)
    expect(example(doc, 'ex').has('taskTypeId')).toBe(false)
  })

  it('pairwise criteria fit pairwise content and conversations with finals; step verdicts fit steps', () => {
    expect(kindFitsContentKind('pairwise', 'single')).toBe(false)
    expect(kindFitsContentKind('pairwise', 'pairwise')).toBe(true)
    expect(kindFitsContentKind('pairwise', 'conversation')).toBe(false)
    expect(kindFitsContentKind('pairwise', 'conversation', true)).toBe(true)
    expect(kindFitsContentKind('stepVerdict', 'reasoning')).toBe(true)
    expect(kindFitsContentKind('stepVerdict', 'pairwise')).toBe(false)
    expect(kindFitsContentKind('span', 'free')).toBe(true)
  })

  it('the migration makes one task type per content kind in use, ticks what fits, assigns examples', () => {
    const doc = rubricDoc()
    addExample(doc, { id: 'e1', contentKind: 'single' })
    addExample(doc, { id: 'e2', contentKind: 'pairwise' })
    addExample(doc, { id: 'e3', contentKind: 'single' })
    const created = setupTaskTypesFromExamples(doc)
    expect(created).toEqual(['tt-single', 'tt-pairwise'])
    const entries = taskTypeEntries(doc)
    expect(entries.map((t) => [t.id, t.contentKind, [...t.criterionIds]])).toEqual([
      ['tt-single', 'single', ['acc', 'harm']],
      ['tt-pairwise', 'pairwise', ['acc', 'pref', 'harm']],
    ])
    expect(['e1', 'e2', 'e3'].map((id) => example(doc, id).get('taskTypeId'))).toEqual([
      'tt-single',
      'tt-pairwise',
      'tt-single',
    ])
    expect(setupTaskTypesFromExamples(doc)).toEqual([])
  })

  it('the migration on a draft without examples makes one prompt + response type', () => {
    const doc = rubricDoc()
    setupTaskTypesFromExamples(doc)
    expect(taskTypeEntries(doc).map((t) => t.contentKind)).toEqual(['single'])
  })

  it('two leads running the migration at once end with one set of task types', () => {
    const a = rubricDoc()
    addExample(a, { id: 'e1', contentKind: 'free' })
    const b = new Y.Doc()
    sync(a, b)
    setupTaskTypesFromExamples(a)
    setupTaskTypesFromExamples(b)
    sync(a, b)
    expect(taskTypeEntries(a).map((t) => t.id)).toEqual(['tt-free'])
    expect(taskTypeEntries(b).map((t) => t.id)).toEqual(['tt-free'])
  })

  it('concurrent ticks of different criteria and concurrent renames merge', () => {
    const a = rubricDoc()
    const id = addTaskType(a, { name: 'Chat', contentKind: 'conversation', criterionIds: [] })
    const b = new Y.Doc()
    sync(a, b)
    setCriterionApplies(a, id, 'acc', true)
    setCriterionApplies(b, id, 'harm', true)
    taskTypeName(a, id)?.insert(0, 'Support ')
    taskTypeName(b, id)?.insert(4, ' turns')
    sync(a, b)
    expect([...taskTypeEntries(b)[0]!.criterionIds].sort()).toEqual(['acc', 'harm'])
    expect(taskTypeName(a, id)?.toString()).toBe('Support Chat turns')
  })
})

describe('criterion settings of the new kinds', () => {
  it('stores valid settings and ignores invalid ones', () => {
    const doc = rubricDoc()
    const map = criteriaMap(doc).get('harm')!
    setCriterionSetting(doc, 'harm', 'allowNA', true)
    setCriterionSetting(doc, 'harm', 'minJaccard', 0.5)
    setCriterionSetting(doc, 'harm', 'minJaccard', 1.5)
    setCriterionSetting(doc, 'harm', 'minOverlap', 0)
    setCriterionSetting(doc, 'harm', 'stepTolerance', 1.5)
    setCriterionSetting(doc, 'harm', 'mode', 'sometimes')
    setCriterionSetting(doc, 'harm', 'mode', 'both')
    expect(map.get('allowNA')).toBe(true)
    expect(map.get('minJaccard')).toBe(0.5)
    expect(map.has('minOverlap')).toBe(false)
    expect(map.has('stepTolerance')).toBe(false)
    expect(map.get('mode')).toBe('both')
  })

  it('verdicts start from the defaults and stay unique', () => {
    const doc = rubricDoc()
    expect(verdictsOf(doc, 'steps')).toEqual(['correct', 'incorrect', 'unsafe', 'n/a'])
    expect(addVerdict(doc, 'steps', ' partly correct ')).toBe(true)
    expect(addVerdict(doc, 'steps', 'correct')).toBe(false)
    expect(addVerdict(doc, 'steps', '   ')).toBe(false)
    removeVerdict(doc, 'steps', 'unsafe')
    expect(verdictsOf(doc, 'steps')).toEqual(['correct', 'incorrect', 'n/a', 'partly correct'])
  })
})

describe('what the readers make of it', () => {
  it('task types, example task type and new content read back as design-15 plain data', () => {
    const doc = rubricDoc()
    addExample(doc, { id: 'ex', contentKind: 'single' })
    setupTaskTypesFromExamples(doc)
    const agents = addTaskType(doc, {
      name: 'Agents',
      contentKind: 'trajectory',
      criterionIds: ['steps', 'gone'],
    })
    setExampleTaskType(doc, 'ex', agents)
    setCriterionSetting(doc, 'steps', 'mode', 'firstWrong')
    const rubric = readRubric(doc)
    expect(rubric.taskTypes).toEqual([
      { id: 'tt-single', name: 'Prompt + response', contentKind: 'single', criterionIds: ['acc', 'harm'] },
      { id: agents, name: 'Agents', contentKind: 'trajectory', criterionIds: ['steps'] },
    ])
    const [example] = readExamples(
      doc,
      rubric.criteria.map((c) => c.id),
    )
    expect(example!.taskTypeId).toBe(agents)
    expect(example!.content.kind).toBe('trajectory')
    expect(example!.content.kind === 'trajectory' && example!.content.steps).toHaveLength(1)
    expect(rubric.criteria.find((c) => c.id === 'steps')).toMatchObject({
      mode: 'firstWrong',
      minStepAgreement: 0.8,
    })
  })

  it('a draft whose task types were all deleted reads without taskTypes, as before', () => {
    const doc = rubricDoc()
    const id = addTaskType(doc, { name: 'x', contentKind: 'single', criterionIds: [] })
    removeTaskType(doc, id)
    expect('taskTypes' in readRubric(doc)).toBe(false)
  })
})
