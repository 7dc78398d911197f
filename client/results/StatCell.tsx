/** One agreement statistic in a table cell: its value, or "undefined" with the reason as a tooltip — never a number. */
import type { Statistic } from '../../shared/stats/result'

export function StatCell({
  stat,
  percent = false,
  note,
}: {
  stat: Statistic | null
  percent?: boolean
  note?: string
}) {
  if (!stat)
    return (
      <td className="stat stat--na" title="Not applicable to this kind of criterion">
        n/a
      </td>
    )
  if (!stat.defined) {
    return (
      <td
        className="stat stat--undefined"
        data-testid="stat-undefined"
        title={`${stat.message} (n = ${stat.n})`}
      >
        undefined
        {note && <span className="stat__note"> {note}</span>}
      </td>
    )
  }
  return (
    <td className="stat" title={`n = ${stat.n}`}>
      {percent ? `${Math.round(stat.value * 100)}%` : stat.value.toFixed(2)}
      {note && <span className="stat__note"> {note}</span>}
    </td>
  )
}
