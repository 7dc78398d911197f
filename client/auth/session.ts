/**
 * The signed-in user as a small external store: loaded once from `GET /api/auth/session`, set by sign in, setup and
 * invite sign-up, and cleared by sign out or by any 401 (which remembers the page to come back to).
 */
import { useSyncExternalStore } from 'react'
import type { User } from '../../shared/schema/auth'
import { fetchMe, signOutRequest } from '../api/auth'
import { errorMessage, setUnauthenticatedHandler } from '../api/http'
import { currentLocation, matchRoute, navigate, PUBLIC_ROUTES } from '../app/router'
import { forgetLocalDrafts } from '../sync/localDrafts'
import { rememberReturn } from './returnTo'

export type SessionState =
  | { status: 'loading' }
  /** `reason`: why a session ended while the app was open, shown on the sign-in page. */
  | { status: 'signedOut'; reason?: string }
  | { status: 'signedIn'; user: User }
  | { status: 'error'; message: string }

let state: SessionState = { status: 'loading' }
/** The last signed-in user, so views that are being torn down after a sign-out still render. */
let lastUser: User | null = null
const listeners = new Set<() => void>()

function set(next: SessionState): void {
  state = next
  if (next.status === 'signedIn') lastUser = next.user
  for (const listener of listeners) listener()
}

export function getSession(): SessionState {
  return state
}

export function loadSession(): void {
  set({ status: 'loading' })
  fetchMe().then(
    (user) => set(user ? { status: 'signedIn', user } : { status: 'signedOut' }),
    (error: unknown) => set({ status: 'error', message: errorMessage(error) }),
  )
}

export function setSignedIn(user: User): void {
  set({ status: 'signedIn', user })
}

/** Why a session ended, as the sign-in page says it. */
export const SessionEndReason = {
  expired: 'Your session has ended. Sign in again to continue where you were.',
  signedOutElsewhere: 'You were signed out from another device. Sign in again to continue where you were.',
} as const

/**
 * The session ended elsewhere (expired, signed out on another device): sign in, then come back here. The
 * sign-in page says why; drafts edited meanwhile stay on this device and sync once signed in again.
 */
export function sessionEnded(reason: string = SessionEndReason.expired): void {
  if (state.status === 'signedOut') return
  const route = matchRoute(window.location.pathname)
  if (!PUBLIC_ROUTES.has(route.name)) {
    rememberReturn(currentLocation())
    navigate('/signin', { replace: true })
  }
  set({ status: 'signedOut', reason })
}

/** Signs out on the server, forgets this user's local draft copies and shows the sign-in page (or `to`). */
export async function signOut(to = '/signin'): Promise<void> {
  const userId = state.status === 'signedIn' ? state.user.id : null
  await signOutRequest()
  navigate(to)
  set({ status: 'signedOut' })
  if (userId) await forgetLocalDrafts(userId)
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, getSession)
}

/** The signed-in user; only for components rendered behind the sign-in gate. */
export function useUser(): User {
  const session = useSession()
  if (session.status === 'signedIn') return session.user
  if (lastUser) return lastUser
  throw new Error('useUser() outside the signed-in part of the app')
}

setUnauthenticatedHandler(() => sessionEnded())
