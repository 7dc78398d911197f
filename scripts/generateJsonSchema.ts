// Writes shared/schema/rubric.schema.json from the zod schemas (`npm run schema`); a test keeps it current.
import { writeFileSync } from 'node:fs'
import { rubricJsonSchema } from '../shared/schema/jsonSchema'

const file = new URL('../shared/schema/rubric.schema.json', import.meta.url)
writeFileSync(file, `${JSON.stringify(rubricJsonSchema(), null, 2)}\n`)
console.log(`wrote ${file.pathname}`)
