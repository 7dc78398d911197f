/**
 * Whether an annotator could read gold before answering: anyone who ever held a role that opens the live
 * draft (owner, lead, reviewer) on the project received every gold value on the draft socket, so their
 * attempts are recorded not blind (invariant 8). Items seen in earlier attempts are handled by the draw.
 */
import { can } from '../../shared/auth/permissions'
import type { Store } from '../storage/store'

export async function couldReadDraft(store: Store, projectId: string, userId: string): Promise<boolean> {
  return (await store.rolesHeld(projectId, userId)).some((role) => can(role, 'draft.read'))
}
