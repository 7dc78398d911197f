/**
 * A project's "updated" time follows edits of its draft: when updates to a draft are appended, both adapters
 * set the project's `updated_at` in the same transaction — at most once a minute per project (the condition
 * `updated_at < before` makes the other appends a no-op read), so the write path gains no extra row writes.
 */
import { parseDocName } from '../../shared/protocol/docNames'
import type { UpdateToAppend } from './store'

/** How stale `updated_at` may get while a draft is being edited. */
export const TOUCH_EVERY_MS = 60_000

export interface DraftWriteTouch {
  /** Projects whose draft is among the updates. */
  projectIds: string[]
  /** The new `updated_at`. */
  at: string
  /** Only projects last updated before this are touched. */
  before: string
}

export function draftWriteTouch(updates: UpdateToAppend[], now = Date.now()): DraftWriteTouch {
  const projectIds = new Set<string>()
  for (const update of updates) {
    const parsed = parseDocName(update.doc)
    if (parsed?.kind === 'draft') projectIds.add(parsed.projectId)
  }
  return {
    projectIds: [...projectIds],
    at: new Date(now).toISOString(),
    before: new Date(now - TOUCH_EVERY_MS).toISOString(),
  }
}
