/** Typed calls to the account endpoints: first-run setup, sign in and out, the profile and sessions. */
import { z } from 'zod'
import { SessionInfo, SetupStatus, User } from '../../shared/schema/auth'
import { ApiRequestError, requestJson, requestVoid } from './http'

const UserAnswer = z.object({ user: User })
const SessionList = z.object({ sessions: z.array(SessionInfo) })

/** The signed-in user, or null when there is no session (a 401 here is an answer, not an error). */
export async function fetchMe(signal?: AbortSignal): Promise<User | null> {
  try {
    return (await requestJson('/api/auth/me', UserAnswer, { signal, authRedirect: false })).user
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return null
    throw error
  }
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
