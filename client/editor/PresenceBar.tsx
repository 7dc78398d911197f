/**
 * Avatars of the other people with this draft open, side by side; the full names show on hover. Your own
 * entry is the account menu next to it (see AccountMenu), so you are shown once.
 */
import type { Peer } from '../sync/usePresence'
import { Avatar } from '../ui/Avatar'

const MAX_SHOWN = 5

function label(peer: Peer): string {
  return peer.connections > 1 ? `${peer.name} (${peer.connections} tabs)` : peer.name
}

export function PresenceBar({ peers }: { peers: Peer[] }) {
  const others = peers.filter((peer) => !peer.isSelf)
  if (others.length === 0) return null
  const shown = others.slice(0, MAX_SHOWN)
  const hidden = others.slice(MAX_SHOWN)
  return (
    <ul className="presence" data-testid="presence" aria-label="Also in this document">
      {shown.map((peer) => (
        <li
          key={peer.key}
          className="presence__peer"
          data-testid="presence-peer"
          data-connections={peer.connections}
        >
          <Avatar name={peer.name} color={peer.color} label={peer.name} />
          {peer.connections > 1 && <span className="visually-hidden"> ({label(peer)})</span>}
        </li>
      ))}
      {hidden.length > 0 && (
        <li className="presence__more" title={hidden.map(label).join(', ')}>
          <span aria-hidden="true">+{hidden.length}</span>
          <span className="visually-hidden">{hidden.map(label).join(', ')}</span>
        </li>
      )}
    </ul>
  )
}
