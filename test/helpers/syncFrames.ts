/** Raw sync-protocol frames for tests that talk to the server through a bare socket (openRawSocket). */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType } from '../../shared/protocol/messages'

/** A y-websocket sync message of type 2 (an update) carrying `update`. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** Yardstick's save request: answered with `saved` once everything the socket sent before it is durable. */
export function saveRequest(id: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.saveRequest)
  encoding.writeVarUint(e, id)
  return encoding.toUint8Array(e)
}

/** The message type a received frame starts with. */
export const typeOf = (message: Uint8Array): number => decoding.readVarUint(decoding.createDecoder(message))
