/**
 * The gold edit watcher and recorder (server/sync/goldEditAudit.ts) and the coalescing rule
 * (server/storage/goldEdits.ts), with hand-computed cases on real Y.Docs.
 */

import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { joinsRow, mergeGoldChanges } from '../../server/storage/goldEdits'
import type { GoldEditInput } from '../../server/storage/store'
import { Connection } from '../../server/sync/connection'
import { GoldEditRecorder, GoldEditWatcher, goldChanges, goldSnapshot } from '../../server/sync/goldEditAudit'
import {
  addExample,
  clearGold,
  deleteExample,
  exampleRichText,
  examplesMap,
  goldRationale,
  setGold,
} from '../../shared/ydoc/examplesDoc'

/** A real connection object without a socket (the watcher only reads its user). */
const connectionOf = (userId: string) =>
  new Connection(null as unknown as WebSocket, 'p1', 'write', {
    id: userId,
    name: userId,
    color: '#000',
    sessionId: 's',
    mayEditDraft: true,
  })

/** Applies `change` made on `source` to `target` as if it arrived from `origin`. */
function relay(source: Y.Doc, target: Y.Doc, origin: unknown, change: () => void): void {
  const before = Y.encodeStateVector(source)
  change()
  Y.applyUpdate(target, Y.encodeStateAsUpdate(source, before), origin)
}

function setup() {
  const client = new Y.Doc()
  const room = new Y.Doc()
  const exampleId = addExample(client, {
    title: 'E',
    gold: { acc: { accepted: [3] }, 'pick@A': { accepted: [] } },
  })
  Y.applyUpdate(room, Y.encodeStateAsUpdate(client))
  const seen: GoldEditInput[] = []
  const watcher = new GoldEditWatcher(room, 'p1', { record: (e) => seen.push(e) }, () => 1000)
  return { client, room, exampleId, seen, watcher }
}

describe('gold snapshots and changes', () => {
  it('keeps accepted values per slot, drops empty lists and span anchors', () => {
    const doc = new Y.Doc()
    const span = { field: 'response', start: 0, end: 4, label: 'err' }
    const anchored = { ...span, anchor: { start: 'AAA', end: 'BBB' } }
    const id = addExample(doc, {
      gold: {
        spans: { accepted: [{ spans: [anchored] }] },
        empty: { accepted: [] },
        explained: { accepted: [], rationale: 'Why' },
        acc: { accepted: [4, 5] },
      },
    })
    expect([...goldSnapshot(examplesMap(doc).get(id)).entries()]).toEqual([
      ['spans', { accepted: JSON.stringify([{ spans: [span] }]), rationale: '' }],
      ['explained', { accepted: null, rationale: 'Why' }],
      ['acc', { accepted: '[4,5]', rationale: '' }],
    ])
    expect(goldSnapshot(undefined).size).toBe(0)
  })

  it('lists the slots whose gold or rationale differs, in slot order, with null for no gold', () => {
    const g = (accepted: string | null, rationale = '') => ({ accepted, rationale })
    const before = new Map([
      ['b', g('[1]')],
      ['a', g('[true]', 'A')],
      ['same', g('[2]', 'S')],
      ['why', g('[2]', 'old')],
    ])
    const after = new Map([
      ['b', g('[2]')],
      ['c@A', g('[{"choice":"A"}]')],
      ['same', g('[2]', 'S')],
      ['why', g('[2]', 'new')],
    ])
    expect(goldChanges(before, after)).toEqual([
      { slot: 'a', from: [true], to: null, rationale: { from: 'A', to: '' } },
      { slot: 'b', from: [1], to: [2] },
      { slot: 'c@A', from: null, to: [{ choice: 'A' }] },
      { slot: 'why', from: [2], to: [2], rationale: { from: 'old', to: 'new' } },
    ])
  })
})

