/** Avatars of everyone with this draft open, you first; the full names show on hover. */
import type { Peer } from '../sync/usePresence'
import { Avatar } from '../ui/Avatar'

const MAX_SHOWN = 5

export function PresenceBar({ peers }: { peers: Peer[] }) {
  const shown = peers.slice(0, MAX_SHOWN)
  const hidden = peers.slice(MAX_SHOWN)
  return (
    <ul className="presence" data-testid="presence" aria-label="People in this document">
      {shown.map((peer) => (
        <li
          key={peer.clientId}
          className="presence__peer"
          data-testid="presence-peer"
          data-self={peer.isSelf ? 'true' : undefined}
        >
          <Avatar
            name={peer.name}
            color={peer.color}
            label={peer.isSelf ? `${peer.name} (you)` : peer.name}
          />
        </li>
      ))}
      {hidden.length > 0 && (
        <li className="presence__more" title={hidden.map((peer) => peer.name).join(', ')}>
          <span aria-hidden="true">+{hidden.length}</span>
          <span className="visually-hidden">{hidden.map((peer) => peer.name).join(', ')}</span>
        </li>
      )}
    </ul>
  )
}
