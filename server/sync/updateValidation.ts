/**
 * Accepts only complete, well-formed Yjs V1 updates from the network. The V1 decoder happily reads the prefix
 * of a V2 update (or of garbage with trailing bytes) as a valid empty update, so we check that decoding
 * consumed every byte. V2 decoding of hostile input can hang (yjs issue 687), so V2 is never decoded here.
 *
 * Decoding is not enough: Yjs trusts the references inside an update. Protocol fuzzing
 * (test/integration/protocolFuzz.test.ts) found updates that decode cleanly but make `Y.applyUpdate` throw
 * halfway, break later encodes, or integrate so that the document re-encodes differently from how it is held
 * in memory (a new peer or a restart from a snapshot would then see another document). No honest Yjs encoder
 * produces them, so they are refused:
 * - `decodeV1Update` (no document needed): a client id or clock beyond 2^53 (lib0 decodes one, then throws
 *   when Yjs re-reads it); a struct or deleted range of length 0; an item that refers to its
 *   own client at its own or a later clock (origin, right origin or parent); an item whose origin and right
 *   origin are the same character;
 * - `fitsDocument` (against the room's document): a struct that starts inside what the document already has
 *   of its client and ends beyond it (honest peers send only what the other side lacks, from its state
 *   vector on); an item whose origin and right origin are known but not in the same list in that order.
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

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

function decodeWholeV1(update: Uint8Array): DecodedUpdate | null {
  lastDecoder = null
  let decoded: DecodedUpdate
  try {
    decoded = Y.decodeUpdateV2(update, TrackingUpdateDecoderV1 as unknown as typeof Y.UpdateDecoderV2)
  } catch {
    return null
  }
  const decoder = lastDecoder as decoding.Decoder | null
  return decoder !== null && decoder.pos === update.length ? decoded : null
}

const sameId = (a: Y.ID, b: Y.ID) => a.client === b.client && a.clock === b.clock
const safe = Number.isSafeInteger
const safeId = (id: Y.ID) => safe(id.client) && safe(id.clock)

function itemIsWellFormed(item: Y.Item): boolean {
  const { client, clock } = item.id
  for (const ref of [item.origin, item.rightOrigin, item.parent]) {
    if (!(ref instanceof Y.ID)) continue
    if (!safeId(ref) || (ref.client === client && ref.clock >= clock)) return false
  }
  return !(item.origin && item.rightOrigin && sameId(item.origin, item.rightOrigin))
}

function isWellFormed({ structs, ds }: DecodedUpdate): boolean {
  for (const struct of structs) {
    if (!(struct.length > 0) || !safeId(struct.id) || !safe(struct.id.clock + struct.length)) return false
    if (struct instanceof Y.Item && !itemIsWellFormed(struct)) return false
  }
  for (const [client, ranges] of ds.clients) {
    if (!safe(client)) return false
    for (const range of ranges) if (!(range.len > 0) || !safe(range.clock + range.len)) return false
  }
  return true
}

/** Decodes a complete, well-formed V1 update, or returns null. */
export function decodeV1Update(update: Uint8Array): DecodedUpdate | null {
  const decoded = decodeWholeV1(update)
  return decoded !== null && isWellFormed(decoded) ? decoded : null
}

export function isCompleteV1Update(update: Uint8Array): boolean {
  return decodeV1Update(update) !== null
}

const known = (doc: Y.Doc, id: Y.ID) => id.clock < Y.getState(doc.store, id.client)

/**
 * Whether `origin` lies before `rightOrigin` in one list. Walks outwards from the origin in both directions
 * at once, so it costs about twice the distance between them — what Yjs itself walks to integrate the item.
 */
function inOrder(doc: Y.Doc, origin: Y.ID, rightOrigin: Y.ID): boolean {
  const left = Y.getItem(doc.store, origin)
  const right = Y.getItem(doc.store, rightOrigin)
  // An item next to garbage-collected content is itself dropped by Yjs: nothing to check.
  if (!(left instanceof Y.Item) || !(right instanceof Y.Item)) return true
  if (left === right) return origin.clock < rightOrigin.clock
  if (left.parent !== right.parent || left.parentSub !== right.parentSub) return false
  let forward: Y.Item | null = left.right
  let backward: Y.Item | null = left.left
  while (forward !== null || backward !== null) {
    if (forward === right) return true
    if (backward === right) return false
    forward = forward?.right ?? null
    backward = backward?.left ?? null
  }
  return false
}

/**
 * Whether a struct starts inside what `doc` already has of its client and ends beyond it. An honest client
 * sends this when the server stored more of its changes between greeting it and reading its reply (a
 * reconnect while earlier writes were still queued): it must reconnect and resend from the new state.
 */
export function straddlesDocument(doc: Y.Doc, { structs }: DecodedUpdate): boolean {
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    const state = Y.getState(doc.store, struct.id.client)
    if (struct.id.clock < state && state < struct.id.clock + struct.length) return true
  }
  return false
}

/**
 * Whether an update needs structs or deletions that neither `doc` nor the update itself has, nor updates
 * already queued for writing (`queued`: the clock each client reaches in them). Yjs would hold such an update
 * as pending, and a document holding pending structs can re-encode them so that a fresh load differs. Honest
 * clients only build on what the server sent them, so this means a stale client (it reconnects and resends).
 */
export function needsUnknown(
  doc: Y.Doc,
  { structs, ds }: DecodedUpdate,
  queued: (client: number) => number,
): boolean {
  const known = (client: number) => Math.max(Y.getState(doc.store, client), queued(client))
  const brought = new Map<number, { start: number; end: number }>()
  for (const struct of structs) {
    if (struct instanceof Y.Skip) return true
    const run = brought.get(struct.id.client)
    const end = struct.id.clock + struct.length
    if (!run) brought.set(struct.id.client, { start: struct.id.clock, end })
    else if (struct.id.clock !== run.end) return true
    else run.end = end
  }
  for (const [client, run] of brought) if (run.start > known(client)) return true
  const reach = (client: number) => Math.max(known(client), brought.get(client)?.end ?? 0)
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent]) {
      if (ref instanceof Y.ID && ref.clock >= reach(ref.client)) return true
    }
  }
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) if (range.clock + range.len > reach(client)) return true
  }
  return false
}

/** Whether a decoded update can be applied to `doc` without making it differ from its own encoding. */
export function fitsDocument(doc: Y.Doc, { structs }: DecodedUpdate): boolean {
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    const state = Y.getState(doc.store, struct.id.client)
    if (struct.id.clock < state && state < struct.id.clock + struct.length) return false
    if (!(struct instanceof Y.Item) || struct.id.clock < state) continue
    const { origin, rightOrigin } = struct
    if (origin && rightOrigin && known(doc, origin) && known(doc, rightOrigin)) {
      if (!inOrder(doc, origin, rightOrigin)) return false
    }
  }
  return true
}
