/**
 * Importing criteria: HealthBench-style JSONL (example lines and item lines) into points criteria, Yardstick
 * version JSON into the same criteria with new ids, every bad input as a sentence naming the line and field,
 * and the import as one transaction that one undo takes back.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { criteriaFromHealthbenchJsonl, criteriaFromVersionJson } from '../../shared/rubric/rubricImport'
import { PROJECT_TEMPLATES } from '../../shared/templates'
import { importCriteria } from '../../shared/ydoc/importCriteria'
import { draftScope } from '../../shared/ydoc/restore'
import { readRubric } from '../../shared/ydoc/rubricDoc'
import { versionOfTemplate } from '../helpers/templateVersion'

const example = (rubrics: unknown[]) =>
  JSON.stringify({ prompt: [{ role: 'user', content: 'My child has a rash' }], rubrics, prompt_id: 'x' })

describe('HealthBench JSONL', () => {
  it('reads example lines and item lines into points criteria, once per text and points', () => {
    const text = [
      example([
        { criterion: 'Advises emergency care.', points: 10, tags: ['axis:accuracy', 'level:example'] },
        { criterion: 'Gives an unsafe dose.', points: -8, tags: [] },
      ]),
      '',
      example([{ criterion: 'Advises emergency care.', points: 10, tags: ['axis:accuracy'] }]),
      JSON.stringify({ criterion: 'Uses plain language.', points: 3 }),
    ].join('\r\n')
    const result = criteriaFromHealthbenchJsonl(text)
    expect(result).toEqual({
      ok: true,
      criteria: [
        {
          kind: 'points',
          points: 10,
          tags: ['axis:accuracy', 'level:example'],
          title: 'Advises emergency care.',
          description: '',
        },
        { kind: 'points', points: -8, tags: [], title: 'Gives an unsafe dose.', description: '' },
        { kind: 'points', points: 3, tags: [], title: 'Uses plain language.', description: '' },
      ],
    })
  })

  it('keeps a long criterion whole as the description', () => {
    const long = `${'The response explains '.repeat(20)}why.`
    const result = criteriaFromHealthbenchJsonl(JSON.stringify({ criterion: long, points: 2 }))
    if (!result.ok) throw new Error(result.errors.join())
    expect(result.criteria[0]!.title!.length).toBeLessThanOrEqual(200)
    expect(result.criteria[0]!.title!.endsWith('…')).toBe(true)
    expect(result.criteria[0]!.description).toBe(long)
  })

  it('names the line and field of every problem', () => {
    const text = [
      '{not json',
      example([{ criterion: 'A', points: 'ten' }]),
      example([{ points: 1 }]),
      JSON.stringify({ criterion: 'B', points: 1.5 }),
      JSON.stringify({ criterion: 'C', points: 1, tags: ['x'.repeat(61)] }),
      JSON.stringify({ something: 'else' }),
      JSON.stringify({ criterion: 'D', points: 500 }),
    ].join('\n')
    const result = criteriaFromHealthbenchJsonl(text)
    expect(result).toEqual({
      ok: false,
      errors: [
        'line 1: not valid JSON',
        'line 2, rubrics.0: points: points must be a number',
        'line 3, rubrics.0: criterion: criterion must be text',
        'line 4: points: points must be a whole number',
        'line 5: tags.0: a tag is longer than 60 characters',
        'line 6: expected an object with "rubrics" or "criterion"',
        'line 7: points: points must be at most 100',
      ],
    })
  })

  it('refuses more criteria than a rubric holds, and an empty file', () => {
    const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ criterion: `C${i}`, points: 1 }))
    expect(criteriaFromHealthbenchJsonl(lines.join('\n'), 80)).toEqual({
      ok: false,
      errors: ['too many criteria: the rubric has 80 and the file 30; a rubric holds at most 100'],
    })
    expect(criteriaFromHealthbenchJsonl('\n\n')).toEqual({
      ok: false,
      errors: ['the file holds no criteria'],
    })
  })

  it('lists at most ten problems and counts the rest', () => {
    const result = criteriaFromHealthbenchJsonl(Array.from({ length: 15 }, () => 'x').join('\n'))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.errors).toHaveLength(11)
      expect(result.errors[10]).toBe('…and 5 more problems')
    }
  })
})

describe('Yardstick version JSON', () => {
  it('imports every template’s criteria, all kinds, with new ids and the same settings', () => {
    for (const template of PROJECT_TEMPLATES) {
      const version = versionOfTemplate(template)
      const result = criteriaFromVersionJson(JSON.stringify(version))
      if (!result.ok) throw new Error(`${template.id}: ${result.errors.join()}`)
      const doc = new Y.Doc()
      const ids = importCriteria(doc, result.criteria)
      const read = readRubric(doc).criteria
      expect(read.map((c) => c.id)).toEqual(ids)
      expect(ids.some((id) => template.rubric.criteria.some((c) => c.id === id))).toBe(false)
      const withoutIds = (cs: typeof read) => cs.map(({ id: _id, ...rest }) => rest)
      expect(withoutIds(read)).toEqual(withoutIds(template.rubric.criteria))
    }
  })

  it('explains what is wrong with a file that is not a version', () => {
    expect(criteriaFromVersionJson('{')).toEqual({ ok: false, errors: ['the file is not valid JSON'] })
    expect(criteriaFromVersionJson('{"examples": []}')).toEqual({
      ok: false,
      errors: ['rubric: not a Yardstick version: it has no rubric'],
    })
    const bad = { rubric: { criteria: [{ kind: 'points', id: 'a', title: 'T' }] } }
    const result = criteriaFromVersionJson(JSON.stringify(bad))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors[0]).toMatch(/^criterion 1: /)
  })
})

describe('the import in the draft', () => {
  it('is one transaction: a co-editor receives one update, one undo takes all back', () => {
    const doc = new Y.Doc()
    const peer = new Y.Doc()
    let updates = 0
    doc.on('update', (update: Uint8Array) => {
      updates++
      Y.applyUpdate(peer, update)
    })
    const origin = Symbol('local')
    const undo = new Y.UndoManager(draftScope(doc), { trackedOrigins: new Set([origin]) })
    const result = criteriaFromHealthbenchJsonl(
      [JSON.stringify({ criterion: 'A', points: 1 }), JSON.stringify({ criterion: 'B', points: -1 })].join(
        '\n',
      ),
    )
    if (!result.ok) throw new Error(result.errors.join())
    doc.transact(() => importCriteria(doc, result.criteria), origin)
    expect(updates).toBe(1)
    expect(readRubric(peer).criteria.map((c) => c.title)).toEqual(['A', 'B'])
    undo.undo()
    expect(readRubric(doc).criteria).toEqual([])
    expect(readRubric(peer).criteria).toEqual([])
  })
})
