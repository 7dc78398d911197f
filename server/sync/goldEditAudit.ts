/**
 * The gold edit log's eyes on a draft room: a watcher keeps each example's gold (accepted values and
 * rationale per slot key) as it was after the last change and, when an update from a socket changes it,
 * reports who changed what; a recorder batches the reports and writes them to the store about once a
 * second, where they are coalesced to one row per person, example and minute (server/storage/goldEdits.ts).
 * Only examples whose gold an update touches are looked at, and typing outside gold reaches no observer.
 */
import * as Y from 'yjs'
import { examplesMap } from '../../shared/ydoc/examplesDoc'
import { log } from '../log'
import type { GoldEditInput, GoldEditStore, GoldSlotChange } from '../storage/store'
import { Connection } from './connection'

/** Where a watcher sends what it saw. */
export interface GoldEditSink {
  record(edit: GoldEditInput): void
}

/** Per slot key: the accepted values as JSON (null: none) and the gold rationale text ('' when none). */
type GoldSnapshot = Map<string, { accepted: string | null; rationale: string }>

const NO_GOLD: GoldSnapshot = new Map()

/** A stored accepted value without the draft-only span anchors (Yjs positions; offsets are kept). */
function plainValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const spans = (value as { spans?: unknown }).spans
  if (!Array.isArray(spans)) return value
  return {
    ...value,
    spans: spans.map((span: unknown) => {
      if (typeof span !== 'object' || span === null || !('anchor' in span)) return span
      const { anchor: _anchor, ...plain } = span as Record<string, unknown>
      return plain
    }),
  }
}

/**
 * An example's gold per slot key; an empty accepted list counts as no gold (as readers treat it), and a slot
 * with neither gold nor rationale is left out.
 */
export function goldSnapshot(example: unknown): GoldSnapshot {
  if (!(example instanceof Y.Map)) return NO_GOLD
  const gold = example.get('gold')
  if (!(gold instanceof Y.Map)) return NO_GOLD
  const snapshot: GoldSnapshot = new Map()
  for (const [slot, entry] of gold.entries()) {
    if (!(entry instanceof Y.Map)) continue
    const value = entry.get('accepted')
    const accepted = Array.isArray(value) && value.length > 0 ? JSON.stringify(value.map(plainValue)) : null
    const text = entry.get('rationale')
    const rationale = text instanceof Y.Text ? text.toString() : ''
    if (accepted !== null || rationale !== '') snapshot.set(slot, { accepted, rationale })
  }
  return snapshot
}

const parsed = (json: string | null) => (json === null ? null : (JSON.parse(json) as unknown[]))

/**
 * The slots whose gold or rationale differs between two snapshots, in slot key order. `from`/`to` are the
 * accepted values (equal when only the rationale changed); `rationale` is there only when it changed.
 */
export function goldChanges(before: GoldSnapshot, after: GoldSnapshot): GoldSlotChange[] {
  const slots = new Set([...before.keys(), ...after.keys()])
  const changes: GoldSlotChange[] = []
  for (const slot of [...slots].sort()) {
    const from = before.get(slot) ?? { accepted: null, rationale: '' }
    const to = after.get(slot) ?? { accepted: null, rationale: '' }
    const rationaleChanged = from.rationale !== to.rationale
    if (from.accepted === to.accepted && !rationaleChanged) continue
    changes.push({
      slot,
      from: parsed(from.accepted),
      to: parsed(to.accepted),
      ...(rationaleChanged ? { rationale: { from: from.rationale, to: to.rationale } } : {}),
    })
  }
  return changes
}

type DeepObserver = (events: Y.YEvent<Y.AbstractType<unknown>>[], txn: Y.Transaction) => void

/**
 * Watches one draft document; reports gold changes made by updates whose origin is a socket. It observes
 * only where gold lives — the examples map (examples added or removed), each example (its `gold` map
 * replaced) and, deeply, each gold map (slots, accepted values, rationales) — so typing in prompts, titles
 * or responses never reaches it. Examples touched by a transaction are compared once, after it.
 */
export class GoldEditWatcher {
  private readonly known = new Map<string, GoldSnapshot>()
  private readonly examples: Y.Map<unknown>
  /** Per watched example, how to stop watching it. */
  private readonly unwatch = new Map<string, () => void>()
  /** Examples the current transaction touched. */
  private readonly touched = new Set<string>()
  private readonly onExamples: (event: Y.YMapEvent<unknown>) => void
  private readonly afterTransaction: (txn: Y.Transaction) => void

