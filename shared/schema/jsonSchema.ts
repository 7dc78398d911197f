/** Derives the JSON Schemas that tools use from the zod schemas (published next to this file). */
import { z } from 'zod'
import { RubricWithExamples } from './rubric'
import { VersionJson } from './version'

export const JSON_SCHEMAS = {
  'rubric.schema.json': () => ({
    $id: 'urn:yardstick:schema:rubric-with-examples:1',
    title: 'Yardstick rubric with calibration examples',
    ...z.toJSONSchema(RubricWithExamples, { target: 'draft-2020-12', io: 'input' }),
  }),
  'version.schema.json': () => ({
    $id: 'urn:yardstick:schema:version:1',
    title: 'Yardstick published version',
    ...z.toJSONSchema(VersionJson, { target: 'draft-2020-12', io: 'input' }),
  }),
} as const

export const rubricJsonSchema = JSON_SCHEMAS['rubric.schema.json']
export const versionJsonSchema = JSON_SCHEMAS['version.schema.json']
