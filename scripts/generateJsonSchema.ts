// Writes shared/schema/*.schema.json from the zod schemas (`npm run schema`); a test keeps them current.
import { writeFileSync } from 'node:fs'
import { JSON_SCHEMAS } from '../shared/schema/jsonSchema'

for (const [name, build] of Object.entries(JSON_SCHEMAS)) {
  const file = new URL(`../shared/schema/${name}`, import.meta.url)
  writeFileSync(file, `${JSON.stringify(build(), null, 2)}\n`)
  console.log(`wrote ${file.pathname}`)
}
