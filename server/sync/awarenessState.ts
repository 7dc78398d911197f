/**
 * A room's awareness (presence) states, bound to connections: the first connection that announces a
 * clientID owns it; entries for a clientID owned by another connection are ignored. States follow the
 * y-protocols rules (a higher clock wins; `null` removes) and vanish when their connection closes.
 */
import type { Connection } from './connection'
import type { AwarenessEntry } from './wire'

interface HeldState {
  clock: number
  state: string
  owner: Connection
}

export class AwarenessState {
  private readonly states = new Map<number, HeldState>()

  /** Applies a connection's entries and returns the ones that changed something (to relay). */
  apply(conn: Connection, entries: AwarenessEntry[]): AwarenessEntry[] {
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

  /** Removes every state the connection owns; returns the removal entries to relay. */
  removeConnection(conn: Connection): AwarenessEntry[] {
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

  all(): AwarenessEntry[] {
    return [...this.states].map(([clientId, held]) => ({ clientId, clock: held.clock, state: held.state }))
  }

  get size(): number {
    return this.states.size
  }
}
