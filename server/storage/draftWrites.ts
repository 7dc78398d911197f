/**
 * A project's "updated" time follows edits of its draft: when updates to a draft are appended, the store sets
 * the project's `updated_at` in the same transaction — at most once a minute per project. This process
 * remembers when it last touched each project, so most appends skip the statement entirely (the hot path is
 * unchanged); the condition `updated_at < before` keeps several instances from writing more often.
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

/**
 * The projects to touch for these updates: drafts among them that this process has not touched within
 * TOUCH_EVERY_MS (`recent`, updated here, holds when it last did).
 */
export function draftWriteTouch(
  updates: UpdateToAppend[],
  recent: Map<string, number>,
  now = Date.now(),
): DraftWriteTouch {
  const projectIds = new Set<string>()
  for (const update of updates) {
    const parsed = parseDocName(update.doc)
    if (parsed?.kind !== 'draft' || projectIds.has(parsed.projectId)) continue
    if (now - (recent.get(parsed.projectId) ?? Number.NEGATIVE_INFINITY) < TOUCH_EVERY_MS) continue
    recent.set(parsed.projectId, now)
    projectIds.add(parsed.projectId)
  }
  return {
    projectIds: [...projectIds],
    at: new Date(now).toISOString(),
    before: new Date(now - TOUCH_EVERY_MS).toISOString(),
  }
}
