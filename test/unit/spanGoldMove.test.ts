/**
 * Moving a turn or step replaces it with a copy (Yjs has no move); span gold inside it must stay on the same
 * characters, and spans elsewhere must not change.
 */
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import type { MarkedSpan } from '../../shared/schema/rubric'
import {
  addStep,
  addTurn,
  contentRichText,
  moveStep,
  moveTurn,
  setContentKind,
} from '../../shared/ydoc/exampleContentDoc'
import { addExample, readExamples, setGold } from '../../shared/ydoc/examplesDoc'
import { addCriterion } from '../../shared/ydoc/rubricDoc'
import { createSpanAnchor } from '../../shared/ydoc/spanAnchors'

function write(doc: Y.Doc, path: string, text: string) {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  contentRichText(doc, 'ex', path)!.insert(0, [paragraph])
}

function anchored(doc: Y.Doc, field: string, start: number, end: number): MarkedSpan {
  return {
    field,
    start,
    end,
    label: 'x',
    anchor: createSpanAnchor(doc, 'ex', field, start, end)!,
  } as MarkedSpan
}

const spansOf = (doc: Y.Doc) => {
  const value = readExamples(doc, ['sp'])[0]!.gold.sp!.accepted[0] as { spans: MarkedSpan[] }
  return value.spans.map(({ field, start, end }) => ({ field, start, end }))
}

function setup() {
  const doc = new Y.Doc()
  addCriterion(doc, { id: 'sp', kind: 'span', labels: [{ value: 'x', description: '' }] })
  addExample(doc, { id: 'ex' })
  return doc
}

it('span gold in a moved step stays on its characters; other spans are untouched', () => {
  const doc = setup()
  setContentKind(doc, 'ex', 'reasoning')
  const second = addStep(doc, 'ex')
  // setContentKind gave the empty chain its first step.
  const ids = (readExamples(doc, ['sp'])[0]!.content as { steps: { id: string }[] }).steps.map((s) => s.id)
  write(doc, `steps.${ids[0]}`, 'fifteen times eighteen')
  write(doc, `steps.${second}`, 'is 280 mg')
  setGold(doc, 'ex', 'sp', [
    { spans: [anchored(doc, `steps.${ids[0]}`, 8, 13), anchored(doc, `steps.${second}`, 3, 6)] },
  ])
  moveStep(doc, 'ex', ids[0]!, 1)
  expect(spansOf(doc)).toEqual([
    { field: `steps.${ids[0]}`, start: 8, end: 13 },
    { field: `steps.${second}`, start: 3, end: 6 },
  ])
  // Still anchored: typing before the span in the moved copy shifts it.
  const moved = contentRichText(doc, 'ex', `steps.${ids[0]}`)!
  ;((moved.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'so ')
  expect(spansOf(doc)[0]).toEqual({ field: `steps.${ids[0]}`, start: 11, end: 16 })
})

it('span gold in a moved turn follows it too', () => {
  const doc = setup()
  setContentKind(doc, 'ex', 'conversation')
  const turn = addTurn(doc, 'ex', 'assistant', 0)
  write(doc, `turns.${turn}`, 'Take 800 mg')
  setGold(doc, 'ex', 'sp', [{ spans: [anchored(doc, `turns.${turn}`, 5, 11)] }])
  moveTurn(doc, 'ex', turn, 2)
  expect(spansOf(doc)).toEqual([{ field: `turns.${turn}`, start: 5, end: 11 }])
})
