/**
 * The notice at the top of the comments and suggestions panels once the server has closed the comments
 * document's connection for good (4403 and the other permanent codes: the provider does not reconnect): why,
 * in plain words, and that what is written here now stays on this page.
 */
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import type { ConnectionClose } from '../sync/draftConnection'

/** Why the server closed the comments connection, as a sentence for the person at the page. */
export function commentsCloseMessage(close: ConnectionClose): string {
  if (close.code === CloseCode.forbidden) {
    switch (close.reason) {
      case CloseReason.accessRevoked:
        return 'Your access to the comments and suggestions of this project was removed: your role changed or you are no longer a member.'
      case CloseReason.noCommentAccess:
        return 'Your role in this project cannot comment or suggest.'
      case CloseReason.badOrigin:
        return 'The server does not accept comments from this address.'
      default:
        return close.reason
          ? `The server refused a change from this page: ${close.reason}.`
          : 'The server refused to sync comments and suggestions for you.'
    }
  }
  if (close.code === CloseCode.unauthenticated) return 'Your session has ended.'
  if (close.code === CloseCode.rateLimited)
    return 'Too many changes at once: the server stopped this connection.'
  return close.reason
    ? `The server closed the connection (${close.reason}).`
    : 'The server closed the connection.'
}

export function CommentsClosedNotice({ closed }: { closed: ConnectionClose | null }) {
  if (!closed) return null
  return (
    <div className="comments-closed" role="alert" data-testid="comments-closed">
      <strong>Comments and suggestions are no longer synced.</strong> {commentsCloseMessage(closed)} What you
      write here now is not sent; reload the page to see what you may do.
    </div>
  )
}