describe('the watcher', () => {
  it('reports a change from a socket with its account, and only the changed slot', () => {
    const { client, room, exampleId, seen } = setup()
    relay(client, room, connectionOf('lead-1'), () => setGold(client, exampleId, 'acc', [2]))
    expect(seen).toEqual([
      {
        projectId: 'p1',
        exampleId,
        userId: 'lead-1',
        at: 1000,
        changes: [{ slot: 'acc', from: [3], to: [2] }],
      },
    ])
  })

  it('moves its baseline on updates from the store or another instance without reporting them', () => {
    const { client, room, exampleId, seen } = setup()
    relay(client, room, 'another instance', () => setGold(client, exampleId, 'acc', [1]))
    relay(client, room, connectionOf('lead-1'), () => setGold(client, exampleId, 'acc', [2]))
    expect(seen.map((e) => e.changes)).toEqual([[{ slot: 'acc', from: [1], to: [2] }]])
  })

  it('reports new slots, cleared slots, new examples and deleted examples', () => {
    const { client, room, exampleId, seen } = setup()
    const lead = connectionOf('lead-1')
    relay(client, room, lead, () => setGold(client, exampleId, 'pick@A', [{ choice: 'A' }]))
    relay(client, room, lead, () => clearGold(client, exampleId, 'acc'))
    let added = ''
    relay(client, room, lead, () => {
      added = addExample(client, { gold: { acc: { accepted: [1] } } })
    })
    relay(client, room, lead, () => deleteExample(client, exampleId))
    expect(seen.map((e) => [e.exampleId, e.changes])).toEqual([
      [exampleId, [{ slot: 'pick@A', from: null, to: [{ choice: 'A' }] }]],
      [exampleId, [{ slot: 'acc', from: [3], to: null }]],
      [added, [{ slot: 'acc', from: null, to: [1] }]],
      [exampleId, [{ slot: 'pick@A', from: [{ choice: 'A' }], to: null }]],
    ])
  })

  it('reports nothing for other texts, or gold set to what it was', () => {
    const { client, room, exampleId, seen } = setup()
    const lead = connectionOf('lead-1')
    relay(client, room, lead, () =>
      exampleRichText(client, exampleId, 'prompt')?.insert(0, [new Y.XmlText('x')]),
    )
    relay(client, room, lead, () => examplesMap(client).get(exampleId)?.set('difficulty', 'hard'))
    relay(client, room, lead, () => setGold(client, exampleId, 'acc', [3]))
    expect(seen).toEqual([])
  })

  it('reports rationale edits with the text before and after', () => {
    const { client, room, exampleId, seen } = setup()
    const lead = connectionOf('lead-1')
    relay(client, room, lead, () => goldRationale(client, exampleId, 'acc')?.insert(0, 'Because'))
    relay(client, room, lead, () => goldRationale(client, exampleId, 'acc')?.delete(0, 3))
    expect(seen.map((e) => e.changes)).toEqual([
      [{ slot: 'acc', from: [3], to: [3], rationale: { from: '', to: 'Because' } }],
      [{ slot: 'acc', from: [3], to: [3], rationale: { from: 'Because', to: 'ause' } }],
    ])
  })

  it('follows examples added later and gold maps replaced', () => {
    const { client, room, exampleId, seen } = setup()
    const lead = connectionOf('lead-1')
    let added = ''
    relay(client, room, 'store', () => {
      added = addExample(client, {})
    })
    relay(client, room, lead, () => setGold(client, added, 'acc', [7]))
    relay(client, room, lead, () => {
      const gold = new Y.Map<Y.Map<unknown>>()
      const entry = new Y.Map<unknown>()
      entry.set('accepted', [9])
      gold.set('acc', entry)
      examplesMap(client).get(exampleId)?.set('gold', gold)
    })
    relay(client, room, lead, () => setGold(client, exampleId, 'acc', [10]))
    expect(seen.map((e) => [e.exampleId, e.changes])).toEqual([
      [added, [{ slot: 'acc', from: null, to: [7] }]],
      [exampleId, [{ slot: 'acc', from: [3], to: [9] }]],
      [exampleId, [{ slot: 'acc', from: [9], to: [10] }]],
    ])
  })

  it('stops watching when destroyed', () => {
    const { client, room, exampleId, seen, watcher } = setup()
    watcher.destroy()
    relay(client, room, connectionOf('lead-1'), () => setGold(client, exampleId, 'acc', [2]))
    expect(seen).toEqual([])
  })
})

