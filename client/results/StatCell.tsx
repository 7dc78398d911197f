/**
 * One statistic in a table cell: its value with the 95 % interval [low–high] and n beneath, or "undefined" /
 * "not scored" with the reason as a tooltip — never a number. `n/a` when the statistic does not apply.
 */
import type { Estimate } from '../../shared/schema/dashboard'
import { formatInterval, intervalMethod } from './formatStat'

export function StatCell({
  estimate,
  percent = false,
  note,
}: {
  estimate: Estimate | null
  percent?: boolean
  note?: string
}) {
  if (!estimate)
    return (
      <td className="stat stat--na" title="Not applicable to this kind of criterion">
        n/a
      </td>
    )
  const { stat, ci } = estimate
  if (!stat.defined && stat.reason === 'not_applicable')
    return (
      <td className="stat stat--na" title={stat.message}>
        n/a <span className="stat__ci">{stat.message}</span>
      </td>
    )
  if (!stat.defined) {
    const notScored = stat.message.startsWith('not scored')
    return (
      <td
        className="stat stat--undefined"
        data-testid={notScored ? 'stat-not-scored' : 'stat-undefined'}
        title={`${stat.message} (n = ${stat.n})`}
      >
        {notScored ? 'not scored' : 'undefined'}
        {note && <span className="stat__note"> {note}</span>}
      </td>
    )
  }
  return (
    <td className="stat" data-testid="stat-value">
      {percent ? `${Math.round(stat.value * 100)}%` : stat.value.toFixed(2)}
      {note && <span className="stat__note"> {note}</span>}
      <span
        className="stat__ci"
        data-testid="stat-ci"
        title={ci ? intervalMethod(ci) : 'Fewer than two items: nothing to resample'}
      >
        {ci ? `[${formatInterval(ci, percent)}]` : 'no CI'}
      </span>
      <span className="stat__ci">n = {stat.n}</span>
    </td>
  )
}
