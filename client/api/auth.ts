/** Typed calls to the account endpoints: first-run setup, sign in and out, the profile and sessions. */
import {
  SessionAnswer,
  type SessionInfo,
  SessionList,
  SetupStatus,
  type User,
  UserAnswer,
} from '../../shared/schema/auth'
import { requestJson, requestVoid } from './http'

/**
 * The signed-in user, or null when there is no session. Asks `/api/auth/session`, which answers 200 either
 * way, so a signed-out visitor's console shows no 401 (`/api/auth/me` keeps its 401 for tools).
 */
export async function fetchMe(signal?: AbortSignal): Promise<User | null> {
  return (await requestJson('/api/auth/session', SessionAnswer, { signal, authRedirect: false })).user
}

export async function isSetupNeeded(signal?: AbortSignal): Promise<boolean> {
  return (await requestJson('/api/setup', SetupStatus, { signal, authRedirect: false })).needed
}

export interface NewAccount {
  email: string
  password: string
  name: string
  color: string
}

export async function completeSetup(token: string, account: NewAccount): Promise<User> {
  const body = { token, ...account }
  return (await requestJson('/api/setup', UserAnswer, { method: 'POST', body, authRedirect: false })).user
}

export async function signIn(email: string, password: string): Promise<User> {
  const body = { email, password }
  return (await requestJson('/api/auth/login', UserAnswer, { method: 'POST', body, authRedirect: false }))
    .user
}

export function signOutRequest(): Promise<void> {
  return requestVoid('/api/auth/logout', { method: 'POST', authRedirect: false })
}

export async function updateAccount(changes: { name?: string; color?: string }): Promise<User> {
  return (await requestJson('/api/account', UserAnswer, { method: 'PATCH', body: changes })).user
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return requestVoid('/api/account/password', { method: 'POST', body: { currentPassword, newPassword } })
}

export async function listSessions(signal?: AbortSignal): Promise<SessionInfo[]> {
  return (await requestJson('/api/auth/sessions', SessionList, { signal })).sessions
}

export function endOtherSession(id: string): Promise<void> {
  return requestVoid(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' })
}
