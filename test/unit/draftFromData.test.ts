/**
 * draftFromData writes plain data into the draft layout of design-15 and the readers give it back. Each
 * template goes data → Y.Doc → (a second replica via the encoded update) → readers. Assertions that need the
 * model helper's readers for the new layout (task types, new content and criterion kinds, slot-keyed gold)
 * are in the last block, marked; the others hold with the readers on main.
 */
import { getSchema } from '@tiptap/core'
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { guidelineSchemaExtensions } from '../../shared/guideline/schemaExtensions'
import { textFields } from '../../shared/rubric/contentFields'
import { questionSlots } from '../../shared/rubric/taskTypes'
import type { CalibrationExample, Criterion } from '../../shared/schema/rubric'
import { PROJECT_TEMPLATES, templateById } from '../../shared/templates/index'
import type { TemplateJson } from '../../shared/templates/templateSchema'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { writeDraftFromData } from '../../shared/ydoc/draftFromData'
import { examplesMap, fragmentPlainText, readExamples } from '../../shared/ydoc/examplesDoc'
import { DraftRoot, guidelineFragment } from '../../shared/ydoc/layout'
import { criteriaMap, readRubric } from '../../shared/ydoc/rubricDoc'

const schema = getSchema(guidelineSchemaExtensions())
const OLD_CRITERION_KINDS = new Set(['binary', 'ordinal', 'points', 'pairwise', 'label'])
const OLD_CONTENT_KINDS = new Set(['single', 'pairwise', 'free'])

/** Writes the template and returns a second replica built only from the encoded update. */
function replicaOf(template: TemplateJson): Y.Doc {
  const source = new Y.Doc()
  writeDraftFromData(source, template, { now: 1_000 })
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(source))
  return replica
}

/** A text path's Y type, read straight from the layout (the editor helper's contentFragment does this too). */
function yTextAt(example: Y.Map<unknown>, path: string): Y.XmlFragment | Y.Text | undefined {
  const [head, id, sub] = path.split('.')
  if (head === 'turns' || head === 'steps') {
    const items = (example.get(head) as Y.Array<Y.Map<unknown>>).toArray()
    const item = items.find((map) => map.get('id') === id)
    return item?.get(head === 'turns' ? 'text' : (sub ?? 'text')) as Y.XmlFragment | Y.Text | undefined
  }
  return example.get(head!) as Y.XmlFragment | undefined
}

const plain = (type: Y.XmlFragment | Y.Text | undefined) =>
  type instanceof Y.Text ? type.toString() : fragmentPlainText(type)

const withoutNewFields = ({ allowNA: _na, ...criterion }: Criterion) => criterion

