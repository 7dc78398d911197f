/**
 * Protocol fuzzing over real sockets against a real server process: random, truncated and mutated sync,
 * awareness, save-request and unknown frames, and the hostile V2 update of yjs issue 687, while two stock
 * clients keep editing. Each bad frame closes only its own connection with the declared code; the peers
 * never drop; every replica, a newcomer and the server after a restart hold the same document; and the
 * server's event loop is never held for 100 ms (measured inside the server by test/helpers/loopMonitor.mjs).
 * The in-process half (100,000 mutated updates through the same functions) is test/unit/updateFuzz.test.ts.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ProtocolError, readClientMessage } from '../../server/sync/wire'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { MessageType } from '../../shared/protocol/messages'
import { createProject, setupOwner } from '../helpers/accounts'
import {
  connectClient,
  destroyAllClients,
  openRawSocket,
  type TestClient,
  waitFor,
  waitForSynced,
} from '../helpers/clients'
import { sameDocument } from '../helpers/docCompare'
import {
  baseDraft,
  editingUpdates,
  hostileV2Update,
  mutatedUpdateFrameArb,
  otherFrameArb,
  syncFrame,
} from '../helpers/fuzzFrames'
import { removeTempDirs, spawnServer, stopAllServers, tempDataDir } from '../helpers/server'

const MONITOR = resolve(import.meta.dirname, '../helpers/loopMonitor.mjs')
const FRAMES = 1_500
const BATCH = 12

afterAll(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

/** The close code the server must answer a frame with (its own parser is the oracle), or null if none. */
function expectedClose(frame: Uint8Array): number | null {
  try {
    readClientMessage(frame)
    return null
  } catch (error) {
    if (error instanceof ProtocolError) return error.code
    throw error
  }
}

const saveRequest = (id: number) => new Uint8Array([MessageType.saveRequest, id])
const isSaved = (message: Uint8Array, id: number) => message[0] === MessageType.saved && message[1] === id

/**
 * Sends frames that parse and a save request on a fresh socket: the `saved` reply proves the socket stayed
 * open and processed everything (an update that parses may still be refused against the document: 4422,
 * or 4001, nothing else may close it). Then the one frame that does not parse, if any, must close it with its code.
 */
async function sendBatch(url: string, project: string, cookie: string, frames: Uint8Array[]) {
  const raw = openRawSocket(url, project, { user: { cookie } })
  await raw.opened
  const outcomes: (string | number)[] = []
  const good = frames.filter((frame) => expectedClose(frame) === null)
  const bad = frames.find((frame) => expectedClose(frame) !== null)
  if (good.length > 0) {
    for (const frame of good) raw.socket.send(frame)
    raw.socket.send(saveRequest(7))
    const outcome = await Promise.race([
      raw.closed.then((closed) => closed.code),
      waitFor(() => raw.received.some((m) => isSaved(m, 7)), { timeout: 30_000 }).then(
        () => 'saved' as const,
      ),
    ])
    // Refused against the document: inconsistent (4422), or overlapping what it holds (4001, resend).
    if (outcome !== 'saved') expect([CloseCode.badUpdate, CloseCode.resyncNeeded]).toContain(outcome)
    outcomes.push(outcome)
    if (outcome !== 'saved') return outcomes
  }
  if (bad) {
    raw.socket.send(bad)
    const closed = await raw.closed
    expect(closed.code).toBe(expectedClose(bad))
    outcomes.push(closed.code)
  } else raw.socket.close()
  return outcomes
}

function batches(frames: Uint8Array[]): Uint8Array[][] {
  const out: Uint8Array[][] = []
  let current: Uint8Array[] = []
  for (const frame of frames) {
    current.push(frame)
    if (expectedClose(frame) !== null || current.length === BATCH) {
      out.push(current)
      current = []
    }
  }
  if (current.length > 0) out.push(current)
  return out
}

