/**
 * Who may read a blob of a project (the serving rule). Only blobs in the project's media catalogue (uploaded
 * to it, or seeded from its template) are served at all: a hash copied from another project into this one's
 * draft or version does not open that project's bytes. Members who may read the draft (owners, leads,
 * reviewers): every such blob. Annotators: a blob referenced by what they can already read — the annotator
 * variant of a published version (no held-out item, gold only of teaching examples), the items of their own
 * attempts without gold, and once submitted the feedback of that attempt (gold rationales included). So a
 * gold-only image is never readable before they submit. Read tokens: the annotator variant of the project's
 * versions. Anyone else is told the blob does not exist (404); the anonymous are asked to sign in (401).
 */
import type { Context } from 'hono'
import { can } from '../../shared/auth/permissions'
import { collectMediaHashes } from '../../shared/media/mediaRefs'
import type { VersionJson } from '../../shared/schema/version'
import type { AppEnv } from '../appEnv'
import { requireUser } from '../auth/access'
import { hashToken } from '../auth/tokens'
import { attemptItems } from '../calibration/attempts'
import { ApiFailure } from '../failure'
import { annotatorContent } from '../publish/audienceVariant'
import { withoutGold } from '../publish/buildVersion'
import type { Store } from '../storage/store'

export type MediaReader =
  | { kind: 'member'; userId: string; readsDraft: boolean }
  /** `gold`: the token has the gold scope, so it reads whole versions (held-out items too), like a lead. */
  | { kind: 'token'; gold: boolean }

const notFound = () => new ApiFailure(404, 'not_found', 'media not found')

/** Who is asking (a session, else a read token in `Authorization: Bearer`), or a thrown 401 / 404. */
export async function mediaReader(c: Context<AppEnv>, store: Store, projectId: string): Promise<MediaReader> {
  const header = c.req.header('authorization')
  if (header && !c.get('auth')) {
    const match = /^Bearer\s+(\S{10,200})$/i.exec(header)
    const token = match ? await store.redeemReadToken(hashToken(match[1]!)) : null
    if (!token) throw new ApiFailure(401, 'invalid_token', 'the read token is invalid or has been revoked')
    if (token.projectId !== projectId) throw notFound()
    return { kind: 'token', gold: token.scopes.includes('gold') }
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
  if (!(await store.getMedia(projectId, hash))) return false
  if (reader.kind === 'member' && reader.readsDraft) return true
  if (await versionsReference(store, projectId, hash)) return true
  if (reader.kind === 'token')
    return reader.gold && (await versionsReference(store, projectId, hash, 'whole'))
  return attemptsShow(store, projectId, reader.userId, hash)
}

/** Recently read versions, parsed (a published version never changes), and the hashes their annotator variants reference. */
const parsedVersions = new Map<string, VersionJson>()
const versionHashes = new Map<string, Set<string>>()
const CACHE_LIMIT = 200

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!)
  cache.set(key, value)
  return value
}

/** A published version's JSON, parsed once per process while it stays among the recent ones; null if absent. */
async function versionJson(
  store: Store,
  projectId: string,
  versionName: string,
): Promise<VersionJson | null> {
  const key = `${projectId}\u0000${versionName}`
  const hit = parsedVersions.get(key)
  if (hit) return hit
  const stored = await store.getVersion(projectId, versionName)
  return stored ? remember(parsedVersions, key, JSON.parse(stored.json) as VersionJson) : null
}

/** The hashes a version's annotator variant (or the whole version) references (found without rendering it). */
async function hashesOf(
  store: Store,
  projectId: string,
  versionName: string,
  variant: 'annotator' | 'whole',
): Promise<Set<string>> {
  const key = `${projectId}\u0000${versionName}\u0000${variant}`
  const hit = versionHashes.get(key)
  if (hit) return hit
  const version = await versionJson(store, projectId, versionName)
  if (!version) return new Set()
  const { examples, doc } =
    variant === 'whole' ? { examples: version.examples, doc: null } : annotatorContent(version)
  return remember(versionHashes, key, collectMediaHashes([examples, doc ?? version.guideline.doc]))
}

async function versionsReference(
  store: Store,
  projectId: string,
  hash: string,
  variant: 'annotator' | 'whole' = 'annotator',
): Promise<boolean> {
  for (const { version } of await store.listVersions(projectId)) {
    if ((await hashesOf(store, projectId, version, variant)).has(hash)) return true
  }
  return false
}

/** The quiz items of the annotator's attempts (without gold) and the feedback of the submitted ones. */
async function attemptsShow(store: Store, projectId: string, userId: string, hash: string): Promise<boolean> {
  for (const attempt of await store.listAttempts(projectId, userId)) {
    if (attempt.status === 'submitted' && collectMediaHashes(attempt.result).has(hash)) return true
    const version = await versionJson(store, projectId, attempt.version)
    if (!version) continue
    const items = attemptItems(attempt, version).map(withoutGold)
    if (collectMediaHashes(items).has(hash)) return true
  }
  return false
}