describe('writeDraftFromData (layout and current readers)', () => {
  for (const template of PROJECT_TEMPLATES) {
    describe(template.id, () => {
      const doc = replicaOf(template)

      it('writes the guideline so the editor schema reads back the same document', () => {
        const read = yXmlFragmentToProseMirrorRootNode(guidelineFragment(doc), schema).toJSON()
        expect(read).toEqual(schema.nodeFromJSON(template.guideline).toJSON())
      })

      it('writes every text of every example at its text path, as the same plain text', () => {
        for (const example of template.examples) {
          const map = examplesMap(doc).get(example.id)!
          expect(map.get('contentKind')).toBe(example.content.kind)
          expect(map.get('taskTypeId')).toBe(example.taskTypeId)
          for (const field of textFields(example.content))
            expect([example.id, field.path, plain(yTextAt(map, field.path))]).toEqual([
              example.id,
              field.path,
              field.text,
            ])
          // Every field and both arrays exist whatever the kind, so a later kind switch creates nothing.
          for (const key of ['prompt', 'response', 'responseA', 'responseB', 'body', 'task', 'answer'])
            expect(map.get(key)).toBeInstanceOf(Y.XmlFragment)
          for (const key of ['outcome', 'finalA', 'finalB'])
            expect(map.get(key)).toBeInstanceOf(Y.XmlFragment)
          expect([map.get('turns'), map.get('steps')].every((a) => a instanceof Y.Array)).toBe(true)
          if (example.content.kind === 'conversation')
            expect(map.get('hasFinals')).toBe(example.content.finalA !== undefined)
          if (example.content.kind === 'trajectory')
            for (const step of example.content.steps)
              expect(plain(yTextAt(map, `steps.${step.id}.tool`))).toBe(step.tool)
        }
      })

      it('keys gold by question slot, with the rationale as a Y.Text', () => {
        for (const example of template.examples) {
          const gold = examplesMap(doc).get(example.id)!.get('gold') as Y.Map<Y.Map<unknown>>
          expect([...gold.keys()].sort()).toEqual(
            questionSlots(template.rubric, example)
              .map((s) => s.key)
              .sort(),
          )
          for (const [key, entry] of Object.entries(example.gold)) {
            // Span gold carries its anchor too (tested below); the values are the template's.
            const stored = JSON.parse(JSON.stringify(gold.get(key)!.get('accepted')), (k, v) =>
              k === 'anchor' ? undefined : v,
            )
            expect(stored).toEqual(entry.accepted)
            expect(String(gold.get(key)!.get('rationale'))).toBe(entry.rationale)
          }
        }
      })

      it('writes task types and the new criterion settings with the design-15 keys', () => {
        const types = doc.getMap<Y.Map<unknown>>(DraftRoot.taskTypes)
        const ordered = [...types.values()].sort((a, b) =>
          String(a.get('order')) < String(b.get('order')) ? -1 : 1,
        )
        expect(
          ordered.map((t) => ({
            id: t.get('id'),
            name: String(t.get('name')),
            contentKind: t.get('contentKind'),
            criterionIds: [...(t.get('criteria') as Y.Map<boolean>).keys()].sort(),
          })),
        ).toEqual(template.rubric.taskTypes!.map((t) => ({ ...t, criterionIds: [...t.criterionIds].sort() })))
        for (const criterion of template.rubric.criteria) {
          const map = criteriaMap(doc).get(criterion.id)!
          expect(map.get('allowNA')).toBe(criterion.allowNA)
          if (criterion.kind === 'stepVerdict') {
            expect((map.get('verdicts') as Y.Array<string>).toArray()).toEqual(criterion.verdicts)
            expect([map.get('mode'), map.get('minStepAgreement'), map.get('stepTolerance')]).toEqual([
              criterion.mode,
              criterion.minStepAgreement,
              criterion.stepTolerance,
            ])
          }
          if (criterion.kind === 'span') expect([map.get('minOverlap'), map.get('minF1')]).toEqual([0.5, 0.5])
          if (criterion.kind === 'multiLabel') expect(map.get('minJaccard')).toBe(criterion.minJaccard)
        }
      })

      it('reads back the rubric settings, old-kind criteria and old-kind examples with the readers on main', () => {
        const rubric = readRubric(doc)
        expect([rubric.title, rubric.instructions, rubric.passThreshold, rubric.attempt]).toEqual([
          template.rubric.title,
          template.rubric.instructions,
          template.rubric.passThreshold,
          template.rubric.attempt,
        ])
        expect(rubric.criteria.map((c) => c.id)).toEqual(template.rubric.criteria.map((c) => c.id))
        for (const [index, criterion] of template.rubric.criteria.entries())
          if (OLD_CRITERION_KINDS.has(criterion.kind))
            expect(withoutNewFields(rubric.criteria[index]!)).toEqual(withoutNewFields(criterion))
        const examples = readExamples(
          doc,
          rubric.criteria.map((c) => c.id),
        )
        expect(examples.map((e) => e.id)).toEqual(template.examples.map((e) => e.id))
        for (const [index, example] of template.examples.entries()) {
          if (!OLD_CONTENT_KINDS.has(example.content.kind)) continue
          const { gold: _gold, taskTypeId: _type, ...rest } = example
          // taskTypeId: readers on main do not read it yet; the merged ones do (checked in the last block).
          const { gold: readGold, taskTypeId: _readType, ...readRest } = examples[index]!
          expect(readRest).toEqual(rest)
          for (const [key, entry] of Object.entries(readGold)) expect(entry).toEqual(example.gold[key])
        }
      })
    })
  }

  it('writes alternative final turns and marks hasFinals (a hand-built conversation)', () => {
    const doc = new Y.Doc()
    writeDraftFromData(doc, {
      guideline: { type: 'doc', content: [] },
      rubric: { title: 'T', instructions: '', passThreshold: 0.5, criteria: [] },
      examples: [
        {
          id: 'e1',
          title: 'Finals',
          content: {
            kind: 'conversation',
            turns: [{ id: 'u', role: 'user', text: 'Hi' }],
            finalA: 'Hello A\n\nSecond paragraph',
            finalB: 'Hello B',
          },
          gold: {},
          rationale: '',
          difficulty: 'easy',
          sectionId: null,
          status: 'draft',
        },
      ],
    })
    const map = examplesMap(doc).get('e1')!
    expect(map.get('hasFinals')).toBe(true)
    expect([
      plain(yTextAt(map, 'finalA')),
      plain(yTextAt(map, 'finalB')),
      plain(yTextAt(map, 'turns.u')),
    ]).toEqual(['Hello A\n\nSecond paragraph', 'Hello B', 'Hi'])
    expect(map.get('role')).toBe('calibration')
    expect(doc.getMap(DraftRoot.taskTypes).size).toBe(0)
  })

  it('calls anchorSpan for every gold span once the texts exist, and stores the anchor', () => {
    const template = templateById('hallucination-detection')!
    const doc = new Y.Doc()
    const calls: string[] = []
    writeDraftFromData(doc, template, {
      anchorSpan: (d, exampleId, field, start, end) => {
        const text = plain(yTextAt(examplesMap(d).get(exampleId)!, field))
        calls.push(text.slice(start, end))
        return { start: `s${start}`, end: `e${end}` }
      },
    })
    expect(calls).toEqual([
      'making it the largest library in the region',
      'paid for by a national lottery grant',
      '68%',
      'largely thanks to the city’s new bike lanes',
    ])
    const gold = examplesMap(doc).get('hd-cycling')!.get('gold') as Y.Map<Y.Map<unknown>>
    const [value] = gold.get('hd-spans')!.get('accepted') as {
      spans: { anchor: unknown; start: number; end: number }[]
    }[]
    // Hand-counted: “Weekly cycling to work rose from 48% in 2019 to ” is 48 characters, then “68%”.
    expect([value!.spans[0]!.start, value!.spans[0]!.end]).toEqual([48, 51])
    expect(value!.spans[0]!.anchor).toEqual({
      start: `s${value!.spans[0]!.start}`,
      end: `e${value!.spans[0]!.end}`,
    })
  })
})

// NEEDS THE MERGED READERS (model helper: readRubric/readExamples for task types, new kinds, slot keys).
// On main these fail for every template that uses them; after the merge the whole template must read back.
describe('writeDraftFromData round trip through readRubricWithExamples (needs the merged readers)', () => {
  for (const template of PROJECT_TEMPLATES) {
    it(`${template.id} reads back as the same rubric and examples`, () => {
      const read = readRubricWithExamples(replicaOf(template))
      expect(read.rubric).toEqual(template.rubric)
      expect(read.examples).toEqual(template.examples satisfies CalibrationExample[])
    })
  }
})
