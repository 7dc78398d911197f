// Bundles the server (and the shared code it imports) into dist/server/main.js; npm packages stay external.
import { writeFileSync } from 'node:fs'
import { build } from 'esbuild'

await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
writeFileSync('dist/.build-stamp', new Date().toISOString())
console.log('server built: dist/server/main.js')
