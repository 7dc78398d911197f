/**
 * Inputs for protocol fuzzing: realistic draft documents and the updates their editing produces, fast-check
 * arbitraries that truncate and mutate them (and awareness, save-request and unknown frames), and known
 * hostile payloads such as the V2 update that makes the V2 decoder loop (yjs issue 687).
 */
import fc from 'fast-check'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MessageType } from '../../shared/protocol/messages'
import { applyTemplate, RUBRIC_TEMPLATES } from '../../shared/rubric/templates'
import { addExample } from '../../shared/ydoc/examplesDoc'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { rubricInstructions } from '../../shared/ydoc/rubricDoc'

function bytes(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

export const syncFrame = (subType: 0 | 1 | 2 | number, payload: Uint8Array) =>
  bytes((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, subType)
    encoding.writeVarUint8Array(e, payload)
  })

export const awarenessFrame = (payload: Uint8Array) =>
  bytes((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, payload)
  })

/** A draft as the seed writes it: a guideline with headings, lists and a link, a rubric and an example. */
export function baseDraft(clientID: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = clientID
  applyTemplate(doc, RUBRIC_TEMPLATES[0]!)
  const exampleId = addExample(doc, {
    title: 'Dosage question',
    text: { prompt: [{ type: 'paragraph', text: 'How much?' }] },
  })
  appendBlocks(guidelineFragment(doc), [
    { type: 'heading', level: 1, text: 'Helpfulness', sectionId: 'sec-1' },
    { type: 'paragraph', text: ['Answer ', { text: 'the question', bold: true }, ' asked.'] },
    { type: 'bulletList', items: ['one', 'two', [{ text: 'docs', href: 'https://example.com' }]] },
    { type: 'example', exampleId },
  ])
  return doc
}

/**
 * Another client editing the draft: typing, formatting, deleting, rubric and map edits. Returns the update of
 * every transaction plus the whole difference as a sync step 2 would carry it.
 */
export function editingUpdates(base: Y.Doc, clientID: number): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = clientID
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const fragment = guidelineFragment(doc)
  const paragraph = fragment
    .toArray()
    .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.get(0) instanceof Y.XmlText)
  if (!paragraph) throw new Error('the draft has no block with text')
  const text = paragraph.get(0) as Y.XmlText
  for (const [i, ch] of [...'Always '].entries()) text.insert(i, ch)
  text.format(0, 6, { italic: {} })
  text.delete(2, 3)
  appendBlocks(fragment, [{ type: 'paragraph', text: 'Closing remark.' }])
  fragment.delete(0, 1)
  rubricInstructions(doc).insert(0, 'Read carefully. ')
  doc.getMap('meta').set('note', { nested: [1, 'two', null, true, 2.5] })
  doc.getMap('meta').delete('note')
  updates.push(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(base)))
  return updates
}

/** One edit of a byte array: overwrite, insert, delete, flip a bit, cut, or splice in huge varints. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), value: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), value: fc.constant(0) }),
  fc.record({ op: fc.constant('bigVarint' as const), at: fc.nat(), value: fc.integer({ min: 1, max: 9 }) }),
)
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never

export function mutate(source: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  const out = Array.from(source)
  for (const { op, at, value } of mutations) {
    const i = out.length === 0 ? 0 : at % out.length
    if (op === 'set' && out.length) out[i] = value
    else if (op === 'insert') out.splice(at % (out.length + 1), 0, value)
    else if (op === 'delete') out.splice(i, value)
    else if (op === 'flip' && out.length) out[i]! ^= 1 << value
    else if (op === 'cut') out.length = i
    else if (op === 'bigVarint') out.splice(i, 1, ...Array(value).fill(0xff), 0x0f)
  }
  return new Uint8Array(out)
}

export const mutationsArb = fc.array(mutation, { minLength: 1, maxLength: 4 })

/** A mutated (or, one time in ten, intact) update from `pool`, in a sync update or sync step 2 frame. */
export function mutatedUpdateFrameArb(pool: readonly Uint8Array[]) {
  return fc
    .tuple(
      fc.integer({ min: 0, max: pool.length - 1 }),
      fc.option(mutationsArb, { freq: 9 }),
      fc.constantFrom(1, 2),
    )
    .map(([i, mutations, subType]) => {
      const update = mutations ? mutate(pool[i]!, mutations) : pool[i]!
      return syncFrame(subType, update)
    })
}

