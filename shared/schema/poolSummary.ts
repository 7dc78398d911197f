/** What a version's calibration draws from, as the versions list reports it to owners and leads. */
import { z } from 'zod'

export const EXCLUSION_REASONS = ['teaching', 'draft', 'no_gold', 'gold_does_not_fit'] as const

export const PoolSummary = z.object({
  /** Calibration items in the pool. */
  items: z.number().int(),
  /** Items each attempt draws. */
  perAttempt: z.number().int(),
  excluded: z.array(
    z.object({ exampleId: z.string(), title: z.string(), reason: z.enum(EXCLUSION_REASONS) }),
  ),
})
export type PoolSummary = z.infer<typeof PoolSummary>
