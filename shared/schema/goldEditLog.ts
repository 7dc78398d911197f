/**
 * The gold edit log as the API returns it (`GET /api/projects/:id/gold-edits`, owners and leads): who
 * changed which example's gold in the draft, one entry per person, example and minute, each slot with its
 * accepted values before the first change and after the last one of that minute (null: no gold).
 */
export interface GoldEditSlotChange {
  /** The slot key: a criterion id, or `<criterionId>@A` / `@B` for a per-response question. */
  slot: string
  criterionId: string
  from: unknown[] | null
  to: unknown[] | null
}

export interface GoldEditEntry {
  id: number
  exampleId: string
  userId: string
  userName: string
  /** When the first and the last change of the entry were applied (ISO 8601). */
  firstAt: string
  lastAt: string
  changes: GoldEditSlotChange[]
}

export interface GoldEditList {
  edits: GoldEditEntry[]
}

/** Example ids as the draft makes them (and as seeded or imported examples may carry them). */
export const EXAMPLE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** Entries returned at most per request (and by default). */
export const GOLD_EDIT_LIST_MAX = 500
