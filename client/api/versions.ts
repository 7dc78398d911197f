/** Typed calls to the published-versions endpoints: publish, history, one version, diff, snapshot, read tokens. */
import type { BlockDiff } from '../../shared/diff/guidelineDiff'
import type { RubricChange } from '../../shared/diff/rubricDiff'
import type { Problem } from '../../shared/rubric/problems'
import { VersionDiff as VersionDiffSchema } from '../../shared/schema/diff'
import {
  type Bump,
  CreatedReadToken,
  PublishRefusal,
  type ReadToken,
  ReadTokenList,
  VersionJson,
  VersionList,
  VersionSummary,
} from '../../shared/schema/version'
import { ApiRequestError, requestJson, requestVoid } from './http'

const base = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}`

/** Where a version's exports live (links, not fetches: the browser downloads or opens them). */
export const markdownUrl = (projectId: string, version: string) =>
  `${base(projectId)}/versions/${encodeURIComponent(version)}/markdown`
export const printUrl = (projectId: string, version: string) =>
  `${base(projectId)}/versions/${encodeURIComponent(version)}/print`
export const versionApiUrl = (projectId: string, version: string) =>
  `${base(projectId)}/versions/${encodeURIComponent(version)}`

export function listVersions(projectId: string, signal?: AbortSignal): Promise<VersionSummary[]> {
  return requestJson(`${base(projectId)}/versions`, VersionList, {
    signal,
  }).then((body) => body.versions)
}

export function getVersion(projectId: string, version: string, signal?: AbortSignal): Promise<VersionJson> {
  return requestJson(versionApiUrl(projectId, version), VersionJson, { signal })
}

/** A publish refused because the draft has problems: the server's list of them. */
export class PublishRefused extends Error {
  constructor(
    message: string,
    readonly problems: Problem[],
  ) {
    super(message)
    this.name = 'PublishRefused'
  }
}

export async function publishVersion(
  projectId: string,
  bump: Bump,
  changelog: string,
): Promise<VersionSummary> {
  const response = await fetch(`${base(projectId)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ bump, changelog }),
    credentials: 'same-origin',
  }).catch(() => null)
  if (response?.status === 422) {
    const body: unknown = await response.json().catch(() => null)
    const parsed = PublishRefusal.safeParse(body)
    if (parsed.success) {
      throw new PublishRefused(
        'Publishing was refused: fix these problems in the rubric first.',
        parsed.data.problems as Problem[],
      )
    }
  }
  if (response?.status === 201) {
    const parsed = VersionSummary.safeParse(await response.json().catch(() => null))
    if (parsed.success) return parsed.data
  }
  // Anything else: let the shared client turn it into a readable error (it re-sends nothing: POST is not
  // repeated; the status and body are read from this response).
  if (!response)
    throw new ApiRequestError('Could not reach the server. Check your connection.', 0, 'network_error')
  const body = (await response.json().catch(() => null)) as { message?: unknown; error?: unknown } | null
  const message = typeof body?.message === 'string' ? body.message : `The server answered ${response.status}.`
  throw new ApiRequestError(
    message.charAt(0).toUpperCase() + message.slice(1),
    response.status,
    typeof body?.error === 'string' ? body.error : 'http_error',
  )
}

export interface VersionDiff {
  from: string
  to: string
  guideline: BlockDiff[]
  rubric: RubricChange[]
}

export function getDiff(
  projectId: string,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<VersionDiff> {
  const query = new URLSearchParams({ from, to })
  return requestJson(`${base(projectId)}/diff?${query}`, VersionDiffSchema, { signal }).then(
    (body) => body as unknown as VersionDiff,
  )
}

/** The Yjs state of a version (owners and leads), for restoring it into the draft. */
export async function getSnapshot(projectId: string, version: string): Promise<Uint8Array> {
  const response = await fetch(`${versionApiUrl(projectId, version)}/snapshot`, {
    credentials: 'same-origin',
  })
  if (!response.ok) {
    throw new ApiRequestError(
      `Could not load version ${version} (${response.status}).`,
      response.status,
      'http_error',
    )
  }
  return new Uint8Array(await response.arrayBuffer())
}

export function listTokens(projectId: string, signal?: AbortSignal): Promise<ReadToken[]> {
  return requestJson(`${base(projectId)}/tokens`, ReadTokenList, { signal }).then((body) => body.tokens)
}

export function createToken(projectId: string, name: string): Promise<ReadToken & { token: string }> {
  return requestJson(`${base(projectId)}/tokens`, CreatedReadToken, {
    method: 'POST',
    body: { name },
  })
}

export function revokeToken(projectId: string, tokenId: string): Promise<void> {
  return requestVoid(`${base(projectId)}/tokens/${encodeURIComponent(tokenId)}`, { method: 'DELETE' })
}
