/**
 * Who is reading a published version: a signed-in member (gold only for owners and leads) or a tool holding
 * the project's read token in an `Authorization: Bearer` header (gold only with the token's `gold` scope,
 * never in the URL), and how
 * long a response may be reused without asking again.
 */
import type { Context } from 'hono'
import { can } from '../../shared/auth/permissions'
import type { AppEnv } from '../appEnv'
import { ApiFailure } from '../failure'
import type { Store } from '../storage/store'
import { authorize } from './access'
import { hashToken } from './tokens'

/**
 * Cache-Control of every version response (JSON, Markdown, printable page, snapshot). A version's bytes never
 * change, but every way to read them can be taken away: a member removed or their role changed (an annotator
 * promoted to lead must then see gold, a lead demoted must stop seeing it), a session ended, a read token
 * revoked. So nothing is `immutable`: caches keep the bytes and revalidate on each use with the ETag, the
 * server authorizes the request before it answers 304, and a reader who lost access gets 401/403/404.
 */
export const VERSION_CACHE_CONTROL = 'private, no-cache'

export interface VersionReader {
  includeGold: boolean
  /** Whether held-out calibration items may be shown (owners, leads, reviewers — never annotators or tokens). */
  seesHeldOut: boolean
}

export async function authorizeVersionRead(
  c: Context<AppEnv>,
  store: Store,
  projectId: string,
): Promise<VersionReader> {
  const header = c.req.header('authorization')
  if (header && !c.get('auth')) {
    const match = /^Bearer\s+(\S{10,200})$/i.exec(header)
    const token = match ? await store.redeemReadToken(hashToken(match[1]!)) : null
    if (!token) throw new ApiFailure(401, 'invalid_token', 'the read token is invalid or has been revoked')
    if (token.projectId !== projectId) throw new ApiFailure(404, 'not_found', 'project not found')
    // Gold only with the `gold` scope; held-out items stay with the people who run calibration.
    return { includeGold: token.scopes.includes('gold'), seesHeldOut: false }
  }
  const { role } = await authorize(c, store, projectId, 'versions.view')
  return { includeGold: can(role, 'versions.gold'), seesHeldOut: can(role, 'draft.read') }
}
