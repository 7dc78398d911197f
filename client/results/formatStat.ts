/** How the results page writes numbers: shares as whole percentages, other statistics to two decimals, intervals as "a–b%" or "a, b". */
import type { DashboardResponse } from '../../shared/schema/dashboard'

type Interval = NonNullable<DashboardResponse['passRateCi']>

export const pct = (v: number) => `${Math.round(v * 100)}%`

export function formatInterval(ci: Interval, percent = true): string {
  if (percent) return `${Math.round(ci.low * 100)}–${Math.round(ci.high * 100)}%`
  // Statistics that can be negative: a comma and a real minus sign, never "-0.25–-0.11".
  const f = (v: number) => v.toFixed(2).replace('-', '−')
  return `${f(ci.low)}, ${f(ci.high)}`
}

/** How an interval was obtained, for a tooltip. */
export function intervalMethod(ci: Interval): string {
  if (ci.replicates > 0)
    return `Bootstrap percentile interval, ${ci.replicates} seeded resamples of the items`
  if (ci.replicates === 0) return 'Exact bootstrap interval of a share (binomial)'
  return 'Wilson score interval (the bootstrap cannot vary a share of 0 % or 100 %)'
}
