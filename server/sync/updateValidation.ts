/**
 * Accepts only complete Yjs V1 updates from the network. The V1 decoder happily reads the prefix of a V2
 * update (or of garbage with trailing bytes) as a valid empty update, so we check that decoding consumed
 * every byte. V2 decoding of hostile input can hang (yjs issue 687), so V2 is never decoded here.
 */
import type * as decoding from 'lib0/decoding'
import * as Y from 'yjs'

let lastDecoder: decoding.Decoder | null = null

/** An UpdateDecoderV1 that remembers its byte decoder so we can see how far decoding got. */
class TrackingUpdateDecoderV1 extends Y.UpdateDecoderV1 {
  constructor(decoder: decoding.Decoder) {
    super(decoder)
    lastDecoder = decoder
  }
}

export function isCompleteV1Update(update: Uint8Array): boolean {
  lastDecoder = null
  try {
    Y.decodeUpdateV2(update, TrackingUpdateDecoderV1 as unknown as typeof Y.UpdateDecoderV2)
  } catch {
    return false
  }
  const decoder = lastDecoder as decoding.Decoder | null
  return decoder !== null && decoder.pos === update.length
}
