/**
 * Websocket close codes and reasons used by the sync server, declared once for client and server.
 * Codes 4400–4499 are permanent for the stock y-websocket client: it stops reconnecting.
 */
export const CloseCode = {
  /** Normal close by the server (e.g. room shut down in tests). */
  normal: 1000,
  /** The user's role changed (e.g. lead → reviewer) or their session ended: reconnect to get the new access. */
  accessChanged: 4000,
  /** An update overlapped or built on changes the server does not hold as sent: reconnect and resync. */
  resyncNeeded: 4001,
  /** The server is shutting down or restarting: reconnect (to this or another instance). */
  goingAway: 1001,
  /** The frame exceeded the hard transport limit (set by `ws` itself, no reason string). */
  transportTooLarge: 1009,
  /** Malformed or truncated frame, text frame, or a message type the server does not accept. */
  badMessage: 4400,
  /** No valid session (not signed in, or the session ended). */
  unauthenticated: 4401,
  /** The user may not open this document. */
  forbidden: 4403,
  /** The document name is invalid or names no document. */
  unknownDocument: 4404,
  /** A single message exceeded the configured size limit. */
  messageTooLarge: 4413,
  /**
   * An update was not a complete Yjs V1 update (V2 encoding, trailing bytes, corrupt structs), its content
   * breaks the document kind's schema, or it writes as a Yjs client id that another account owns.
   */
  badUpdate: 4422,
  /** Too many messages or connections (permanent: the stock client stops reconnecting). */
  rateLimited: 4429,
  /** The server holds as many open documents as it may: reconnect later (the client retries with backoff). */
  tryAgainLater: 1013,
  /** The server could not process the connection (storage failure while loading). */
  internalError: 1011,
} as const

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Human-readable close reasons (kept short: a close reason is at most 123 bytes). */
export const CloseReason = {
  goingAway: 'server shutting down',
  badMessage: 'malformed message',
  textFrame: 'text frames are not supported',
  unknownMessageType: 'unknown message type',
  unknownDocument: 'unknown document',
  unauthenticated: 'sign in required',
  badOrigin: 'origin not allowed',
  noDraftAccess: 'your role cannot open the draft',
  noCommentAccess: 'your role cannot open the draft comments',
  accessRevoked: 'your access to this document was removed',
  accessChanged: 'your role in this project changed',
  sessionEnded: 'your session ended',
  invalidDocName: 'invalid document name',
  messageTooLarge: 'message too large',
  badUpdate: 'invalid update (only complete Yjs V1 updates are accepted)',
  clientIdTaken: 'update writes as a Yjs client id that belongs to another account',
  internalError: 'document could not be loaded',
  unexpectedError: 'internal error',
  sendFailed: 'send failed',
  resyncNeeded: 'update does not match what the server holds now; reconnect to resync',
  tooManyMessages: 'too many messages per second',
  tooManyAccountConnections: 'too many open connections for this account',
  tooManyAddressConnections: 'too many open connections from this address',
  tooManyRooms: 'too many documents open on this server; try again shortly',
} as const
