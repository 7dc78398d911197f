/** Banners under the header: offline (edits are safe on this device) and connections the server refused. */
import { CloseCode } from '../../shared/protocol/closeCodes'
import type { ConnectionClose, DraftConnectionState } from '../sync/draftConnection'

function closeMessage(close: ConnectionClose): string {
  switch (close.code) {
    case CloseCode.unauthenticated:
      return 'Your session has ended. Sign in again to keep editing.'
    case CloseCode.forbidden:
      return 'The server refused to open this draft for you.'
    case CloseCode.messageTooLarge:
      return 'A change was too large for the server to accept.'
    case CloseCode.badMessage:
    case CloseCode.badUpdate:
      return 'The server could not accept a change from this page.'
    case CloseCode.rateLimited:
      return 'Too many changes at once — the server paused this connection.'
    default:
      return 'The server closed the connection.'
  }
}

interface ConnectionNoticeProps {
  state: DraftConnectionState
  onReconnect: () => void
}

export function ConnectionNotice({ state, onReconnect }: ConnectionNoticeProps) {
  if (state.closed) {
    return (
      <div className="banner banner--error" role="alert" data-testid="connection-error">
        <span>
          {closeMessage(state.closed)} Your edits stay on this device.
          {state.closed.reason && <span className="banner__detail"> ({state.closed.reason})</span>}
        </span>
        <button
          type="button"
          className="button button--secondary"
          data-testid="reconnect"
          onClick={onReconnect}
        >
          Reconnect
        </button>
      </div>
    )
  }
  if (state.status === 'offline') {
    return (
      <div className="banner banner--offline" role="status" data-testid="offline-banner">
        You’re offline. Your edits are kept on this device and will sync when the connection is back.
      </div>
    )
  }
  return null
}
