/**
 * Brings a published version's content back into the live draft as one new change (history is never
 * rewritten): the guideline, the rubric and the examples are replaced by copies of the version's, leaving
 * untouched whatever is already identical. Run it with a tracked origin and an UndoManager over
 * `draftScope(doc)` undoes it in one step.
 */
import * as Y from 'yjs'
import { examplesMap } from './examplesDoc'
import { DraftRoot, draftMeta, guidelineFragment } from './layout'
import { criteriaMap, rubricInstructions, rubricSettings, rubricTitle } from './rubricDoc'

/** Every shared type a draft-wide UndoManager should track. */
export function draftScope(doc: Y.Doc): Y.AbstractType<unknown>[] {
  return [
    guidelineFragment(doc),
    rubricTitle(doc),
    rubricInstructions(doc),
    rubricSettings(doc),
    criteriaMap(doc),
    examplesMap(doc),
    taskTypesRoot(doc),
  ] as Y.AbstractType<unknown>[]
}

const taskTypesRoot = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(DraftRoot.taskTypes)

function replaceText(target: Y.Text, source: Y.Text): void {
  if (target.toString() === source.toString()) return
  target.delete(0, target.length)
  target.insert(0, source.toString())
}

function replaceMapEntries(target: Y.Map<Y.Map<unknown>>, source: Y.Map<Y.Map<unknown>>): void {
  for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key)
  for (const [key, value] of source.entries()) {
    const current = target.get(key)
    if (current && JSON.stringify(current.toJSON()) === JSON.stringify(value.toJSON())) continue
    target.set(key, value.clone())
  }
}

export function restoreSnapshot(doc: Y.Doc, snapshot: Uint8Array, origin: unknown): void {
  const source = new Y.Doc()
  Y.applyUpdate(source, snapshot)
  doc.transact(() => {
    const fragment = guidelineFragment(doc)
    const from = guidelineFragment(source)
    if (fragment.toString() !== from.toString()) {
      fragment.delete(0, fragment.length)
      fragment.insert(
        0,
        from.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText),
      )
    }
    replaceText(rubricTitle(doc), rubricTitle(source))
    replaceText(rubricInstructions(doc), rubricInstructions(source))
    for (const [key, value] of rubricSettings(source).entries()) {
      if (rubricSettings(doc).get(key) !== value) rubricSettings(doc).set(key, value)
    }
    replaceMapEntries(criteriaMap(doc) as Y.Map<Y.Map<unknown>>, criteriaMap(source) as Y.Map<Y.Map<unknown>>)
    replaceMapEntries(examplesMap(doc) as Y.Map<Y.Map<unknown>>, examplesMap(source) as Y.Map<Y.Map<unknown>>)
    // A version published before task types has none: restoring it removes the draft's.
    replaceMapEntries(taskTypesRoot(doc), taskTypesRoot(source))
    draftMeta(doc).set('restoredAt', new Date().toISOString())
  }, origin)
  source.destroy()
}
