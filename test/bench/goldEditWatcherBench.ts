/**
 * What the gold edit watcher adds to applying updates in a draft room: typing in an example's prompt or in
 * a gold rationale, and changing gold, with and without a watcher, on a draft of 200 examples × 5 gold
 * slots. Prints the median µs per update of 9 alternating rounds over the same updates.
 * `npx tsx test/bench/goldEditWatcherBench.ts`
 */
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { Connection } from '../../server/sync/connection'
import { GoldEditWatcher } from '../../server/sync/goldEditAudit'
import { addExample, exampleRichText, goldRationale, setGold } from '../../shared/ydoc/examplesDoc'

type Kind = 'typing' | 'rationale' | 'gold'

const EXAMPLES = 200
const ROUNDS = 2000

function draft(): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc()
  const ids: string[] = []
  for (let i = 0; i < EXAMPLES; i++) {
    const gold = Object.fromEntries(['a', 'b', 'c', 'd@A', 'd@B'].map((k) => [k, { accepted: [i % 5] }]))
    ids.push(
      addExample(doc, { title: `E${i}`, text: { prompt: [{ type: 'paragraph', text: 'Prompt' }] }, gold }),
    )
  }
  return { doc, ids }
}

/** Updates made on a client copy, to be applied to the room's copy. */
function updates(kind: Kind): { base: Uint8Array; list: Uint8Array[] } {
  const { doc, ids } = draft()
  const base = Y.encodeStateAsUpdate(doc)
  const list: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => list.push(u))
  for (let i = 0; i < ROUNDS; i++) {
    const id = ids[i % ids.length]!
    if (kind === 'typing') {
      const paragraph = exampleRichText(doc, id, 'prompt')?.get(0) as Y.XmlElement
      ;(paragraph.get(0) as Y.XmlText).insert(0, 'x')
    } else if (kind === 'rationale') goldRationale(doc, id, 'a')?.insert(0, 'x')
    else setGold(doc, id, 'a', [i + 1000])
  }
  return { base, list }
}

function run({ base, list }: { base: Uint8Array; list: Uint8Array[] }, kind: Kind, watch: boolean): number {
  const room = new Y.Doc()
  Y.applyUpdate(room, base)
  const origin = new Connection(null as unknown as WebSocket, 'p', 'write', {
    id: 'u',
    name: 'u',
    color: '#000',
    sessionId: 's',
    mayEditDraft: true,
  })
  let recorded = 0
  const watcher = watch ? new GoldEditWatcher(room, 'p', { record: () => recorded++ }) : null
  const start = process.hrtime.bigint()
  for (const u of list) Y.applyUpdate(room, u, origin)
  const us = Number(process.hrtime.bigint() - start) / 1000 / list.length
  watcher?.destroy()
  if (watch && kind !== 'typing' && recorded !== list.length) throw new Error('missed gold changes')
  return us
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
for (const kind of ['typing', 'rationale', 'gold'] as const) {
  const made = updates(kind)
  const off: number[] = []
  const on: number[] = []
  for (let round = 0; round < 9; round++) {
    // Alternate which goes first, so warm-up and garbage collection favour neither.
    if (round % 2 === 0) {
      off.push(run(made, kind, false))
      on.push(run(made, kind, true))
    } else {
      on.push(run(made, kind, true))
      off.push(run(made, kind, false))
    }
  }
  console.log(
    `${kind}: ${median(off).toFixed(1)} µs/update without the watcher, ${median(on).toFixed(1)} with`,
  )
}
