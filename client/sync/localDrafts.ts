/**
 * Names of the IndexedDB copies of drafts kept on this device, one per user and project, so two people sharing
 * a browser never see each other's local copies; signing out deletes the signed-out user's copies.
 */
const PREFIX = 'yardstick-draft-'

export function localDraftName(userId: string, projectId: string): string {
  return `${PREFIX}${userId}-${projectId}`
}

/** Deletes every local draft copy of `userId`; copies still open are deleted once they close. */
export async function forgetLocalDrafts(userId: string): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return
  try {
    const databases = await indexedDB.databases()
    for (const { name } of databases) {
      if (name?.startsWith(`${PREFIX}${userId}-`)) indexedDB.deleteDatabase(name)
    }
  } catch {
    // Storage may be unavailable (private mode); there is nothing to delete then.
  }
}
