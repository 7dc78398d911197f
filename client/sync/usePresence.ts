/**
 * Who is in the document right now, read from the provider's awareness states: one entry per account (the
 * server stamps each state with the account behind its connection), however many tabs they have open. Remote
 * states are untrusted input, so names and colours are validated before they reach the UI.
 */
import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'

export interface Peer {
  /** The account id, or `client:<clientId>` for a state without one. */
  key: string
  name: string
  color: string
  isSelf: boolean
  /** How many connections (tabs, devices) this person has open here. */
  connections: number
}

const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/
const FALLBACK_COLOR = '#64748b'
const MAX_NAME_LENGTH = 80

function toPeer(clientId: number, state: Record<string, unknown>, selfId: number): Peer | null {
  const user = state.user
  if (typeof user !== 'object' || user === null) return null
  const { id, name, color } = user as { id?: unknown; name?: unknown; color?: unknown }
  const cleanName = typeof name === 'string' ? name.trim().slice(0, MAX_NAME_LENGTH) : ''
  return {
    key: typeof id === 'string' && id ? id : `client:${clientId}`,
    name: cleanName || 'Anonymous',
    color: typeof color === 'string' && COLOR_PATTERN.test(color) ? color : FALLBACK_COLOR,
    isSelf: clientId === selfId,
    connections: 1,
  }
}

function readPeers(provider: WebsocketProvider): Peer[] {
  const selfId = provider.awareness.clientID
  const byKey = new Map<string, Peer>()
  for (const [clientId, state] of provider.awareness.getStates()) {
    const peer = toPeer(clientId, state, selfId)
    if (!peer) continue
    const seen = byKey.get(peer.key)
    if (!seen) byKey.set(peer.key, peer)
    else byKey.set(peer.key, { ...(peer.isSelf ? peer : seen), connections: seen.connections + 1 })
  }
  return [...byKey.values()].sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name),
  )
}

export function usePresence(provider: WebsocketProvider | null): Peer[] {
  const [peers, setPeers] = useState<Peer[]>([])
  useEffect(() => {
    if (!provider) return
    const update = () => setPeers(readPeers(provider))
    update()
    provider.awareness.on('change', update)
    return () => provider.awareness.off('change', update)
  }, [provider])
  return peers
}
