/** Frames written by the stock y-protocols encoders parse; anything else throws the declared error. */
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import {
  ProtocolError,
  readAwarenessUpdate,
  readClientMessage,
  writeAwarenessUpdate,
} from '../../server/sync/wire'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { MessageType } from '../../shared/protocol/messages'

function stockFrame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

describe('readClientMessage', () => {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'abc')

  it('reads the frames the stock client sends', () => {
    const step1 = stockFrame((e) => {
      encoding.writeVarUint(e, MessageType.sync)
      syncProtocol.writeSyncStep1(e, doc)
    })
    expect(readClientMessage(step1).kind).toBe('syncStep1')
    const step2 = stockFrame((e) => {
      encoding.writeVarUint(e, MessageType.sync)
      syncProtocol.writeSyncStep2(e, doc)
    })
    expect(readClientMessage(step2).kind).toBe('update')
    const awareness = new awarenessProtocol.Awareness(doc)
    awareness.setLocalStateField('user', { name: 'Ann' })
    const aw = stockFrame((e) => {
      encoding.writeVarUint(e, MessageType.awareness)
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))
    })
    const parsed = readClientMessage(aw)
    expect(parsed.kind === 'awareness' && JSON.parse(parsed.entries[0]!.state)).toEqual({
      user: { name: 'Ann' },
    })
    awareness.destroy()
    expect(readClientMessage(new Uint8Array([MessageType.queryAwareness]))).toEqual({
      kind: 'queryAwareness',
    })
    expect(readClientMessage(new Uint8Array([MessageType.saveRequest, 5]))).toEqual({
      kind: 'saveRequest',
      id: 5,
    })
  })

  it('throws ProtocolError with the declared codes', () => {
    const codeOf = (frame: Uint8Array) => {
      try {
        readClientMessage(frame)
      } catch (error) {
        return error instanceof ProtocolError ? error.code : 'other'
      }
      return 'accepted'
    }
    expect(codeOf(new Uint8Array([]))).toBe(CloseCode.badMessage)
    expect(codeOf(new Uint8Array([MessageType.queryAwareness, 0]))).toBe(CloseCode.badMessage)
    expect(codeOf(new Uint8Array([MessageType.saved, 1]))).toBe(CloseCode.badMessage)
    expect(codeOf(new Uint8Array([MessageType.auth, 0]))).toBe(CloseCode.badMessage)
    expect(codeOf(new Uint8Array([0, 0, 3, 1, 1]))).toBe(CloseCode.badMessage) // state vector cut short
    const v2 = Y.encodeStateAsUpdateV2(doc)
    expect(
      codeOf(
        stockFrame((e) => {
          encoding.writeVarUint(e, 0)
          encoding.writeVarUint(e, 2)
          encoding.writeVarUint8Array(e, v2)
        }),
      ),
    ).toBe(CloseCode.badUpdate)
  })

  it('round-trips awareness updates', () => {
    const entries = [
      { clientId: 3, clock: 9, state: '{"a":1}' },
      { clientId: 4, clock: 1, state: 'null' },
    ]
    expect(readAwarenessUpdate(writeAwarenessUpdate(entries))).toEqual(entries)
  })
})
