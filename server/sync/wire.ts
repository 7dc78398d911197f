/**
 * Reading and writing sync frames (see shared/protocol/messages.ts for the wire format). `readClientMessage`
 * parses a whole frame or throws a ProtocolError naming the close code; nothing half-read reaches a room.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { MessageType } from '../../shared/protocol/messages'
import { readSaveRequest } from '../../shared/protocol/saveMessages'
import { type DecodedUpdate, decodeV1Update } from './updateValidation'

export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The JSON text of the state; `'null'` removes the client's state. */
  state: string
}

export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  /** `decoded` is the update's structs, for checking it against the room's document (`fitsDocument`). */
  | { kind: 'update'; update: Uint8Array; decoded: DecodedUpdate }
  | { kind: 'awareness'; entries: AwarenessEntry[] }
  | { kind: 'queryAwareness' }
  | { kind: 'saveRequest'; id: number }

export class ProtocolError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason)
  }
}

const malformed = () => new ProtocolError(CloseCode.badMessage, CloseReason.badMessage)

function expectEnd(decoder: decoding.Decoder): void {
  if (decoder.pos !== decoder.arr.length) throw malformed()
}

function readStateVector(bytes: Uint8Array): void {
  const decoder = decoding.createDecoder(bytes)
  const count = decoding.readVarUint(decoder)
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder)
    decoding.readVarUint(decoder)
  }
  expectEnd(decoder)
}

export function readAwarenessUpdate(bytes: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(bytes)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const state = decoding.readVarString(decoder)
    JSON.parse(state)
    entries.push({ clientId, clock, state })
  }
  expectEnd(decoder)
  return entries
}

export function writeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, entry.state)
  }
  return encoding.toUint8Array(encoder)
}

function readSync(decoder: decoding.Decoder): ClientMessage {
  const syncType = decoding.readVarUint(decoder)
  const payload = decoding.readVarUint8Array(decoder)
  expectEnd(decoder)
  switch (syncType) {
    case messageYjsSyncStep1:
      readStateVector(payload)
      return { kind: 'syncStep1', stateVector: payload }
    case messageYjsSyncStep2:
    case messageYjsUpdate: {
      const decoded = decodeV1Update(payload)
      if (!decoded) throw new ProtocolError(CloseCode.badUpdate, CloseReason.badUpdate)
      return { kind: 'update', update: payload, decoded }
    }
    default:
      throw new ProtocolError(CloseCode.badMessage, CloseReason.unknownMessageType)
  }
}

function readFrame(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MessageType.sync:
      return readSync(decoder)
    case MessageType.awareness: {
      const payload = decoding.readVarUint8Array(decoder)
      expectEnd(decoder)
      return { kind: 'awareness', entries: readAwarenessUpdate(payload) }
    }
    case MessageType.queryAwareness:
      expectEnd(decoder)
      return { kind: 'queryAwareness' }
    case MessageType.saveRequest: {
      const id = readSaveRequest(decoder)
      expectEnd(decoder)
      return { kind: 'saveRequest', id }
    }
    default:
      throw new ProtocolError(CloseCode.badMessage, CloseReason.unknownMessageType)
  }
}

/** Parses one client frame completely; throws ProtocolError for anything malformed or unexpected. */
export function readClientMessage(frame: Uint8Array): ClientMessage {
  try {
    return readFrame(frame)
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw malformed()
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export const encodeSyncStep1 = (stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, messageYjsSyncStep1)
    encoding.writeVarUint8Array(e, stateVector)
  })

export const encodeSyncStep2 = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, messageYjsSyncStep2)
    encoding.writeVarUint8Array(e, update)
  })

export const encodeUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, messageYjsUpdate)
    encoding.writeVarUint8Array(e, update)
  })

export const encodeAwareness = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, update)
  })

/** An awareness message with no entries: a no-op for every client, used as keep-alive. */
export const KEEPALIVE_FRAME = encodeAwareness(writeAwarenessUpdate([]))
