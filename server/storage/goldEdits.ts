/**
 * The gold edit log's coalescing rule, a domain rule the store applies inside its write transaction: a
 * person's changes to one example's gold join their latest row for that example while that row's minute is
 * open (it began less than a minute before the change); otherwise they start a new row. Within a row each
 * slot keeps the first old value and the latest new value (of the accepted values, and of the rationale).
 */
import { GOLD_EDIT_WINDOW_MS } from './schema'
import type { GoldSlotChange } from './store'

export { GOLD_EDIT_WINDOW_MS }

/** Whether a change made at `at` joins a row whose minute began at `firstAt`. */
export function joinsRow(firstAt: number, at: number): boolean {
  return at < firstAt + GOLD_EDIT_WINDOW_MS
}

/** A row's changes with later ones folded in: per slot the first `from` is kept and the latest `to` taken. */
export function mergeGoldChanges(
  row: readonly GoldSlotChange[],
  later: readonly GoldSlotChange[],
): GoldSlotChange[] {
  const bySlot = new Map(row.map((change) => [change.slot, change]))
  for (const change of later) {
    const earlier = bySlot.get(change.slot)
    const rationale =
      earlier?.rationale && change.rationale
        ? { from: earlier.rationale.from, to: change.rationale.to }
        : (change.rationale ?? earlier?.rationale)
    bySlot.set(change.slot, {
      slot: change.slot,
      from: earlier ? earlier.from : change.from,
      to: change.to,
      ...(rationale ? { rationale } : {}),
    })
  }
  return [...bySlot.values()]
}
