/** Reads a whole draft's rubric and examples as plain data (what problems checks and publishing use). */
import type * as Y from 'yjs'
import type { RubricWithExamples } from '../schema/rubric'
import { readExamples } from './examplesDoc'
import { readRubric } from './rubricDoc'

export function readRubricWithExamples(doc: Y.Doc): RubricWithExamples {
  const rubric = readRubric(doc)
  return {
    rubric,
    examples: readExamples(
      doc,
      rubric.criteria.map((c) => c.id),
    ),
  }
}
