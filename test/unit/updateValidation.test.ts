/** Only complete Yjs V1 updates pass; V2 updates, truncations, trailing bytes and garbage do not. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { isCompleteV1Update } from '../../server/sync/updateValidation'

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
