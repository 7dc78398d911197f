/**
 * Only complete, well-formed Yjs V1 updates pass; V2 updates, truncations, trailing bytes, garbage and the
 * malformed updates protocol fuzzing found do not; `fitsDocument` refuses updates inconsistent with the room.
 */
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodeV1Update, fitsDocument, isCompleteV1Update } from '../../server/sync/updateValidation'
import { reloaded, sameDocument } from '../helpers/docCompare'
import { baseDraft, editingUpdates } from '../helpers/fuzzFrames'

function sampleDoc(): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'hello world')
  doc.getMap('m').set('k', { nested: [1, 2, 3] })
  doc.getXmlFragment('x').insert(0, [new Y.XmlElement('paragraph')])
  return doc
}

describe('isCompleteV1Update', () => {
  it('accepts V1 updates, including empty and delete-only ones', () => {
    const doc = sampleDoc()
    expect(isCompleteV1Update(Y.encodeStateAsUpdate(doc))).toBe(true)
    expect(isCompleteV1Update(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true)
    let deletion: Uint8Array | null = null
    doc.on('update', (u: Uint8Array) => {
      deletion = u
    })
    doc.getText('t').delete(0, 5)
    expect(deletion![0]).toBe(0) // no structs, only a delete set
    expect(isCompleteV1Update(deletion!)).toBe(true)
  })

  it('rejects V2 updates (which the V1 decoder would misread as empty)', () => {
    const v2 = Y.encodeStateAsUpdateV2(sampleDoc())
    expect(() => Y.decodeUpdate(v2)).not.toThrow()
    expect(isCompleteV1Update(v2)).toBe(false)
  })

  it('rejects truncated updates, trailing bytes and garbage', () => {
    const v1 = Y.encodeStateAsUpdate(sampleDoc())
    for (let cut = 1; cut < v1.length; cut++)
      expect(isCompleteV1Update(v1.slice(0, cut)), `cut ${cut}`).toBe(false)
    expect(isCompleteV1Update(new Uint8Array([...v1, 0]))).toBe(false)
    expect(isCompleteV1Update(new Uint8Array([]))).toBe(false)
    expect(isCompleteV1Update(new Uint8Array(50).fill(0xff))).toBe(false)
  })
})

/** One string item `text` from `client` at clock 0 with the given origins, in V1 encoding. */
function craftedItem(client: number, origin: [number, number], rightOrigin: [number, number], text = 'X') {
  const e = encoding.createEncoder()
  for (const n of [1, 1, client, 0]) encoding.writeVarUint(e, n)
  encoding.writeUint8(e, 0xc4) // info: origin, right origin, string content
  for (const n of [...origin, ...rightOrigin]) encoding.writeVarUint(e, n)
  encoding.writeVarString(e, text)
  encoding.writeVarUint(e, 0) // empty delete set
  return encoding.toUint8Array(e)
}

/** A draft text of client 1: "abcdef" in one struct. */
function textDoc(): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 1
  doc.getText('t').insert(0, 'abcdef')
  return doc
}

/** The draft after clients 2 and 3 edited it: where the fuzz test found these updates. */
function editedDraft(): Y.Doc {
  const base = baseDraft(1)
  const doc = new Y.Doc()
  for (const update of [Y.encodeStateAsUpdate(base), ...editingUpdates(base, 2), ...editingUpdates(base, 3)])
    Y.applyUpdate(doc, update)
  return doc
}

// Regression cases found by test/unit/updateFuzz.test.ts (seed 90001) and pinned here.
describe('well-formed updates (pinned fuzz findings)', () => {
  it('rejects an item referring to its own client at a later clock (Yjs throws halfway through applying it)', () => {
    const update = new Uint8Array([1, 1, 2, 1, 196, 2, 64, 1, 157, 8, 1, 108, 0])
    expect(() => Y.applyUpdate(editedDraft(), update)).toThrow(TypeError)
    expect(decodeV1Update(update)).toBeNull()
  })

  it('rejects client ids beyond 2^53 (lib0 decodes them once, then throws re-reading them)', () => {
    const update = new Uint8Array([1, 1, 3, 0, 68, 255, 255, 255, 255, 255, 255, 255, 79, 157, 8, 1, 65, 0])
    const doc = editedDraft()
    expect(() => {
      Y.applyUpdate(doc, update) // held as pending, re-encoded with the unsafe id
      Y.applyUpdate(doc, update)
    }).toThrow('Integer out of Range')
    expect(decodeV1Update(update)).toBeNull()
  })

  it('rejects a deleted range of length 0 (the next encode throws)', () => {
    const update = new Uint8Array([0, 1, 5, 1, 0, 0])
    expect(() => Y.applyUpdate(new Y.Doc(), update)).toThrow()
    expect(decodeV1Update(update)).toBeNull()
  })

  it('rejects an item whose origin and right origin are the same character', () => {
    expect(decodeV1Update(craftedItem(9, [1, 2], [1, 2]))).toBeNull()
    expect(decodeV1Update(craftedItem(9, [1, 2], [1, 3]))).not.toBeNull()
  })
})

describe('fitsDocument (pinned fuzz findings)', () => {
  it('refuses an item whose origin lies after its right origin (the document would reload differently)', () => {
    const inverted = craftedItem(9, [1, 4], [1, 1])
    const live = textDoc()
    Y.applyUpdate(live, inverted)
    expect(sameDocument(live, reloaded(live))).toBe(false) // the hazard
    expect(fitsDocument(textDoc(), decodeV1Update(inverted)!)).toBe(false)
    expect(fitsDocument(textDoc(), decodeV1Update(craftedItem(9, [1, 1], [1, 4]))!)).toBe(true)
  })

  it('refuses origins in two different lists', () => {
    const doc = textDoc()
    doc.getText('other').insert(0, 'xyz')
    expect(fitsDocument(doc, decodeV1Update(craftedItem(9, [1, 2], [1, 7]))!)).toBe(false)
  })

  it('refuses a struct that starts inside what the document has of its client and ends beyond it', () => {
    const server = textDoc()
    const impostor = new Y.Doc()
    impostor.clientID = 1
    impostor.getText('t').insert(0, 'abcdefghij')
    const straddling = decodeV1Update(Y.encodeStateAsUpdate(impostor))!
    expect(fitsDocument(server, straddling)).toBe(false)
    // Honest peers send from the receiver's state vector on: that fits.
    const honest = Y.encodeStateAsUpdate(impostor, Y.encodeStateVector(server))
    expect(fitsDocument(server, decodeV1Update(honest)!)).toBe(true)
  })

  it('accepts every update of a real editing session, in order and repeated', () => {
    const base = baseDraft(1)
    const server = new Y.Doc()
    Y.applyUpdate(server, Y.encodeStateAsUpdate(base))
    for (const update of [...editingUpdates(base, 2), ...editingUpdates(base, 2)]) {
      const decoded = decodeV1Update(update)
      expect(decoded).not.toBeNull()
      expect(fitsDocument(server, decoded!)).toBe(true)
      Y.applyUpdate(server, update)
    }
    expect(sameDocument(server, reloaded(server))).toBe(true)
  })
})
