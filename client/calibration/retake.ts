/** When a failed annotator may retake calibration: their last submission plus the project's cool-down. */
import { useEffect, useState } from 'react'

export function retakeAt(submittedAt: string | null, cooldownMinutes: number): string | null {
  if (!submittedAt) return null
  return new Date(Date.parse(submittedAt) + cooldownMinutes * 60_000).toISOString()
}

/** The current time, ticking every `ms` (for "you can retake at …" turning into a button). */
export function useNow(ms = 10_000): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms)
    return () => window.clearInterval(timer)
  }, [ms])
  return now
}

export function formatClock(iso: string): string {
  const date = new Date(iso)
  const sameDay = date.toDateString() === new Date().toDateString()
  return date.toLocaleString(
    undefined,
    sameDay ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'medium', timeStyle: 'short' },
  )
}
