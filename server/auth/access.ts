/**
 * The one permission check, used by every HTTP route and by the sync upgrade: who is asking, what is their
 * role in the project, and may that role do this. Non-members get "not found", so ids leak nothing.
 */
import type { Context } from 'hono'
import { can, type Permission, type Role, roleWithArticle } from '../../shared/auth/permissions'
import type { AppEnv, AuthState } from '../appEnv'
import { ApiFailure } from '../failure'
import type { AccountStore, ProjectStore } from '../storage/store'

export type AccessDecision =
  | { ok: true; role: Role }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'forbidden'; role: Role }

export async function decideAccess(
  store: AccountStore & ProjectStore,
  userId: string,
  projectId: string,
  permission: Permission,
): Promise<AccessDecision> {
  const role = await store.getRole(projectId, userId)
  if (!role) return { ok: false, reason: 'not_found' }
  if (!can(role, permission)) return { ok: false, reason: 'forbidden', role }
  return { ok: true, role }
}

export function requireUser(c: Context<AppEnv>): AuthState {
  const auth = c.get('auth')
  if (!auth) throw new ApiFailure(401, 'unauthenticated', 'sign in first')
  return auth
}

/** The caller's role in the project, or a thrown 401 / 404 / 403. */
export async function authorize(
  c: Context<AppEnv>,
  store: AccountStore & ProjectStore,
  projectId: string,
  permission: Permission,
): Promise<{ auth: AuthState; role: Role }> {
  const auth = requireUser(c)
  const decision = await decideAccess(store, auth.user.id, projectId, permission)
  if (decision.ok) return { auth, role: decision.role }
  if (decision.reason === 'not_found') throw new ApiFailure(404, 'not_found', 'project not found')
  throw new ApiFailure(403, 'forbidden', `${roleWithArticle(decision.role)} cannot do this`)
}
