/**
 * The gold edit log's eyes on a draft room: a watcher keeps each example's gold (accepted values and
 * rationale per slot key) as it was after the last change and, when an update from a socket changes it,
 * reports who changed
 * what; a recorder batches the reports and writes them to the store about once a second, where they are
 * coalesced to one row per person, example and minute (server/storage/goldEdits.ts). Only examples whose
 * gold maps an update touches are looked at, so typing in texts costs one type check per changed type.
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

/**
 * The examples whose gold an event may have changed. Gold lives in plain values of Y.Maps — the examples map
 * (an example added or removed), an example (its `gold` map replaced), its gold map (a slot added or
 * removed), a slot's entry (`accepted` set) — and in each entry's `rationale` Y.Text. Other texts (prompts,
 * titles) are told apart by their parent before any path is computed.
 */
function touchedExamples(event: Y.YEvent<Y.AbstractType<unknown>>, examples: Y.Map<unknown>): string[] {
  const target = event.target
  if (target instanceof Y.Text) {
    if (!(target.parent instanceof Y.Map)) return []
    const path = event.path
    return path.length === 4 && path[1] === 'gold' && path[3] === 'rationale' ? [String(path[0])] : []
  }
  if (!(target instanceof Y.Map)) return []
  const keys = (event as Y.YMapEvent<unknown>).keysChanged as Set<string | null>
  if (target === examples) return [...keys].filter((key): key is string => key !== null)
  const path = event.path
  if (path.length === 1) return keys.has('gold') ? [String(path[0])] : []
  if (path[1] !== 'gold') return []
  if (path.length === 2) return [String(path[0])]
  if (path.length === 3 && (keys.has('accepted') || keys.has('rationale'))) return [String(path[0])]
  return []
}

/** Watches one draft document; reports gold changes made by updates whose origin is a socket. */
export class GoldEditWatcher {
  private readonly known = new Map<string, GoldSnapshot>()
  private readonly examples: Y.Map<unknown>
  private readonly observer: (events: Y.YEvent<Y.AbstractType<unknown>>[], txn: Y.Transaction) => void

  constructor(
    doc: Y.Doc,
    private readonly projectId: string,
    private readonly sink: GoldEditSink,
    private readonly now: () => number = Date.now,
  ) {
    this.examples = examplesMap(doc) as Y.Map<unknown>
    for (const [id, example] of this.examples.entries()) {
      const snapshot = goldSnapshot(example)
      if (snapshot.size > 0) this.known.set(id, snapshot)
    }
    this.observer = (events, txn) => this.changed(events, txn)
    this.examples.observeDeep(this.observer)
  }

  private changed(events: Y.YEvent<Y.AbstractType<unknown>>[], txn: Y.Transaction): void {
    const touched = new Set<string>()
    for (const event of events) for (const id of touchedExamples(event, this.examples)) touched.add(id)
    if (touched.size === 0) return
    const origin = txn.origin
    const at = this.now()
    for (const exampleId of touched) {
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
  }

  destroy(): void {
    this.examples.unobserveDeep(this.observer)
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
