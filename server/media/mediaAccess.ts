/**
 * Who may read a blob of a project (the serving rule). Members who may read the draft (owners, leads,
 * reviewers): a blob uploaded to the project (its media catalogue), or referenced by any of its published
 * versions or by its draft. Annotators: a blob referenced by what they can already read — the annotator
 * variant of a published version (no held-out item, gold only of teaching examples), the items of their own
 * attempts without gold, and once submitted the feedback of that attempt (gold rationales included). So a
 * gold-only image is never readable before they submit. Read tokens: the annotator variant of the project's
 * versions. Anyone else is told the blob does not exist (404); the anonymous are asked to sign in (401).
 */
import type { Context } from 'hono'
import { can } from '../../shared/auth/permissions'
import { collectMediaHashes, mediaHashesInDraft } from '../../shared/media/mediaRefs'
import { draftDocName } from '../../shared/protocol/docNames'
import type { VersionJson } from '../../shared/schema/version'
import type { AppEnv } from '../appEnv'
import { requireUser } from '../auth/access'
import { hashToken } from '../auth/tokens'
import { attemptItems } from '../calibration/attempts'
import { ApiFailure } from '../failure'
import { type Audience, variantFor } from '../publish/audienceVariant'
import { withoutGold } from '../publish/buildVersion'
import type { Store, StoredVersion } from '../storage/store'
import { loadDoc } from '../sync/storedDoc'

export type MediaReader = { kind: 'member'; userId: string; readsDraft: boolean } | { kind: 'token' }

const notFound = () => new ApiFailure(404, 'not_found', 'media not found')

/** Who is asking (a session, else a read token in `Authorization: Bearer`), or a thrown 401 / 404. */
export async function mediaReader(c: Context<AppEnv>, store: Store, projectId: string): Promise<MediaReader> {
  const header = c.req.header('authorization')
  if (header && !c.get('auth')) {
    const match = /^Bearer\s+(\S{10,200})$/i.exec(header)
    const token = match ? await store.redeemReadToken(hashToken(match[1]!)) : null
    if (!token) throw new ApiFailure(401, 'invalid_token', 'the read token is invalid or has been revoked')
    if (token.projectId !== projectId) throw notFound()
    return { kind: 'token' }
  }
  const auth = requireUser(c)
  const role = await store.getRole(projectId, auth.user.id)
  if (!role) throw notFound()
  return { kind: 'member', userId: auth.user.id, readsDraft: can(role, 'draft.read') }
}

/** Throws 404 unless `reader` may read blob `hash` of the project. */
export async function assertMayReadMedia(
  store: Store,
  projectId: string,
  hash: string,
  reader: MediaReader,
): Promise<void> {
  if (!(await mayReadMedia(store, projectId, hash, reader))) throw notFound()
}

export async function mayReadMedia(
  store: Store,
  projectId: string,
  hash: string,
  reader: MediaReader,
): Promise<boolean> {
  if (reader.kind === 'member' && reader.readsDraft) {
    if (await store.getMedia(projectId, hash)) return true
    if (await versionsReference(store, projectId, hash, 'gold')) return true
    return mediaHashesInDraft((await loadDoc(store, draftDocName(projectId))).doc).has(hash)
  }
  if (await versionsReference(store, projectId, hash, 'annotator')) return true
  if (reader.kind === 'token') return false
  return attemptsShow(store, projectId, reader.userId, hash)
}

/** Hashes each version variant references, kept for recent versions (a published version never changes). */
const versionHashes = new Map<string, Set<string>>()
const CACHE_LIMIT = 500

function hashesOf(stored: StoredVersion, audience: Audience): Set<string> {
  const key = `${stored.projectId}\u0000${stored.version}\u0000${audience}`
  const hit = versionHashes.get(key)
  if (hit) return hit
  const hashes = collectMediaHashes(variantFor(JSON.parse(stored.json) as VersionJson, audience))
  if (versionHashes.size >= CACHE_LIMIT) versionHashes.delete(versionHashes.keys().next().value!)
  versionHashes.set(key, hashes)
  return hashes
}

async function versionsReference(
  store: Store,
  projectId: string,
  hash: string,
  audience: Audience,
): Promise<boolean> {
  for (const { version } of await store.listVersions(projectId)) {
    const stored = await store.getVersion(projectId, version)
    if (stored && hashesOf(stored, audience).has(hash)) return true
  }
  return false
}

/** The quiz items of the annotator's attempts (without gold) and the feedback of the submitted ones. */
async function attemptsShow(store: Store, projectId: string, userId: string, hash: string): Promise<boolean> {
  for (const attempt of await store.listAttempts(projectId, userId)) {
    if (attempt.status === 'submitted' && collectMediaHashes(attempt.result).has(hash)) return true
    const stored = await store.getVersion(projectId, attempt.version)
    if (!stored) continue
    const items = attemptItems(attempt, JSON.parse(stored.json) as VersionJson).map(withoutGold)
    if (collectMediaHashes(items).has(hash)) return true
  }
  return false
}
