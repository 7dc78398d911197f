/** Human-friendly timestamps: "just now", "5 minutes ago", "yesterday", then a plain date. */

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' })

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return 'unknown'
  const elapsed = now - time
  if (elapsed < MINUTE) return 'just now'
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute')
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour')
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day')
  return dateOnly.format(time)
}

export function formatFullTime(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : full.format(time)
}
