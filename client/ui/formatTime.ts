/** Human-friendly timestamps: "just now", "5 minutes ago", "in 3 days", "yesterday", then a plain date. */

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' })

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Past times read "5 minutes ago", future ones "in 3 days"; beyond a week (either way) a date. */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return 'unknown'
  const elapsed = now - time
  const sign = elapsed < 0 ? 1 : -1
  const distance = Math.abs(elapsed)
  if (distance < MINUTE) return elapsed < 0 ? 'in less than a minute' : 'just now'
  if (distance < HOUR) return relative.format(sign * Math.floor(distance / MINUTE), 'minute')
  if (distance < DAY) return relative.format(sign * Math.floor(distance / HOUR), 'hour')
  if (distance < 8 * DAY) return relative.format(sign * Math.round(distance / DAY), 'day')
  return elapsed < 0 ? `on ${dateOnly.format(time)}` : dateOnly.format(time)
}

export function formatFullTime(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : full.format(time)
}
