/**
 * Wire format of Yardstick's "saved" extension of the sync protocol (see messages.ts), as paired write/read
 * functions used by both sides:
 * - saveRequest = `[varUint 100, varUint requestId]` (client → server),
 * - saved       = `[varUint 101, varUint requestId]` (server → client, only in reply to a saveRequest),
 * - notSaved    = `[varUint 102]` (server → client, only to connections that have sent a saveRequest).
 * The read functions take a decoder positioned after the message type.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType } from './messages'

function withRequestId(type: number, requestId: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  encoding.writeVarUint(encoder, requestId)
  return encoding.toUint8Array(encoder)
}

/** A saveRequest frame: confirm once everything this connection sent before it is durable. */
export function writeSaveRequest(requestId: number): Uint8Array {
  return withRequestId(MessageType.saveRequest, requestId)
}

/** The request id of a saveRequest frame. */
export function readSaveRequest(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder)
}

/** A saved frame answering the saveRequest `requestId`. */
export function writeSaved(requestId: number): Uint8Array {
  return withRequestId(MessageType.saved, requestId)
}

/** The request id a saved frame answers. */
export function readSaved(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder)
}

/** The notSaved frame (no payload): writing this connection's updates failed; the server retries. */
export function writeNotSaved(): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.notSaved)
  return encoding.toUint8Array(encoder)
}
