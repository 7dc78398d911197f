/**
 * Wire format of the Yardstick "saved" extension of the sync protocol, as paired write/read functions:
 * saveRequest = `[varUint 100, varUint requestId]` (client → server), saved = `[varUint 101, varUint requestId]`.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType } from '../../shared/protocol/messages'

/** Encodes a saveRequest frame asking the server to confirm everything sent before it is durable. */
export function writeSaveRequest(requestId: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.saveRequest)
  encoding.writeVarUint(encoder, requestId)
  return encoding.toUint8Array(encoder)
}

/** Reads the payload of a `saved` frame; the decoder is positioned after the message type. */
export function readSaved(decoder: decoding.Decoder): number {
  return decoding.readVarUint(decoder)
}
