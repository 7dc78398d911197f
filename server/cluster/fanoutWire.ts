/**
 * The binary format of messages between instances on a document's channel: the sender's instance id, a
 * kind, and its payload (lib0 encoding, the same varints as the sync protocol).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { type AwarenessEntry, readAwarenessUpdate, writeAwarenessUpdate } from '../sync/wire'

const Kind = { update: 0, awareness: 1, resync: 2, queryAwareness: 3 } as const

export type DocChannelMessage =
  /** `author`: the account that wrote it ('' from an instance that does not say). */
  | { from: string; kind: 'update'; update: Uint8Array; seq: number; author: string }
  | { from: string; kind: 'awareness'; entries: AwarenessEntry[] }
  | { from: string; kind: 'resync' }
  | { from: string; kind: 'queryAwareness' }

export function encodeDocChannelMessage(message: DocChannelMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, message.from)
  encoding.writeVarUint(encoder, Kind[message.kind])
  if (message.kind === 'update') {
    encoding.writeVarUint(encoder, message.seq)
    encoding.writeVarUint8Array(encoder, message.update)
    encoding.writeVarString(encoder, message.author)
  } else if (message.kind === 'awareness') {
    encoding.writeVarUint8Array(encoder, writeAwarenessUpdate(message.entries))
  }
  return encoding.toUint8Array(encoder)
}

/** Returns null for anything that is not a well-formed message (only our instances publish here). */
export function decodeDocChannelMessage(bytes: Uint8Array): DocChannelMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes)
    const from = decoding.readVarString(decoder)
    const kind = decoding.readVarUint(decoder)
    if (kind === Kind.update) {
      const seq = decoding.readVarUint(decoder)
      const update = decoding.readVarUint8Array(decoder)
      // The author was added later; messages from an instance running the previous version end here.
      const author = decoder.pos < decoder.arr.length ? decoding.readVarString(decoder) : ''
      return { from, kind: 'update', seq, update, author }
    }
    if (kind === Kind.awareness)
      return { from, kind: 'awareness', entries: readAwarenessUpdate(decoding.readVarUint8Array(decoder)) }
    if (kind === Kind.resync) return { from, kind: 'resync' }
    if (kind === Kind.queryAwareness) return { from, kind: 'queryAwareness' }
    return null
  } catch {
    return null
  }
}
