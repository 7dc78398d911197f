/** A published version's JSON by number, or the latest when no number is given (404 when there is none). */
import type { VersionJson } from '../../shared/schema/version'
import { notFound } from '../failure'
import type { Store } from '../storage/store'

export async function loadVersionJson(
  store: Store,
  projectId: string,
  version?: string,
): Promise<VersionJson> {
  const stored = version ? await store.getVersion(projectId, version) : await store.latestVersion(projectId)
  if (!stored) throw notFound(version ? `version ${version}` : 'published version')
  return JSON.parse(stored.json) as VersionJson
}
