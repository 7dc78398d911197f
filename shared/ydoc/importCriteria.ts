/**
 * Adds imported criteria to the end of a draft's rubric in one transaction (so co-editors see them at once
 * and one undo takes them all back), with new ids; returns the ids.
 */
import type * as Y from 'yjs'
import type { ImportedCriterion } from '../rubric/rubricImport'
import { addCriterion, setCriterionField } from './rubricDoc'

export function importCriteria(doc: Y.Doc, criteria: ImportedCriterion[]): string[] {
  const ids: string[] = []
  doc.transact(() => {
    for (const { minAgreement, ...init } of criteria) {
      const id = addCriterion(doc, init)
      if (typeof minAgreement === 'number') setCriterionField(doc, id, 'minAgreement', minAgreement)
      ids.push(id)
    }
  })
  return ids
}
