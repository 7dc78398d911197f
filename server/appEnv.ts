/**
 * The request context every layer may read: the signed-in user and session, when there is one (set by
 * `auth/sessions.ts`, read by routes and by the permission checks in `auth/`).
 */
import type { SessionRecord, UserRecord } from './storage/store'

export interface AuthState {
  user: UserRecord
  session: SessionRecord
}

export interface AppEnv {
  Variables: { auth: AuthState | null }
}
