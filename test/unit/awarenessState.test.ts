/** Awareness states are bound to the connection that first claimed a clientID and follow clock rules. */
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { AwarenessState } from '../../server/sync/awarenessState'
import { Connection } from '../../server/sync/connection'

const conn = () =>
  new Connection({} as WebSocket, 'doc', 'write', {
    id: 'u',
    name: 'U',
    color: '#000000',
    sessionId: 's',
    mayEditDraft: true,
  })
const entry = (clientId: number, clock: number, state: unknown) => ({
  clientId,
  clock,
  state: JSON.stringify(state),
})

describe('AwarenessState', () => {
  it('accepts newer clocks and ignores stale ones', () => {
    const awareness = new AwarenessState()
    const a = conn()
    expect(awareness.apply(a, [entry(1, 1, { name: 'A' })])).toHaveLength(1)
    expect(awareness.apply(a, [entry(1, 1, { name: 'again' })])).toHaveLength(0)
    expect(awareness.apply(a, [entry(1, 0, { name: 'old' })])).toHaveLength(0)
    expect(awareness.apply(a, [entry(1, 2, { name: 'B' })])).toHaveLength(1)
    expect(awareness.all()).toEqual([entry(1, 2, { name: 'B' })])
  })

  it('ignores entries for a clientID owned by another connection', () => {
    const awareness = new AwarenessState()
    const owner = conn()
    const forger = conn()
    awareness.apply(owner, [entry(7, 1, { name: 'Owner' })])
    expect(awareness.apply(forger, [entry(7, 99, { name: 'Forged' }), entry(8, 1, { name: 'Own' })])).toEqual(
      [entry(8, 1, { name: 'Own' })],
    )
    expect(awareness.apply(forger, [entry(7, 100, null)])).toEqual([])
    expect(awareness.all().find((e) => e.clientId === 7)?.state).toBe(JSON.stringify({ name: 'Owner' }))
  })

  it('removes a connection’s states with a higher clock and frees its clientIDs', () => {
    const awareness = new AwarenessState()
    const a = conn()
    awareness.apply(a, [entry(1, 3, { n: 1 }), entry(2, 1, { n: 2 })])
    expect(awareness.removeOwner(a)).toEqual([entry(1, 4, null), entry(2, 2, null)])
    expect(awareness.size).toBe(0)
    const b = conn()
    expect(awareness.apply(b, [entry(1, 5, { n: 'b' })])).toHaveLength(1)
  })

  it('lets the owner remove its own state with null', () => {
    const awareness = new AwarenessState()
    const a = conn()
    awareness.apply(a, [entry(1, 1, { n: 1 })])
    expect(awareness.apply(a, [entry(1, 2, null)])).toHaveLength(1)
    expect(awareness.size).toBe(0)
    expect(a.clientIds.size).toBe(0)
  })
})
