/**
 * A per-process cache for the calibration dashboard: one computed value per (project, version) slot, kept
 * while its key — what the database says cheaply about the inputs (the submitted-attempts stamp, the member
 * names) — is unchanged. A submission, a re-score or a rename on any instance changes the key that every
 * instance reads on its next request, so no instance serves a stale dashboard; a new version is a new slot.
 * Concurrent requests for the same key share one computation. Bounded (least recently used slots go first).
 */

export class KeyedCache<T> {
  private readonly slots = new Map<string, { key: string; value: Promise<T> }>()

  constructor(private readonly maxSlots = 64) {}

  /** The value for `slot` computed under `key`, computing it (once, even when asked concurrently) if needed. */
  get(slot: string, key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.slots.get(slot)
    if (hit && hit.key === key) {
      this.slots.delete(slot)
      this.slots.set(slot, hit)
      return hit.value
    }
    const value = compute()
    const entry = { key, value }
    this.slots.delete(slot)
    this.slots.set(slot, entry)
    // A failed computation is not remembered.
    value.catch(() => {
      if (this.slots.get(slot) === entry) this.slots.delete(slot)
    })
    while (this.slots.size > this.maxSlots) this.slots.delete(this.slots.keys().next().value as string)
    return value
  }

  get size(): number {
    return this.slots.size
  }
}
