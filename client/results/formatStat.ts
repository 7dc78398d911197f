/** How the results page writes numbers: shares as whole percentages, other statistics to two decimals, intervals as "a–b". */
import type { DashboardResponse } from '../../shared/schema/dashboard'

type Interval = NonNullable<DashboardResponse['passRateCi']>

export const pct = (v: number) => `${Math.round(v * 100)}%`

export function formatInterval(ci: Interval, percent = true): string {
  const f = (v: number) => (percent ? `${Math.round(v * 100)}` : v.toFixed(2))
  return `${f(ci.low)}–${f(ci.high)}${percent ? '%' : ''}`
}

/** How an interval was obtained, for a tooltip. */
export function intervalMethod(ci: Interval): string {
  if (ci.replicates > 0)
    return `Bootstrap percentile interval, ${ci.replicates} seeded resamples of the items`
  if (ci.replicates === 0) return 'Exact bootstrap interval of a share (binomial)'
  return 'Wilson score interval (the bootstrap cannot vary a share of 0 % or 100 %)'
}
