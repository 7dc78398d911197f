/**
 * Limits on what one client can make the sync server do: connections per account and per client address,
 * messages per second per connection (a token bucket), and documents open in memory. Each exceeded limit is
 * a close code and reason from shared/protocol/closeCodes.ts.
 */
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'

export interface SyncLimitConfig {
  messagesPerSecond: number
  /** Messages a connection may send at once before the per-second rate applies. */
  messageBurst: number
  connectionsPerAccount: number
  connectionsPerAddress: number
  openRooms: number
}

export type Refusal = { code: number; reason: string }

/** Counts open sockets per account and per address; `admit` hands back the release for the socket's close. */
export class ConnectionCounts {
  private readonly perAccount = new Map<string, number>()
  private readonly perAddress = new Map<string, number>()

  constructor(private readonly config: SyncLimitConfig) {}

  admit(accountId: string, address: string): { refuse: Refusal } | { release: () => void } {
    if ((this.perAccount.get(accountId) ?? 0) >= this.config.connectionsPerAccount)
      return { refuse: { code: CloseCode.rateLimited, reason: CloseReason.tooManyAccountConnections } }
    if ((this.perAddress.get(address) ?? 0) >= this.config.connectionsPerAddress)
      return { refuse: { code: CloseCode.rateLimited, reason: CloseReason.tooManyAddressConnections } }
    increment(this.perAccount, accountId, 1)
    increment(this.perAddress, address, 1)
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        increment(this.perAccount, accountId, -1)
        increment(this.perAddress, address, -1)
      },
    }
  }
}

function increment(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by
  if (next <= 0) counts.delete(key)
  else counts.set(key, next)
}

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class MessageRate {
  private tokens: number
  private last = performance.now()

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst
  }

  allow(now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond)
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
