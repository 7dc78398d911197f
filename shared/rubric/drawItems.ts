/**
 * Draws the items of one calibration attempt from a version's pool: items the annotator has not seen the
 * gold of come first; each section gets its minimum share of unseen items; the rest is taken round-robin across
 * section × difficulty strata so an attempt covers the guideline evenly. Seen items fill in only when the
 * pool has too few unseen ones, and are reported so they can be left out of the score.
 */
import type { AttemptSettings, CalibrationExample } from '../schema/rubric'

export interface Draw {
  /** Example ids in the order the attempt presents them. */
  order: string[]
  /** The drawn ids whose gold the annotator has already seen. */
  seenBefore: string[]
}

/** Returns an integer in [0, n). */
export type RandomInt = (n: number) => number

export function shuffle<T>(items: readonly T[], randomInt: RandomInt): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const stratumOf = (e: CalibrationExample) => `${e.sectionId ?? ''}\u0000${e.difficulty}`

/** Takes up to `n` items round-robin across strata (each stratum shuffled), in stratum order of first appearance. */
function roundRobin(items: CalibrationExample[], n: number, randomInt: RandomInt): CalibrationExample[] {
  const strata = new Map<string, CalibrationExample[]>()
  for (const item of shuffle(items, randomInt)) {
    const key = stratumOf(item)
    strata.set(key, [...(strata.get(key) ?? []), item])
  }
  const queues = shuffle([...strata.values()], randomInt)
  const out: CalibrationExample[] = []
  while (out.length < n && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift()
      if (next && out.length < n) out.push(next)
    }
  }
  return out
}

export function drawItems(
  pool: readonly CalibrationExample[],
  settings: AttemptSettings,
  seen: ReadonlySet<string>,
  randomInt: RandomInt,
): Draw {
  const n = Math.min(settings.itemsPerAttempt ?? pool.length, pool.length)
  const chosen = new Set<string>()
  const take = (items: CalibrationExample[], count: number, unseenOnly: boolean) => {
    const free = items.filter((e) => !chosen.has(e.id))
    const fresh = roundRobin(
      free.filter((e) => !seen.has(e.id)),
      count,
      randomInt,
    )
    const filler = unseenOnly
      ? []
      : roundRobin(
          free.filter((e) => seen.has(e.id)),
          count - fresh.length,
          randomInt,
        )
    for (const e of [...fresh, ...filler]) chosen.add(e.id)
  }
  if (settings.minPerSection > 0) {
    const sections = [...new Set(pool.flatMap((e) => (e.sectionId ? [e.sectionId] : [])))]
    for (const section of shuffle(sections, randomInt)) {
      if (chosen.size >= n) break
      take(
        pool.filter((e) => e.sectionId === section),
        Math.min(settings.minPerSection, n - chosen.size),
        true,
      )
    }
  }
  take([...pool], n - chosen.size, false)
  const order = shuffle([...chosen], randomInt)
  return { order, seenBefore: order.filter((id) => seen.has(id)) }
}
