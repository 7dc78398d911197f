/**
 * Re-renders when the rubric (task types included) or the examples of the draft change (local or remote; typing in the guideline
 * text does not count) and returns a counter that changes with them, so views can derive plain data
 * (readRubricWithExamples, findProblems) with useMemo keyed on it.
 */
import { useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { examplesMap } from '../../shared/ydoc/examplesDoc'
import { criteriaMap, rubricInstructions, rubricSettings, rubricTitle } from '../../shared/ydoc/rubricDoc'
import { taskTypesMap } from '../../shared/ydoc/taskTypesDoc'

const versions = new WeakMap<Y.Doc, number>()

function subscribe(doc: Y.Doc, listener: () => void): () => void {
  const types = [
    criteriaMap(doc),
    examplesMap(doc),
    rubricTitle(doc),
    rubricInstructions(doc),
    rubricSettings(doc),
    taskTypesMap(doc),
  ] as unknown as Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>[]
  const onChange = () => {
    versions.set(doc, (versions.get(doc) ?? 0) + 1)
    listener()
  }
  for (const type of types) type.observeDeep(onChange)
  return () => {
    for (const type of types) type.unobserveDeep(onChange)
  }
}

export function useDraftVersion(doc: Y.Doc): number {
  return useSyncExternalStore(
    (listener) => subscribe(doc, listener),
    () => versions.get(doc) ?? 0,
  )
}
