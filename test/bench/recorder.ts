/** Collects edit-to-arrival latencies in one worker process: a growable Float64Array plus bookkeeping. */
import { benchNow } from './clock'

export class LatencyRecorder {
  recording = false
  reconnects = 0
  lastArrivalAt = 0
  private samples = new Float64Array(1 << 16)
  private sentAts = new Float64Array(1 << 16)
  private count = 0

  add(sentAt: number): void {
    if (!this.recording) return
    const now = benchNow()
    this.lastArrivalAt = now
    if (this.count === this.samples.length) {
      this.samples = grow(this.samples)
      this.sentAts = grow(this.sentAts)
    }
    this.sentAts[this.count] = sentAt
    this.samples[this.count++] = now - sentAt
  }

  get size(): number {
    return this.count
  }

  /** Returns the latencies so far, and the send time of each, and starts afresh. */
  take(): { samples: Float64Array; sentAts: Float64Array } {
    const taken = { samples: this.samples.slice(0, this.count), sentAts: this.sentAts.slice(0, this.count) }
    this.count = 0
    return taken
  }
}

function grow(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(array.length * 2)
  grown.set(array)
  return grown
}
