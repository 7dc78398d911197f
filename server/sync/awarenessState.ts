/**
 * A room's awareness (presence) states, bound to their owners: the first owner (a local connection, or
 * another instance relaying its clients) that announces a clientID owns it; entries for a clientID owned by
 * someone else are ignored. States follow the y-protocols rules (a higher clock wins; `null` removes) and
 * vanish when their owner goes away.
 */
import type { AwarenessEntry } from './wire'

/** Who may set and remove a set of clientIDs: a connection, or a remote instance. */
export interface AwarenessOwner {
  readonly clientIds: Set<number>
}

interface HeldState {
  clock: number
  state: string
  owner: AwarenessOwner
}

export class AwarenessState {
  private readonly states = new Map<number, HeldState>()

  /** Applies an owner's entries and returns the ones that changed something (to relay). */
  apply(conn: AwarenessOwner, entries: AwarenessEntry[]): AwarenessEntry[] {
    const accepted: AwarenessEntry[] = []
    for (const entry of entries) {
      const held = this.states.get(entry.clientId)
      if (held && held.owner !== conn) continue
      if (!held && entry.state === 'null') continue
      if (held && entry.clock < held.clock) continue
      if (held && entry.clock === held.clock && !(entry.state === 'null' && held.state !== 'null')) continue
      if (entry.state === 'null') {
        this.states.delete(entry.clientId)
        conn.clientIds.delete(entry.clientId)
      } else {
        this.states.set(entry.clientId, { clock: entry.clock, state: entry.state, owner: conn })
        conn.clientIds.add(entry.clientId)
      }
      accepted.push(entry)
    }
    return accepted
  }

  /** Removes every state the owner holds; returns the removal entries to relay. */
  removeOwner(conn: AwarenessOwner): AwarenessEntry[] {
    const removed: AwarenessEntry[] = []
    for (const clientId of conn.clientIds) {
      const held = this.states.get(clientId)
      if (!held || held.owner !== conn) continue
      this.states.delete(clientId)
      removed.push({ clientId, clock: held.clock + 1, state: 'null' })
    }
    conn.clientIds.clear()
    return removed
  }

  /** Every state, or only those held by `owner`. */
  all(owner?: AwarenessOwner): AwarenessEntry[] {
    const entries: AwarenessEntry[] = []
    for (const [clientId, held] of this.states)
      if (!owner || held.owner === owner) entries.push({ clientId, clock: held.clock, state: held.state })
    return entries
  }

  get size(): number {
    return this.states.size
  }
}
