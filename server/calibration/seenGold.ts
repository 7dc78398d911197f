/**
 * Which examples' gold an annotator could already read, so that answering them again is not blind: those in
 * their other submitted attempts in the project (the feedback showed gold), and those any published version
 * showed to everyone as teaching examples (gold in the guideline) — an example later turned into a held-out
 * calibration item keeps that history.
 */
import type { CalibrationExample } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import type { AttemptRecord, Store } from '../storage/store'
import { seenExampleIds } from './attempts'

/** Example ids published as teaching examples in any version of the project. */
async function publishedTeachingIds(store: Store, projectId: string): Promise<string[]> {
  const ids: string[] = []
  for (const { version } of await store.listVersions(projectId)) {
    const stored = await store.getVersion(projectId, version)
    if (!stored) continue
    const examples = (JSON.parse(stored.json) as VersionJson).examples as CalibrationExample[]
    for (const example of examples) if (example.role === 'teaching') ids.push(example.id)
  }
  return ids
}

/** `attempts` are the annotator's attempts in the project; `except` is the attempt being answered. */
export async function seenGold(
  store: Store,
  projectId: string,
  attempts: AttemptRecord[],
  except?: string,
): Promise<Set<string>> {
  const seen = seenExampleIds(attempts, except)
  for (const id of await publishedTeachingIds(store, projectId)) seen.add(id)
  return seen
}
