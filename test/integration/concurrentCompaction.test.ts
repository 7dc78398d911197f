/**
 * Several instances appending to and compacting the same document in PostgreSQL at once lose nothing:
 * a property test over random interleavings, with each "instance" on a pool (and connections) of its own.
 */
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openPostgresStore } from '../../server/storage/postgres'
import type { Store } from '../../server/storage/store'
import { mergeStored } from '../../server/sync/room'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'

afterAll(() => dropSchemas())

/** An update that adds one distinct key, so the final document shows exactly which updates survived. */
function keyUpdate(key: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, true)
  return Y.encodeStateAsUpdate(doc)
}

async function storedKeys(store: Store, doc: string): Promise<string[]> {
  const stored = await store.loadDoc(doc)
  const ydoc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(ydoc, stored.snapshot.data)
  for (const u of stored.updates) Y.applyUpdate(ydoc, u.data)
  return [...ydoc.getMap('m').keys()].sort()
}

type Step = { kind: 'append'; count: number } | { kind: 'compact' } | { kind: 'pause'; ms: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('compact' as const) }),
  fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 5 }) }),
)

describe('compaction with several instances (PostgreSQL)', () => {
  it('loses no update whatever the interleaving of appends and compactions', async () => {
    const schema = await freshSchema()
    const instances = [
      await openPostgresStore(TEST_DATABASE_URL, { schema }),
      await openPostgresStore(TEST_DATABASE_URL, { schema }),
      await openPostgresStore(TEST_DATABASE_URL, { schema }),
    ]
    let run = 0
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(step, { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 3 }),
          async (plans) => {
            const doc = `doc-${run++}`
            const written: string[] = []
            await Promise.all(
              plans.map(async (plan, who) => {
                const store = instances[who]!
                for (const [i, s] of plan.entries()) {
                  if (s.kind === 'append') {
                    const keys = Array.from({ length: s.count }, (_, k) => `${who}-${i}-${k}`)
                    await store.appendUpdates(keys.map((key) => ({ doc, data: keyUpdate(key) })))
                    written.push(...keys)
                  } else if (s.kind === 'compact') await store.compactFromLog(doc, mergeStored)
                  else await new Promise((resolve) => setTimeout(resolve, s.ms))
                }
              }),
            )
            expect(await storedKeys(instances[0]!, doc)).toEqual(written.sort())
            // A final compaction leaves an empty log and the same document.
            await instances[1]!.compactFromLog(doc, mergeStored)
            expect((await instances[2]!.loadDoc(doc)).updates).toEqual([])
            expect(await storedKeys(instances[2]!, doc)).toEqual(written)
          },
        ),
        { numRuns: 40 },
      )
    } finally {
      await Promise.all(instances.map((store) => store.close()))
    }
  })
})
