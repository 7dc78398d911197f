/**
 * Who is reading a published version: a signed-in member (gold only for owners and leads) or a tool holding
 * the project's read token in an `Authorization: Bearer` header (never gold, never in the URL).
 */
import type { Context } from 'hono'
import { can } from '../../shared/auth/permissions'
import type { AppEnv } from '../http/env'
import { ApiFailure } from '../http/errors'
import type { Store } from '../storage/store'
import { authorize } from './access'
import { hashToken } from './tokens'

export interface VersionReader {
  includeGold: boolean
  /** Whether held-out calibration items may be shown (owners, leads, reviewers — never annotators or tokens). */
  seesHeldOut: boolean
  /**
   * Whether a response may be cached as immutable: only for read tokens, whose variant never changes. A
   * member's role can change (an annotator promoted to lead must then see gold), so members revalidate.
   */
  cacheForever: boolean
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
    return { includeGold: false, seesHeldOut: false, cacheForever: true }
  }
  const { role } = await authorize(c, store, projectId, 'versions.view')
  const includeGold = can(role, 'versions.gold')
  return { includeGold, seesHeldOut: can(role, 'draft.read'), cacheForever: false }
}
