/**
 * Aggregated logging of refused requests (rate-limited upgrades, unknown documents, failed sign-ins, bad
 * origins, …): instead of one line per refusal, one line per client address and reason per interval with
 * a count, written when the interval ends and at shutdown. Memory is bounded: at most `maxAddresses`
 * (address, reason) pairs are tracked per interval; refusals beyond them are counted in one overflow line.
 */
import { log } from './log'

export interface RefusalLogOptions {
  /** How often the counts are written (and reset). */
  intervalMs: number
  /** Most (address, reason) pairs tracked per interval; further ones go to the overflow count. */
  maxAddresses: number
  /** Where lines go (default: WARN lines of server/log.ts). */
  write?: (message: string, fields: Record<string, unknown>) => void
  /** The clock (tests pass a fake one). */
  now?: () => number
}

/** What a refusal carries besides its address and reason. */
export interface RefusalDetail {
  /** The close code or HTTP status the client got (none for a broken socket). */
  code?: number
  /** What the client asked for (a document name); the first one of the interval is kept as a sample. */
  target?: string
}

interface Tally {
  address: string
  reason: string
  code: number | undefined
  count: number
  sample: string | undefined
}

/** Addresses, reasons and sample names come from the client: keep what is logged short. */
const MAX_FIELD_CHARS = 80
const clip = (value: string) =>
  value.length > MAX_FIELD_CHARS ? `${value.slice(0, MAX_FIELD_CHARS)}…` : value

export const REFUSALS_MESSAGE = 'refusals'
export const OVERFLOW_MESSAGE = 'refusals from further addresses'

export class RefusalLog {
  private tallies = new Map<string, Tally>()
  private overflow = 0
  private overflowReasons = new Set<string>()
  private since: number
  private timer: ReturnType<typeof setInterval> | null = null
  private readonly write: (message: string, fields: Record<string, unknown>) => void
  private readonly now: () => number

  constructor(private readonly options: RefusalLogOptions) {
    this.write = options.write ?? ((message, fields) => log.warn(message, fields))
    this.now = options.now ?? Date.now
    this.since = this.now()
  }

  /** Starts writing the counts every interval (the timer does not keep the process alive). */
  start(): this {
    if (!this.timer) {
      this.timer = setInterval(() => this.flush(), this.options.intervalMs)
      this.timer.unref?.()
    }
    return this
  }

  /** Counts one refusal. */
  record(address: string, reason: string, detail: RefusalDetail): void {
    const key = `${address}\n${reason}`
    const tally = this.tallies.get(key)
    if (tally) {
      tally.count++
      return
    }
    if (this.tallies.size >= this.options.maxAddresses) {
      this.overflow++
      // Reasons are a short fixed list (shared/protocol), so this set stays small.
      this.overflowReasons.add(reason)
      return
    }
    this.tallies.set(key, {
      address: clip(address),
      reason,
      code: detail.code,
      count: 1,
      sample: detail.target === undefined ? undefined : clip(detail.target),
    })
  }

  /** Writes one line per tracked (address, reason) and one for the overflow, then starts a new interval. */
  flush(): void {
    const seconds = Math.max(0, Math.round((this.now() - this.since) / 1000))
    for (const tally of this.tallies.values()) {
      this.write(REFUSALS_MESSAGE, {
        address: tally.address,
        reason: tally.reason,
        ...(tally.code === undefined ? {} : { code: tally.code }),
        count: tally.count,
        seconds,
        ...(tally.sample === undefined ? {} : { sample: tally.sample }),
      })
    }
    if (this.overflow > 0) {
      this.write(OVERFLOW_MESSAGE, {
        count: this.overflow,
        reasons: [...this.overflowReasons].sort(),
        seconds,
        note: `only ${this.options.maxAddresses} address and reason pairs are tracked per interval`,
      })
    }
    this.tallies = new Map()
    this.overflow = 0
    this.overflowReasons = new Set()
    this.since = this.now()
  }

  /** Writes what is pending and stops the timer (at shutdown). */
  close(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.flush()
  }
}