  constructor(
    private readonly doc: Y.Doc,
    private readonly projectId: string,
    private readonly sink: GoldEditSink,
    private readonly now: () => number = Date.now,
  ) {
    this.examples = examplesMap(doc) as Y.Map<unknown>
    for (const [id, example] of this.examples.entries()) {
      const snapshot = goldSnapshot(example)
      if (snapshot.size > 0) this.known.set(id, snapshot)
      this.watch(id, example)
    }
    this.onExamples = (event) => {
      for (const id of event.keysChanged as Set<string>) {
        this.unwatch.get(id)?.()
        this.unwatch.delete(id)
        const example = this.examples.get(id)
        if (example !== undefined) this.watch(id, example)
        this.touched.add(id)
      }
    }
    this.examples.observe(this.onExamples)
    // Emitted after every observer of the transaction has run.
    this.afterTransaction = (txn) => this.settle(txn)
    doc.on('afterTransaction', this.afterTransaction)
  }

  private watch(id: string, example: unknown): void {
    if (!(example instanceof Y.Map)) return
    let gold: Y.Map<unknown> | null = null
    const onGold: DeepObserver = () => this.touched.add(id)
    const watchGold = () => {
      gold?.unobserveDeep(onGold)
      const current = example.get('gold')
      gold = current instanceof Y.Map ? current : null
      gold?.observeDeep(onGold)
    }
    const onExample = (event: Y.YMapEvent<unknown>) => {
      if (!event.keysChanged.has('gold')) return
      watchGold()
      this.touched.add(id)
    }
    watchGold()
    example.observe(onExample)
    this.unwatch.set(id, () => {
      example.unobserve(onExample)
      gold?.unobserveDeep(onGold)
    })
  }

  private settle(txn: Y.Transaction): void {
    if (this.touched.size === 0) return
    const origin = txn.origin
    const at = this.now()
    for (const exampleId of this.touched) {
      const before = this.known.get(exampleId) ?? NO_GOLD
      const after = goldSnapshot(this.examples.get(exampleId))
      if (after.size > 0) this.known.set(exampleId, after)
      else this.known.delete(exampleId)
      // Updates from the store or another instance move the baseline only; their writer records them.
      if (!(origin instanceof Connection)) continue
      const changes = goldChanges(before, after)
      if (changes.length > 0)
        this.sink.record({ projectId: this.projectId, exampleId, userId: origin.user.id, at, changes })
    }
    this.touched.clear()
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.afterTransaction)
    this.examples.unobserve(this.onExamples)
    for (const stop of this.unwatch.values()) stop()
    this.unwatch.clear()
    this.known.clear()
  }
}

/** Edits kept in memory at most while the database does not answer (older ones are dropped and logged). */
const MAX_QUEUED = 10_000

/**
 * Batches reported edits and writes them in order, `flushMs` after the first one of a batch (so a restart
 * loses at most that long of them; a graceful stop writes everything). A failed write is retried with the
 * next batch.
 */
export class GoldEditRecorder implements GoldEditSink {
  private queue: GoldEditInput[] = []
  private timer: NodeJS.Timeout | null = null
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly store: Pick<GoldEditStore, 'recordGoldEdits'>,
    private readonly flushMs = 1000,
  ) {}

  record(edit: GoldEditInput): void {
    this.queue.push(edit)
    if (this.queue.length > MAX_QUEUED) {
      const dropped = this.queue.splice(0, this.queue.length - MAX_QUEUED)
      log.error('gold edit log: dropped unwritten edits', { count: dropped.length })
    }
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs)
      this.timer.unref()
    }
  }

  /** Writes everything reported so far; resolves once it is written (or has failed and been kept). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.writing = this.writing.then(async () => {
      const batch = this.queue
      if (batch.length === 0) return
      this.queue = []
      try {
        await this.store.recordGoldEdits(batch)
      } catch (error) {
        log.error('gold edit log: write failed, retrying with the next batch', { count: batch.length, error })
        this.queue = [...batch, ...this.queue]
        if (!this.timer) {
          this.timer = setTimeout(() => void this.flush(), this.flushMs)
          this.timer.unref()
        }
      }
    })
    return this.writing
  }

  /** Writes what is queued (a graceful stop); nothing is scheduled afterwards unless more is reported. */
  async close(): Promise<void> {
    await this.flush()
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
