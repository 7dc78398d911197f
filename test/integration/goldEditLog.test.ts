/**
 * The gold edit log against a real server and stock y-websocket clients: gold changed in the draft is
 * recorded per person, example and minute (first old value, last new value), survives a kill -9 once
 * written, and only owners and leads can read it (`GET /api/projects/:id/gold-edits`).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { exampleRichText, goldRationale, setGold } from '../../shared/ydoc/examplesDoc'
import { api, createProject, inviteUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitFor, waitForSynced } from '../helpers/clients'
import { draftWithGold, editsOf, goldIn, leadOn, rowsOf } from '../helpers/goldEdits'
import { removeTempDirs, spawnServer, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  vi.useRealTimers()
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

describe('the gold edit log', () => {
  it('records the owner who wrote the examples, rationale edits, and nothing for other edits', async () => {
    const server = await startTestServer()
    const s = await draftWithGold(server.url, server.setupUrl)
    const [created] = await rowsOf(s, s.owner, (r) => r.length === 1)
    expect(created?.changes).toHaveLength(3)
    expect(created?.changes.find((c) => c.slot === s.criterionId)).toEqual({
      slot: s.criterionId,
      criterionId: s.criterionId,
      from: null,
      to: [3],
      rationale: { from: '', to: expect.stringMatching(/^GOLDMARK-\d-help$/) },
    })
    // A lead types in the prompt (nothing recorded), then in the gold rationale (recorded, gold unchanged).
    const a = await leadOn(s, 'Ada Lead')
    exampleRichText(a.client.doc, s.exampleId, 'prompt')?.insert(0, [new Y.XmlText('x')])
    const check = connectClient(s.url, s.project, { user: s.owner })
    await waitFor(() => exampleRichText(check.doc, s.exampleId, 'prompt')?.toString().includes('x') ?? false)
    await server.registry.goldEdits?.flush()
    expect((await editsOf(s)).filter((r) => r.userId === a.user.id)).toEqual([])
    const rationale = goldRationale(a.client.doc, s.exampleId, s.criterionId)!
    const before = rationale.toString()
    rationale.insert(0, 'Because ')
    const [row] = await rowsOf(s, a.user, (r) => r.length === 1)
    expect(row?.changes).toEqual([
      {
        slot: s.criterionId,
        criterionId: s.criterionId,
        from: [3],
        to: [3],
        rationale: { from: before, to: `Because ${before}` },
      },
    ])
  })

  it('keeps one row per lead when two leads change the same example within a minute', async () => {
    const server = await startTestServer()
    const s = await draftWithGold(server.url, server.setupUrl)
    const a = await leadOn(s, 'Ada Lead')
    const b = await leadOn(s, 'Bo Lead')
    setGold(a.client.doc, s.exampleId, s.criterionId, [1])
    await waitFor(() => goldIn(b.client, s) === '[1]', { message: 'B sees A’s gold' })
    setGold(b.client.doc, s.exampleId, s.criterionId, [2])
    const rowsA = await rowsOf(s, a.user, (r) => r.length === 1)
    const rowsB = await rowsOf(s, b.user, (r) => r.length === 1)
    expect(rowsA[0]).toMatchObject({
      userName: 'Ada Lead',
      exampleId: s.exampleId,
      changes: [{ slot: s.criterionId, criterionId: s.criterionId, from: [3], to: [1] }],
    })
    expect(rowsB[0]).toMatchObject({
      userName: 'Bo Lead',
      changes: [{ slot: s.criterionId, from: [1], to: [2] }],
    })
    // Nothing was recorded for the other example.
    expect((await editsOf(s, `?exampleId=${s.otherExampleId}`)).map((r) => r.userId)).toEqual([s.owner.id])
  })

  it('coalesces three changes by one lead within a minute into one row: first old value, last new value', async () => {
    const server = await startTestServer()
    const s = await draftWithGold(server.url, server.setupUrl)
    const a = await leadOn(s, 'Ada Lead')
    // Each change is written before the next (three batches), so the store does the coalescing.
    for (const value of [1, 2, 4]) {
      setGold(a.client.doc, s.exampleId, s.criterionId, [value])
      await rowsOf(s, a.user, (r) => JSON.stringify(r.at(-1)?.changes[0]?.to) === `[${value}]`)
    }
    const rows = await rowsOf(s, a.user, () => true)
    expect(rows.map((r) => r.changes)).toEqual([
      [{ slot: s.criterionId, criterionId: s.criterionId, from: [3], to: [4] }],
    ])
    expect(Date.parse(rows[0]!.lastAt) - Date.parse(rows[0]!.firstAt)).toBeLessThan(60_000)
  })

  it('starts a new row when a lead changes the same example again a minute later', async () => {
    // Only Date is faked, and it keeps running (waitFor's deadlines still pass); the test jumps it ahead.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: Date.UTC(2026, 5, 1, 9, 0, 0) })
    const server = await startTestServer()
    const s = await draftWithGold(server.url, server.setupUrl)
    const a = await leadOn(s, 'Ada Lead')
    setGold(a.client.doc, s.exampleId, s.criterionId, [1])
    const [first] = await rowsOf(s, a.user, (r) => r.length === 1)
    vi.setSystemTime(Date.parse(first!.firstAt) + 60_000)
    setGold(a.client.doc, s.exampleId, s.criterionId, [2])
    const rows = await rowsOf(s, a.user, (r) => r.length === 2)
    expect(rows.map((r) => [r.changes[0]?.from, r.changes[0]?.to])).toEqual([
      [[3], [1]],
      [[1], [2]],
    ])
    expect(Date.parse(rows[1]!.firstAt) - Date.parse(rows[0]!.firstAt)).toBeGreaterThanOrEqual(60_000)
  })

  it('lets owners and leads read it; annotators and reviewers get 403, strangers 404, anonymous 401', async () => {
    const server = await startTestServer()
    const s = await draftWithGold(server.url, server.setupUrl)
    const path = `/api/projects/${s.project}/gold-edits`
    const lead = await inviteUser(s.url, s.owner, s.project, 'lead', 'Leah Lead')
    const reviewer = await inviteUser(s.url, s.owner, s.project, 'reviewer', 'Rae Reviewer')
    const annotator = await inviteUser(s.url, s.owner, s.project, 'annotator', 'Ann Annotator')
    const elsewhere = await createProject(s.url, s.owner, 'Elsewhere')
    const stranger = await inviteUser(s.url, s.owner, elsewhere, 'lead', 'Stan Stranger')
    expect((await api(s.url, path, { user: s.owner })).status).toBe(200)
    expect((await api(s.url, path, { user: lead })).status).toBe(200)
    expect((await api(s.url, path, { user: reviewer })).status).toBe(403)
    expect((await api(s.url, path, { user: annotator })).status).toBe(403)
    expect((await api(s.url, path, { user: stranger })).status).toBe(404)
    expect((await api(s.url, path, { user: null })).status).toBe(401)
    expect((await api(s.url, path, { user: s.owner, method: 'DELETE' })).status).toBe(405)
  })

  it('validates ids and the limit (400)', async () => {
    const server = await startTestServer()
    const s = await draftWithGold(server.url, server.setupUrl)
    const bad = [
      `/api/projects/${s.project}/gold-edits?exampleId=..%2Fx`,
      `/api/projects/${s.project}/gold-edits?exampleId=`,
      `/api/projects/${s.project}/gold-edits?exampleId=${'x'.repeat(65)}`,
      `/api/projects/${s.project}/gold-edits?limit=0`,
      `/api/projects/${s.project}/gold-edits?limit=501`,
      `/api/projects/${s.project}/gold-edits?limit=ten`,
      `/api/projects/bad.id/gold-edits`,
      `/api/projects/${'p'.repeat(65)}/gold-edits`,
    ]
    for (const path of bad) {
      const response = await api(s.url, path, { user: s.owner })
      expect({ path, status: response.status }).toEqual({ path, status: 400 })
    }
    expect(
      (await api(s.url, `/api/projects/${s.project}/gold-edits?limit=1`, { user: s.owner })).status,
    ).toBe(200)
  })

  it('keeps written rows across kill -9 and goes on coalescing into them after the restart', async () => {
    const first = await spawnServer()
    const s = await draftWithGold(first.url, first.setupUrl)
    const a = await leadOn(s, 'Ada Lead')
    setGold(a.client.doc, s.exampleId, s.criterionId, [1])
    await rowsOf(s, a.user, (r) => r.length === 1)
    a.client.destroy()
    s.owners.destroy()
    first.child.kill('SIGKILL')
    await first.exited
    const second = await spawnServer({ dataDir: first.dataDir })
    const t = { ...s, url: second.url }
    const again = connectClient(t.url, t.project, { user: a.user })
    await waitForSynced(again)
    await waitFor(() => goldIn(again, t) === '[1]', { message: 'the change survived' })
    setGold(again.doc, t.exampleId, t.criterionId, [2])
    const rows = await rowsOf(t, a.user, (r) => JSON.stringify(r[0]?.changes[0]?.to) === '[2]')
    expect(rows.map((r) => r.changes)).toEqual([
      [{ slot: t.criterionId, criterionId: t.criterionId, from: [3], to: [2] }],
    ])
  })
})