function loopFigures(file: string): { worstCpuMs: number; worstWallMs: number; delayMaxMs: number } {
  return JSON.parse(readFileSync(file, 'utf8'))
}

describe('protocol fuzzing over real sockets', () => {
  it('closes only the offending connection, keeps every replica and the restarted server identical, never stalls', async () => {
    const monitorFile = join(tempDataDir(), 'loop.json')
    const env = {
      NODE_OPTIONS: `--import ${MONITOR}`,
      LOOP_MONITOR_FILE: monitorFile,
      COMPACT_AFTER_UPDATES: '100',
      // One address opening a socket per bad frame, far beyond a person's upgrade budget (tested elsewhere).
      MAX_UPGRADES_PER_MINUTE: '0',
    }
    const server = await spawnServer({ env })
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner)
    const a = connectClient(server.url, project, { user: owner })
    const b = connectClient(server.url, project, { user: owner })
    await Promise.all([waitForSynced(a), waitForSynced(b)])
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(baseDraft(1)))
    await waitFor(() => sameDocument(a.doc, b.doc), { message: 'peers synced' })
    let drops = 0
    for (const peer of [a, b])
      peer.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'disconnected') drops++
      })

    const pool = [Y.encodeStateAsUpdate(a.doc), ...editingUpdates(a.doc, 2), ...editingUpdates(a.doc, 3)]
    const frames = fc.sample(fc.oneof(mutatedUpdateFrameArb(pool), otherFrameArb), {
      numRuns: FRAMES,
      seed: 9_0003,
    })
    // The hostile V2 update (2^31 structs from 23 bytes), as a sync update and as a sync step 2.
    frames.splice(100, 0, syncFrame(2, hostileV2Update()))
    frames.splice(700, 0, syncFrame(1, hostileV2Update()))
    expect(expectedClose(syncFrame(2, hostileV2Update()))).toBe(CloseCode.badUpdate)

    process.kill(server.child.pid!, 'SIGUSR2') // measure the loop from here on (setup hashed a password)
    const outcomes = new Map<string | number, number>()
    const work = batches(frames)
    let next = 0
    const typist = a.doc.getText('fuzz-peer')
    const worker = async () => {
      while (next < work.length) {
        const i = next++
        for (const outcome of await sendBatch(server.url, project, owner.cookie, work[i]!))
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
        if (i % 10 === 0) typist.insert(typist.length, `${i} `)
      }
    }
    await Promise.all(Array.from({ length: 6 }, worker))

    // Every kind of outcome happened, so the checks above were exercised.
    expect(outcomes.get('saved')).toBeGreaterThan(20)
    expect(outcomes.get(CloseCode.badMessage)).toBeGreaterThan(20)
    expect(
      (outcomes.get(CloseCode.badUpdate) ?? 0) + (outcomes.get(CloseCode.resyncNeeded) ?? 0),
    ).toBeGreaterThan(20)
    expect(drops).toBe(0)

    const figures = loopFigures(monitorFile)
    console.info('server event loop during fuzzing', figures, Object.fromEntries(outcomes))
    expect(figures.worstCpuMs).toBeLessThan(100)

    // Peers, a newcomer, and the server after a restart hold one and the same document.
    const expected = typist.toString()
    await waitFor(() => b.doc.getText('fuzz-peer').toString() === expected && sameDocument(a.doc, b.doc), {
      message: 'peers identical',
    })
    const newcomer = connectClient(server.url, project, { user: owner })
    await waitForSynced(newcomer)
    expect(sameDocument(newcomer.doc, a.doc)).toBe(true)
    for (const client of [a, b, newcomer] as TestClient[]) client.destroy()

    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    const restarted = await spawnServer({ dataDir: server.dataDir })
    const after = connectClient(restarted.url, project, { user: owner })
    await waitForSynced(after)
    expect(sameDocument(after.doc, a.doc)).toBe(true)
    expect(after.doc.getText('fuzz-peer').toString()).toBe(expected)
  })
})
