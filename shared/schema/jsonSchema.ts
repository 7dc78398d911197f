/** Derives the JSON Schema that tools use from the zod schemas (published as rubric.schema.json). */
import { z } from 'zod'
import { RubricWithExamples } from './rubric'

export const JSON_SCHEMA_ID = 'urn:yardstick:schema:rubric-with-examples:1'

export function rubricJsonSchema(): Record<string, unknown> {
  return {
    $id: JSON_SCHEMA_ID,
    title: 'Yardstick rubric with calibration examples',
    ...z.toJSONSchema(RubricWithExamples, { target: 'draft-2020-12', io: 'input' }),
  }
}