const awarenessEntry = fc.record({
  clientId: fc.oneof(fc.nat(), fc.constant(2 ** 53 - 1)),
  clock: fc.nat(),
  state: fc.oneof(
    fc.constant('null'),
    fc.json(),
    fc.string(),
    fc.constant('{"user":{"name":"<img src=x onerror=alert(1)>"},"cursor":null}'),
  ),
})

const awarenessPayload = fc.array(awarenessEntry, { maxLength: 4 }).map((entries) =>
  bytes((e) => {
    encoding.writeVarUint(e, entries.length)
    for (const entry of entries) {
      encoding.writeVarUint(e, entry.clientId)
      encoding.writeVarUint(e, entry.clock)
      encoding.writeVarString(e, entry.state)
    }
  }),
)

/** Every other kind of frame: awareness (valid, mutated), queries, save requests, unknown types, noise. */
export const otherFrameArb = fc.oneof(
  awarenessPayload.map(awarenessFrame),
  fc.tuple(awarenessPayload, mutationsArb).map(([payload, m]) => awarenessFrame(mutate(payload, m))),
  fc.tuple(awarenessPayload, mutationsArb).map(([payload, m]) => mutate(awarenessFrame(payload), m)),
  fc.constant(new Uint8Array([MessageType.queryAwareness])),
  fc.nat().map((id) =>
    bytes((e) => {
      encoding.writeVarUint(e, MessageType.saveRequest)
      encoding.writeVarUint(e, id)
    }),
  ),
  fc.tuple(fc.integer({ min: 0, max: 300 }), fc.uint8Array({ maxLength: 32 })).map(([type, rest]) =>
    bytes((e) => {
      encoding.writeVarUint(e, type)
      encoding.writeUint8Array(e, rest)
    }),
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 5 }), fc.uint8Array({ maxLength: 64 }))
    .map(([sub, p]) => syncFrame(sub, p)),
  fc.uint8Array({ maxLength: 64 }),
)

/**
 * A V2 update of a few dozen bytes whose run-length encoded columns repeat forever: the V2 decoder would
 * produce 2^31 garbage-collected structs from it, holding the event loop for minutes (yjs issue 687).
 * `structs` is the claimed count; tests use a small one to show the amplification without hanging.
 */
export function hostileV2Update(structs = 2 ** 31): Uint8Array {
  const column = (write: (e: encoding.Encoder) => void) => bytes(write)
  return bytes((e) => {
    encoding.writeVarUint(e, 0) // feature flag
    encoding.writeVarUint8Array(e, new Uint8Array()) // key clocks
    encoding.writeVarUint8Array(
      e,
      column((c) => encoding.writeVarInt(c, 5)),
    ) // client 5
    encoding.writeVarUint8Array(e, new Uint8Array()) // left clocks
    encoding.writeVarUint8Array(e, new Uint8Array()) // right clocks
    encoding.writeVarUint8Array(e, new Uint8Array([0])) // info 0 (GC), repeated forever
    encoding.writeVarUint8Array(
      e,
      column((c) => encoding.writeVarString(c, '')),
    ) // strings
    encoding.writeVarUint8Array(e, new Uint8Array()) // parent info
    encoding.writeVarUint8Array(e, new Uint8Array()) // type refs
    // lengths: 1, repeated `structs` times (a negative value announces a run)
    encoding.writeVarUint8Array(
      e,
      column((c) => {
        encoding.writeVarInt(c, -1)
        encoding.writeVarUint(c, structs - 2)
      }),
    )
    encoding.writeVarUint(e, 1) // one client
    encoding.writeVarUint(e, structs) // with this many structs
    encoding.writeVarUint(e, 0) // from clock 0
    encoding.writeVarUint(e, 0) // empty delete set
  })
}
