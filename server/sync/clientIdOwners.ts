/**
 * Which account writes as each Yjs client id of a room. The first account that uses a client id — in an
 * update it sends, in its presence (awareness), or as relayed by another instance — owns it for as long as
 * the room is open; an update that writes structs as a client id owned by another account is refused (4422)
 * and presence for it is ignored. The same account may use it again from a new socket: the stock y-websocket
 * client keeps its document's client id across reconnects. Nothing is stored: after a restart (or once the
 * room is evicted) ids are claimed afresh, and an honest client reclaims its own at once, because it
 * announces its presence as soon as it connects, before it sends any change. With SYNC_RELAY=before-durable a
 * co-editor may resend someone else's lost edit first, so there an update claims only ids its connection
 * announced (`byPresenceOnly`).
 */
export class ClientIdOwners {
  private readonly owners = new Map<number, string>()

  /** `byPresenceOnly`: an update claims only the ids its sender announced in its presence (see above). */
  constructor(private readonly byPresenceOnly = false) {}

  /** The first of `clientIds` owned by an account other than `account`, or null when it may use them all. */
  conflict(clientIds: Iterable<number>, account: string): number | null {
    for (const clientId of clientIds) {
      const owner = this.owners.get(clientId)
      if (owner !== undefined && owner !== account) return clientId
    }
    return null
  }

  /** Records `account` as the owner of those of `clientIds` nobody owns yet. */
  claim(clientIds: Iterable<number>, account: string): void {
    for (const clientId of clientIds) if (!this.owners.has(clientId)) this.owners.set(clientId, account)
  }

  /** Records the owner of the ids an admitted update wrote as (`announced`: the sender's presence ids). */
  claimWritten(writers: Iterable<number>, account: string, announced: ReadonlySet<number>): void {
    this.claim(this.byPresenceOnly ? [...writers].filter((id) => announced.has(id)) : writers, account)
  }

  /** Whether `account` may use `clientId` (nobody else owns it). */
  mayUse(clientId: number, account: string): boolean {
    const owner = this.owners.get(clientId)
    return owner === undefined || owner === account
  }

  get size(): number {
    return this.owners.size
  }
}

/**
 * The client ids an update writes new structs as. Deletions name other clients' structs, and structs the
 * server already holds (`knownClock`: how far it has each client) are a harmless resend, so neither counts:
 * an honest client resends other people's changes whenever its local copy loads while its socket is open.
 */
export function writerIds(
  structs: readonly { id: { client: number; clock: number }; length: number }[],
  knownClock: (client: number) => number,
): Set<number> {
  const ids = new Set<number>()
  for (const struct of structs) {
    if (struct.id.clock + struct.length > knownClock(struct.id.client)) ids.add(struct.id.client)
  }
  return ids
}
