/**
 * Who is in the document right now, read from the provider's awareness states. Remote states are untrusted
 * input, so names and colours are validated before they reach the UI.
 */
import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'

export interface Peer {
  clientId: number
  name: string
  color: string
  isSelf: boolean
}

const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/
const FALLBACK_COLOR = '#64748b'
const MAX_NAME_LENGTH = 40

function toPeer(clientId: number, state: Record<string, unknown>, selfId: number): Peer | null {
  const user = state.user
  if (typeof user !== 'object' || user === null) return null
  const { name, color } = user as { name?: unknown; color?: unknown }
  const cleanName = typeof name === 'string' ? name.trim().slice(0, MAX_NAME_LENGTH) : ''
  return {
    clientId,
    name: cleanName || 'Anonymous',
    color: typeof color === 'string' && COLOR_PATTERN.test(color) ? color : FALLBACK_COLOR,
    isSelf: clientId === selfId,
  }
}

function readPeers(provider: WebsocketProvider): Peer[] {
  const selfId = provider.awareness.clientID
  const peers: Peer[] = []
  for (const [clientId, state] of provider.awareness.getStates()) {
    const peer = toPeer(clientId, state, selfId)
    if (peer) peers.push(peer)
  }
  return peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name))
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