describe('the coalescing rule', () => {
  it('joins a row for 60 seconds after its first change', () => {
    expect(joinsRow(1000, 1000)).toBe(true)
    expect(joinsRow(1000, 60_999)).toBe(true)
    expect(joinsRow(1000, 61_000)).toBe(false)
  })

  it('folds rationales the same way, keeping a rationale change that later changes lack', () => {
    const r = (from: string, to: string) => ({ from, to })
    expect(
      mergeGoldChanges(
        [
          { slot: 'a', from: [1], to: [1], rationale: r('', 'x') },
          { slot: 'b', from: [1], to: [2], rationale: r('p', 'q') },
        ],
        [
          { slot: 'a', from: [1], to: [1], rationale: r('x', 'xy') },
          { slot: 'b', from: [2], to: [3] },
          { slot: 'c', from: [1], to: [1], rationale: r('m', 'n') },
        ],
      ),
    ).toEqual([
      { slot: 'a', from: [1], to: [1], rationale: r('', 'xy') },
      { slot: 'b', from: [1], to: [3], rationale: r('p', 'q') },
      { slot: 'c', from: [1], to: [1], rationale: r('m', 'n') },
    ])
  })

  it('keeps the first old value and takes the latest new value per slot', () => {
    expect(
      mergeGoldChanges(
        [
          { slot: 'a', from: [1], to: [2] },
          { slot: 'b', from: null, to: [5] },
        ],
        [
          { slot: 'a', from: [2], to: [3] },
          { slot: 'c', from: [7], to: null },
        ],
      ),
    ).toEqual([
      { slot: 'a', from: [1], to: [3] },
      { slot: 'b', from: null, to: [5] },
      { slot: 'c', from: [7], to: null },
    ])
  })
})

describe('the recorder', () => {
  const edit = (at: number): GoldEditInput => ({
    projectId: 'p',
    exampleId: 'e',
    userId: 'u',
    at,
    changes: [{ slot: 'a', from: null, to: [at] }],
  })

  it('writes in order, keeps a failed batch for the next write, and writes everything on close', async () => {
    const written: number[][] = []
    let fail = true
    const recorder = new GoldEditRecorder(
      {
        async recordGoldEdits(edits) {
          if (fail) throw new Error('database away')
          written.push(edits.map((e) => e.at))
        },
      },
      60_000,
    )
    recorder.record(edit(1))
    await recorder.flush()
    expect(written).toEqual([])
    fail = false
    recorder.record(edit(2))
    await recorder.close()
    expect(written).toEqual([[1, 2]])
  })

  it('writes on its own about flushMs after the first report', async () => {
    const written: number[] = []
    const recorder = new GoldEditRecorder(
      { recordGoldEdits: async (edits) => void written.push(edits.length) },
      20,
    )
    recorder.record(edit(1))
    recorder.record(edit(2))
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(written).toEqual([2])
    await recorder.close()
  })
})

describe('the results page’s gold edit log', () => {
  it('shows accepted values as short text', async () => {
    const { describeAccepted } = await import('../../client/results/GoldEditLog')
    expect(describeAccepted(null)).toBe('—')
    expect(describeAccepted([])).toBe('—')
    expect(describeAccepted([3, 4])).toBe('3 or 4')
    expect(describeAccepted([true])).toBe('yes')
    expect(describeAccepted([{ choice: 'A' }])).toBe('{"choice":"A"}')
  })

  it('quotes rationales on one short line', async () => {
    const { quote } = await import('../../client/results/GoldEditLog')
    expect(quote('  ')).toBe('none')
    expect(quote('Two\nlines')).toBe('“Two lines”')
    expect(quote('x'.repeat(61))).toBe(`“${'x'.repeat(59)}…”`)
  })
})
