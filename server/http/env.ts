/** The Hono environment of every route: the signed-in user and session, when there is one. */
import type { SessionRecord, UserRecord } from '../storage/store'

export interface AuthState {
  user: UserRecord
  session: SessionRecord
}

export interface AppEnv {
  Variables: { auth: AuthState | null }
}

import type { RateLimitConfig } from '../auth/rateLimit'

/** What route modules need besides the request. */
export interface RouteDeps {
  store: import('../storage/store').Store
  auth: RateLimitConfig & {
    secureCookies: boolean
    /** Base URL for links the server hands out (setup, invites). */
    publicUrl: () => string
  }
  /** Called after a member's role changes or they are removed, so open sockets follow at once. */
  onMembershipChanged(projectId: string, userId: string): void
  /** Called after a session is destroyed, so sockets opened with it close. */
  onSessionEnded(sessionId: string): void
}
