/**
 * The gold edit log as the API returns it (`GET /api/projects/:id/gold-edits`, owners and leads): who
 * changed which example's gold in the draft, one entry per person, example and minute, each slot with its
 * accepted values before the first change and after the last one of that minute (null: no gold), and its
 * rationale likewise when that changed.
 */
import { z } from 'zod'

export const GoldEditSlotChange = z.object({
  /** The slot key: a criterion id, or `<criterionId>@A` / `@B` for a per-response question. */
  slot: z.string(),
  criterionId: z.string(),
  from: z.array(z.unknown()).nullable(),
  to: z.array(z.unknown()).nullable(),
  /** The gold rationale before and after ('' = none), only when it changed. */
  rationale: z.object({ from: z.string(), to: z.string() }).optional(),
})
export type GoldEditSlotChange = z.infer<typeof GoldEditSlotChange>

export const GoldEditEntry = z.object({
  id: z.number(),
  exampleId: z.string(),
  userId: z.string(),
  userName: z.string(),
  /** When the first and the last change of the entry were applied (ISO 8601). */
  firstAt: z.string(),
  lastAt: z.string(),
  changes: z.array(GoldEditSlotChange),
})
export type GoldEditEntry = z.infer<typeof GoldEditEntry>

export const GoldEditList = z.object({ edits: z.array(GoldEditEntry) })
export type GoldEditList = z.infer<typeof GoldEditList>

/** Example ids as the draft makes them (and as seeded or imported examples may carry them). */
export const EXAMPLE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** Entries returned at most per request (and by default). */
export const GOLD_EDIT_LIST_MAX = 500
