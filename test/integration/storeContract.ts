/**
 * The storage contract both stores must pass (SQLite and PostgreSQL, running one SQL catalogue). Call
 * `storeContractSuite(name, factory)` from a store's test file with a factory that opens a fresh, empty
 * store, can reopen the same one, and can run raw SQL on its database from outside the store.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { acceptInvite } from '../../server/auth/invites'
import type { NewUser, Store } from '../../server/storage/store'
import { mergeStored } from '../../server/sync/room'
import type { Role } from '../../shared/auth/permissions'
import type { AttemptResult } from '../../shared/schema/calibration'

/** A minimal stored result (the store keeps it as given). */
const RESULT: AttemptResult = {
  attemptId: 'a',
  version: '1.0.0',
  score: 0,
  passed: false,
  passThreshold: 0.8,
  submittedAt: '2026-01-01T00:00:00.000Z',
  blind: true,
  perCriterion: [],
  examples: [],
}

export interface StoreFactory {
  /** A new, empty store; `raw` runs SQL on its database over a connection of its own. */
  fresh(): Promise<{ store: Store; reopen(): Promise<Store>; raw(sql: string): Promise<void> }>
}

function updateSetting(key: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

async function rebuild(store: Store, name: string): Promise<Y.Doc> {
  const stored = await store.loadDoc(name)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.data)
  for (const u of stored.updates) Y.applyUpdate(doc, u.data)
  return doc
}

/** Accepts an invite through the invite service, over the store under test. */
async function accept(store: Store, tokenHash: string, userId: string, at: string, newUser?: NewUser) {
  const result = await acceptInvite(store, { tokenHash, userId, at, newUser })
  return result.ok ? { ok: true, userId, role: result.role } : result
}

export function storeContractSuite(adapter: string, factory: StoreFactory): void {
  describe(`Store contract: ${adapter}`, () => {
    it('loads an unknown document as empty', async () => {
      const { store } = await factory.fresh()
      expect(await store.loadDoc('nothing')).toEqual({ snapshot: null, updates: [] })
      expect(await store.docStats('nothing')).toEqual({ updateCount: 0, updateBytes: 0, snapshotBytes: 0 })
      await store.close()
    })

    it('appends updates in one batch across documents with increasing seqs', async () => {
      const { store } = await factory.fresh()
      const seqs = await store.appendUpdates([
        { doc: 'a', data: updateSetting('k', '1') },
        { doc: 'b', data: updateSetting('k', '2') },
        { doc: 'a', data: updateSetting('j', '3') },
      ])
      expect(seqs).toHaveLength(3)
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs)
      expect(new Set(seqs).size).toBe(3)
      const a = await store.loadDoc('a')
      expect(a.updates.map((u) => u.seq)).toEqual([seqs[0], seqs[2]])
      expect((await rebuild(store, 'a')).getMap('m').toJSON()).toEqual({ k: '1', j: '3' })
      expect((await rebuild(store, 'b')).getMap('m').toJSON()).toEqual({ k: '2' })
      expect(await store.appendUpdates([])).toEqual([])
      await store.close()
    })

    it('returns stored bytes unchanged', async () => {
      const { store } = await factory.fresh()
      // A view into a larger buffer, as Yjs hands them out: only the view's bytes are stored.
      const data = new Uint8Array(400).map((_, i) => (i * 31) % 256).subarray(50, 350)
      await store.appendUpdates([{ doc: 'bytes', data }])
      const loaded = await store.loadDoc('bytes')
      expect(new Uint8Array(loaded.updates[0]!.data)).toEqual(data)
      await store.close()
    })

    it('compacts into a snapshot and keeps updates appended after it', async () => {
      const { store } = await factory.fresh()
      const [s1, s2] = await store.appendUpdates([
        { doc: 'd', data: updateSetting('a', '1') },
        { doc: 'd', data: updateSetting('b', '2') },
      ])
      const covered = await rebuild(store, 'd')
      // An update arrives after the snapshot was taken but before compaction is written.
      const [s3] = await store.appendUpdates([{ doc: 'd', data: updateSetting('c', '3') }])
      await store.compactDoc('d', Y.encodeStateAsUpdate(covered), s2!)
      const loaded = await store.loadDoc('d')
      expect(loaded.snapshot?.throughSeq).toBe(s2)
      expect(loaded.updates.map((u) => u.seq)).toEqual([s3])
      expect((await rebuild(store, 'd')).getMap('m').toJSON()).toEqual({ a: '1', b: '2', c: '3' })
      expect(s1).toBeLessThan(s2!)
      const stats = await store.docStats('d')
      expect(stats.updateCount).toBe(1)
      expect(stats.snapshotBytes).toBeGreaterThan(0)
      await store.close()
    })

    it('never replaces a snapshot with an older one', async () => {
      const { store } = await factory.fresh()
      const [s1] = await store.appendUpdates([{ doc: 'd', data: updateSetting('a', '1') }])
      const old = await rebuild(store, 'd')
      const [s2] = await store.appendUpdates([{ doc: 'd', data: updateSetting('b', '2') }])
      await store.compactDoc('d', Y.encodeStateAsUpdate(await rebuild(store, 'd')), s2!)
      await store.compactDoc('d', Y.encodeStateAsUpdate(old), s1!)
      expect((await store.loadDoc('d')).snapshot?.throughSeq).toBe(s2)
      expect((await rebuild(store, 'd')).getMap('m').toJSON()).toEqual({ a: '1', b: '2' })
      await store.close()
    })

    it('rebuilds the snapshot from the stored log and deletes exactly what it merged', async () => {
      const { store } = await factory.fresh()
      await store.appendUpdates([{ doc: 'd', data: updateSetting('a', '1') }])
      await store.compactFromLog('d', mergeStored)
      await store.appendUpdates([
        { doc: 'd', data: updateSetting('b', '2') },
        { doc: 'other', data: updateSetting('o', '1') },
      ])
      let merged = 0
      await store.compactFromLog('d', (snapshot, updates) => {
        merged = updates.length
        expect(snapshot).not.toBeNull()
        return mergeStored(snapshot, updates)
      })
      expect(merged).toBe(1)
      const loaded = await store.loadDoc('d')
      expect(loaded.updates).toEqual([])
      expect((await rebuild(store, 'd')).getMap('m').toJSON()).toEqual({ a: '1', b: '2' })
      expect((await store.loadDoc('other')).updates).toHaveLength(1)
      // Nothing to merge: nothing changes.
      await store.compactFromLog('d', () => {
        throw new Error('merge must not run for an empty log')
      })
      await store.ping()
      await store.close()
    })

    it('keeps documents separate when compacting', async () => {
      const { store } = await factory.fresh()
      await store.appendUpdates([{ doc: 'x', data: updateSetting('x', '1') }])
      const [sy] = await store.appendUpdates([{ doc: 'y', data: updateSetting('y', '1') }])
      await store.compactDoc('y', Y.encodeStateAsUpdate(await rebuild(store, 'y')), sy!)
      expect((await store.loadDoc('x')).updates).toHaveLength(1)
      await store.close()
    })

    it('creates, lists, renames and counts projects', async () => {
      const { store } = await factory.fresh()
      expect(await store.countProjects()).toBe(0)
      const p = await store.createProject({ id: 'p1', name: 'First' })
      expect(p).toMatchObject({ id: 'p1', name: 'First' })
      await store.createProject({ id: 'p2', name: 'Second' })
      expect(await store.countProjects()).toBe(2)
      expect((await store.listProjects()).map((x) => x.id).sort()).toEqual(['p1', 'p2'])
      const renamed = await store.renameProject('p1', 'Renamed')
      expect(renamed?.name).toBe('Renamed')
      expect(await store.getProject('p1')).toMatchObject({ name: 'Renamed' })
      expect(await store.renameProject('missing', 'x')).toBeNull()
      expect(await store.getProject('missing')).toBeNull()
      await expect(store.createProject({ id: 'p1', name: 'dup' })).rejects.toThrow()
      await store.close()
    })

    it('keeps everything across close and reopen', async () => {
      const { store, reopen } = await factory.fresh()
      await store.createProject({ id: 'keep', name: 'Kept' })
      await store.appendUpdates([{ doc: 'keep', data: updateSetting('k', 'v') }])
      await store.close()
      const again = await reopen()
      expect(await again.getProject('keep')).toMatchObject({ name: 'Kept' })
      expect((await rebuild(again, 'keep')).getMap('m').toJSON()).toEqual({ k: 'v' })
      await again.close()
    })

    it('keeps accounts: setup once, sessions, memberships, invites used once and the audit log', async () => {
      const { store } = await factory.fresh()
      await store.createProject({ id: 'p', name: 'P' })
      await store.addSetupToken('setup-hash')
      const owner = { id: 'u1', email: 'o@x.org', name: 'O', color: '#000000', passwordHash: '$argon2id$x' }
      expect(await store.completeSetup('wrong', owner)).toBe(false)
      expect(await store.completeSetup('setup-hash', owner)).toBe(true)
      expect(await store.completeSetup('setup-hash', { ...owner, id: 'u2', email: 'b@x.org' })).toBe(false)
      expect(await store.getRole('p', 'u1')).toBe('owner')
      expect((await store.getUserByEmail('o@x.org'))?.id).toBe('u1')
      await store.updateUser('u1', { name: 'Olivia' })
      expect((await store.getUser('u1'))?.name).toBe('Olivia')

      const future = new Date(Date.now() + 60_000).toISOString()
      await store.createSession({
        id: 's1',
        tokenHash: 'th1',
        userId: 'u1',
        userAgent: 'ua',
        expiresAt: future,
      })
      await store.createSession({
        id: 's2',
        tokenHash: 'th2',
        userId: 'u1',
        userAgent: 'ua',
        expiresAt: new Date(0).toISOString(),
      })
      expect((await store.getSession('th1'))?.id).toBe('s1')
      expect(await store.getSession('th2')).toBeNull()
      expect((await store.listSessions('u1')).map((x) => x.id)).toEqual(['s1'])
      await store.deleteSession('s1')
      expect(await store.getSession('th1')).toBeNull()

      const expires = new Date(Date.now() + 60_000).toISOString()
      await store.createInvite({
        id: 'i1',
        projectId: 'p',
        role: 'reviewer',
        tokenHash: 'ih1',
        createdBy: 'u1',
        expiresAt: expires,
      })
      const lead = { id: 'u3', email: 'l@x.org', name: 'L', color: '#000000', passwordHash: 'h' }
      const now = new Date().toISOString()
      expect(await accept(store, 'ih1', 'u3', now, lead)).toEqual({
        ok: true,
        userId: 'u3',
        role: 'reviewer',
      })
      expect(await accept(store, 'ih1', 'u9', now)).toEqual({ ok: false, reason: 'used' })
      await store.createInvite({
        id: 'i2',
        projectId: 'p',
        role: 'annotator',
        tokenHash: 'ih2',
        createdBy: 'u1',
        expiresAt: expires,
      })
      expect(await accept(store, 'ih2', 'u4', now, { ...lead, id: 'u4' })).toEqual({
        ok: false,
        reason: 'email_taken',
      })
      await store.setRole('p', 'u3', 'lead')
      expect(await accept(store, 'ih2', 'u3', now)).toEqual({ ok: true, userId: 'u3', role: 'lead' })
      await store.createInvite({
        id: 'i3',
        projectId: 'p',
        role: 'annotator',
        tokenHash: 'ih3',
        createdBy: 'u1',
        expiresAt: now,
      })
      expect(await accept(store, 'ih3', 'u3', new Date(Date.now() + 1000).toISOString())).toEqual({
        ok: false,
        reason: 'expired',
      })
      await store.createInvite({
        id: 'i4',
        projectId: 'p',
        role: 'annotator',
        tokenHash: 'ih4',
        createdBy: 'u1',
        expiresAt: expires,
      })
      expect(await store.revokeInvite('p', 'i4', now)).toBe(true)
      expect(await accept(store, 'ih4', 'u3', now)).toEqual({ ok: false, reason: 'revoked' })
      expect(await accept(store, 'nope', 'u3', now)).toEqual({ ok: false, reason: 'unknown' })

      expect((await store.listMembers('p')).map((m) => [m.userId, m.role])).toEqual([
        ['u1', 'owner'],
        ['u3', 'lead'],
      ])
      expect((await store.listProjectsForUser('u3')).map((x) => [x.id, x.role])).toEqual([['p', 'lead']])
      expect(await store.removeMember('p', 'u3')).toBe(true)
      expect(await store.getRole('p', 'u3')).toBeNull()

      await store.appendAudit({ projectId: 'p', actorId: 'u1', action: 'first', details: { a: 1 } })
      await store.appendAudit({ projectId: 'p', actorId: null, action: 'second', details: {} })
      expect((await store.listAudit('p', 10)).map((e) => [e.action, e.actorName])).toEqual([
        ['second', 'system'],
        ['first', 'Olivia'],
      ])
      await store.close()
    })

    it('records one decision per suggestion with its audit entry, even when decided concurrently', async () => {
      const { store } = await factory.fresh()
      await store.createProject({ id: 'p', name: 'P' })
      await store.addSetupToken('setup-hash')
      const owner = {
        id: 'u1',
        email: 'o@x.org',
        name: 'Olivia',
        color: '#000000',
        passwordHash: '$argon2id$x',
      }
      await store.completeSetup('setup-hash', owner)
      const at = '2026-02-01T00:00:00.000Z'
      const decide = (userId: string, decision: 'accept' | 'reject', suggestionId = 's1') =>
        store.recordSuggestionDecision(
          { projectId: 'p', suggestionId, decision, userId, at },
          { action: `suggestion.${decision}ed`, details: { suggestionId, by: userId } },
        )
      const raced = await Promise.all([
        decide('u1', 'accept'),
        decide('u2', 'reject'),
        decide('u3', 'accept'),
      ])
      const winners = raced.filter((r) => r.recorded)
      expect(winners).toHaveLength(1)
      const held = await store.getSuggestionDecision('p', 's1')
      expect(held).toMatchObject({ projectId: 'p', suggestionId: 's1', decidedAt: at })
      for (const r of raced) if (!r.recorded) expect(r.existing).toEqual(held)
      // Only the decision that held is in the audit log; a name comes from the account when there is one.
      const audit = await store.listAudit('p', 10)
      expect(audit.map((e) => e.details)).toEqual([{ suggestionId: 's1', by: held!.decidedBy.id }])
      expect(held!.decidedBy.name).toBe(held!.decidedBy.id === 'u1' ? 'Olivia' : 'a former member')
      // Another suggestion, or the same id in another project, is decided on its own.
      expect(await decide('u1', 'reject', 's2')).toEqual({ recorded: true })
      expect(await store.getSuggestionDecision('p', 's3')).toBeNull()
      expect(await store.getSuggestionDecision('other', 's1')).toBeNull()
      await store.close()
    })

    it('numbers versions from the latest and the bump, even when published concurrently', async () => {
      const { store } = await factory.fresh()
      await store.createProject({ id: 'p', name: 'P' })
      const publish = (bump: 'major' | 'minor' | 'patch') =>
        store.publishVersion({
          projectId: 'p',
          bump,
          changelog: bump,
          author: { id: 'u', name: 'U' },
          snapshot: new Uint8Array([1, 2, 3]),
          counts: { criteria: 1, examples: 2, openThreads: 0 },
          render: (version, at) => JSON.stringify({ version, at }),
        })
      expect((await publish('major')).version).toBe('1.0.0')
      expect((await publish('patch')).version).toBe('1.0.1')
      expect((await publish('minor')).version).toBe('1.1.0')
      const concurrent = await Promise.all([
        publish('minor'),
        publish('minor'),
        publish('minor'),
        publish('major'),
      ])
      expect(new Set(concurrent.map((v) => v.version)).size).toBe(4)
      const listed = await store.listVersions('p')
      expect(listed).toHaveLength(7)
      expect(listed[0]!.ordinal).toBe(7)
      const stored = await store.getVersion('p', '1.0.1')
      expect(JSON.parse(stored!.json)).toMatchObject({ version: '1.0.1' })
      expect(Array.from(stored!.snapshot)).toEqual([1, 2, 3])
      expect((await store.latestVersion('p'))!.version).toBe(listed[0]!.version)

      await store.createReadToken({
        id: 't1',
        projectId: 'p',
        name: 'Tool',
        tokenHash: 'rt',
        createdBy: 'u',
        scopes: [],
      })
      await store.createReadToken({
        id: 't2',
        projectId: 'p',
        name: 'Gold tool',
        tokenHash: 'rt2',
        createdBy: 'u',
        scopes: ['gold'],
      })
      expect((await store.redeemReadToken('rt'))?.lastUsedAt).not.toBeNull()
      expect((await store.redeemReadToken('rt'))?.scopes).toEqual([])
      expect((await store.redeemReadToken('rt2'))?.scopes).toEqual(['gold'])
      expect((await store.listReadTokens('p')).map((t) => [t.id, t.scopes]).sort()).toEqual([
        ['t1', []],
        ['t2', ['gold']],
      ])
      expect(await store.revokeReadToken('p', 't1')).toBe(true)
      expect(await store.redeemReadToken('rt')).toBeNull()
      await store.close()
    })

    it('holds at most one open attempt per annotator and project, even when started concurrently', async () => {
      const { store } = await factory.fresh()
      for (const p of ['p', 'q']) await store.createProject({ id: p, name: p })
      await store.addSetupToken('s')
      await store.completeSetup('s', {
        id: 'u',
        email: 'u@x.org',
        name: 'U',
        color: '#000000',
        passwordHash: 'h',
      })
      const start = (id: string, projectId = 'p') =>
        store.createAttempt({ id, projectId, userId: 'u', version: '1.0.0', exampleOrder: ['e'] })
      const raced = await Promise.all(['r1', 'r2', 'r3', 'r4'].map((id) => start(id)))
      const created = raced.filter((a) => a !== null)
      expect(created).toHaveLength(1)
      expect((await store.openAttempt('p', 'u'))?.id).toBe(created[0]!.id)
      // The losers left nothing behind.
      expect((await store.listAttempts('p', 'u')).map((a) => a.id)).toEqual([created[0]!.id])
      expect(await start('other-project', 'q')).not.toBeNull()
      expect(await store.submitAttempt(created[0]!.id, { score: 1, passed: true, result: RESULT })).toBe(true)
      expect(await store.openAttempt('p', 'u')).toBeNull()
      expect(await start('next')).not.toBeNull()
      expect((await store.openAttempt('p', 'u'))?.id).toBe('next')
      await store.close()
    })

    it('tells which roles a member held from the audit log', async () => {
      const { store } = await factory.fresh()
      await store.createProject({ id: 'p', name: 'P' })
      await store.addSetupToken('s')
      await store.completeSetup('s', {
        id: 'u',
        email: 'u@x.org',
        name: 'U',
        color: '#000000',
        passwordHash: 'h',
      })
      // completeSetup makes the first user owner of ownerless projects.
      expect(await store.rolesHeld('p', 'u')).toEqual(['owner'])
      await store.appendAudit({
        projectId: 'p',
        actorId: 'u',
        action: 'member.joined',
        details: { userId: 'x', role: 'reviewer' },
      })
      await store.appendAudit({
        projectId: 'p',
        actorId: 'u',
        action: 'member.role_changed',
        details: { userId: 'x', from: 'reviewer', to: 'annotator' },
      })
      await store.appendAudit({
        projectId: 'p',
        actorId: 'x',
        action: 'project.renamed',
        details: { from: 'a', to: 'b' },
      })
      expect((await store.rolesHeld('p', 'x')).sort()).toEqual(['annotator', 'reviewer'])
      expect(await store.rolesHeld('p', 'nobody')).toEqual([])
      await store.close()
    })

    it('keeps calibration attempts, answers, one submission, cool-downs and disputes', async () => {
      const { store } = await factory.fresh()
      await store.createProject({ id: 'p', name: 'P' })
      await store.addSetupToken('s')
      await store.completeSetup('s', {
        id: 'u',
        email: 'u@x.org',
        name: 'Una',
        color: '#000000',
        passwordHash: 'h',
      })
      const attempt = await store.createAttempt({
        id: 'a1',
        projectId: 'p',
        userId: 'u',
        version: '1.0.0',
        exampleOrder: ['e2', 'e1'],
      })
      expect(attempt).toMatchObject({ status: 'in_progress', exampleOrder: ['e2', 'e1'], answers: {} })
      expect(await store.saveAnswers('a1', 'e1', { c: { value: 3, rationale: 'r' } })).toBe(true)
      expect(await store.saveAnswers('a1', 'e2', { c: { value: true } })).toBe(true)
      expect((await store.getAttempt('a1'))!.answers).toEqual({
        e1: { c: { value: 3, rationale: 'r' } },
        e2: { c: { value: true } },
      })
      const result = { ...RESULT, attemptId: 'a1', score: 0.5 }
      const before = await store.submittedAttemptsStamp('p')
      expect(before).toBe('0:')
      expect(await store.submitAttempt('a1', { score: 0.5, passed: false, result })).toBe(true)
      const after = await store.submittedAttemptsStamp('p')
      expect(after).not.toBe(before)
      expect(after.startsWith('1:')).toBe(true)
      expect(await store.submitAttempt('a1', { score: 1, passed: true, result })).toBe(false)
      expect(await store.saveAnswers('a1', 'e1', {})).toBe(false)
      expect(await store.getAttempt('a1')).toMatchObject({
        status: 'submitted',
        score: 0.5,
        passed: false,
        result,
      })
      expect((await store.listAttempts('p', 'u')).map((a) => a.id)).toEqual(['a1'])

      expect(await store.retakeCooldownMinutes('p')).toBe(60)
      await store.setRetakeCooldownMinutes('p', 5)
      expect(await store.retakeCooldownMinutes('p')).toBe(5)

      await store.createDispute({
        id: 'd1',
        projectId: 'p',
        attemptId: 'a1',
        version: '1.0.0',
        exampleId: 'e1',
        criterionId: 'c',
        userId: 'u',
        comment: 'No',
      })
      expect((await store.listDisputes('p'))[0]).toMatchObject({
        id: 'd1',
        status: 'open',
        userName: 'Una',
        outcome: null,
        fixedInVersion: null,
      })
      // Not pending a fix while open.
      expect(await store.markDisputeFixed('p', 'd1', '1.0.1')).toBe(false)
      const resolution = { reply: 'Fixed', outcome: 'gold_wrong', resolvedBy: 'u' } as const
      expect(await store.resolveDispute('other', 'd1', resolution)).toBe(false)
      expect(await store.resolveDispute('p', 'd1', resolution)).toBe(true)
      expect(await store.resolveDispute('p', 'd1', { ...resolution, reply: 'Again' })).toBe(false)
      expect((await store.listDisputes('p', 'u'))[0]).toMatchObject({
        status: 'resolved',
        reply: 'Fixed',
        outcome: 'gold_wrong',
        fixedInVersion: null,
      })
      expect(await store.markDisputeFixed('other', 'd1', '1.0.1')).toBe(false)
      expect(await store.markDisputeFixed('p', 'd1', '1.0.1')).toBe(true)
      expect(await store.markDisputeFixed('p', 'd1', '1.0.2')).toBe(false)
      expect((await store.listDisputes('p'))[0]).toMatchObject({ fixedInVersion: '1.0.1' })

      // A re-score is stored beside the original; the record reads the re-score as its effective outcome.
      expect(await store.getAttempt('a1')).toMatchObject({ rescored: null })
      const corrections = [{ exampleId: 'e1', criterionId: 'c', fixedIn: '1.0.1' }]
      const rescoredResult = { ...RESULT, attemptId: 'a1', score: 1, passed: true }
      const at = '2026-01-01T00:00:00.000Z'
      expect(
        await store.rescoreAttempt('a1', { score: 1, passed: true, result: rescoredResult, corrections, at }),
      ).toBe(true)
      const rescored = (await store.listAttempts('p'))[0]!
      expect(rescored).toMatchObject({
        score: 1,
        passed: true,
        result: rescoredResult,
        rescored: { original: { score: 0.5, passed: false, result }, corrections, at },
      })
      await store.createAttempt({ id: 'a2', projectId: 'p', userId: 'u', version: '1.0.0', exampleOrder: [] })
      expect(
        await store.rescoreAttempt('a2', { score: 1, passed: true, result: rescoredResult, corrections, at }),
      ).toBe(false)
      await store.close()
    })

    it('redeems an invite only as the decision says, writing nothing on a refusal', async () => {
      const { store } = await factory.fresh()
      await store.createProject({ id: 'p', name: 'P' })
      await store.addSetupToken('s')
      const owner = { id: 'u1', email: 'o@x.org', name: 'O', color: '#000000', passwordHash: 'h' }
      await store.completeSetup('s', owner)
      const expiresAt = new Date(Date.now() + 60_000).toISOString()
      await store.createInvite({
        id: 'i',
        projectId: 'p',
        role: 'reviewer',
        tokenHash: 'ih',
        createdBy: 'u1',
        expiresAt,
      })
      const at = new Date().toISOString()
      const newUser = { id: 'u2', email: 'n@x.org', name: 'N', color: '#000000', passwordHash: 'h' }
      const seen: unknown[] = []
      const refused = await store.redeemInvite({ tokenHash: 'ih', userId: 'u2', at, newUser }, (facts) => {
        seen.push(facts)
        return { ok: false, reason: 'revoked' }
      })
      expect(refused).toEqual({ ok: false, reason: 'revoked' })
      expect(seen).toEqual([
        {
          invite: expect.objectContaining({ id: 'i', role: 'reviewer', usedAt: null }),
          emailTaken: false,
          currentRole: null,
        },
      ])
      expect(await store.getUser('u2')).toBeNull()
      expect((await store.getInviteByTokenHash('ih'))?.usedAt).toBeNull()

      // The facts a decision needs: a taken email, and the role the user already has.
      const facts = await new Promise((resolve) => {
        void store.redeemInvite(
          { tokenHash: 'ih', userId: 'u1', at, newUser: { ...newUser, email: 'o@x.org' } },
          (f) => {
            resolve(f)
            return { ok: false, reason: 'email_taken' }
          },
        )
      })
      expect(facts).toMatchObject({ emailTaken: true, currentRole: 'owner' })

      expect(
        await store.redeemInvite({ tokenHash: 'ih', userId: 'u2', at, newUser }, () => ({
          ok: true,
          role: 'lead',
        })),
      ).toEqual({
        ok: true,
        role: 'lead',
      })
      expect(await store.getRole('p', 'u2')).toBe('lead')
      expect(await store.getInviteByTokenHash('ih')).toMatchObject({ usedAt: at, usedBy: 'u2' })
      await store.close()
    })

    it('undoes the whole redemption when one of its writes fails', async () => {
      const { store } = await factory.fresh()
      await store.createProject({ id: 'p', name: 'P' })
      await store.addSetupToken('s')
      await store.completeSetup('s', {
        id: 'u1',
        email: 'o@x.org',
        name: 'O',
        color: '#000000',
        passwordHash: 'h',
      })
      const expiresAt = new Date(Date.now() + 60_000).toISOString()
      await store.createInvite({
        id: 'i',
        projectId: 'p',
        role: 'reviewer',
        tokenHash: 'ih',
        createdBy: 'u1',
        expiresAt,
      })
      const newUser = { id: 'u2', email: 'n@x.org', name: 'N', color: '#000000', passwordHash: 'h' }
      const request = { tokenHash: 'ih', userId: 'u2', at: new Date().toISOString(), newUser }
      // The user is created and the invite used before the membership write, which the role check refuses.
      await expect(
        store.redeemInvite(request, () => ({ ok: true, role: 'superuser' as Role })),
      ).rejects.toThrow()
      expect(await store.getUser('u2')).toBeNull()
      expect((await store.getInviteByTokenHash('ih'))?.usedAt).toBeNull()
      expect(await store.redeemInvite(request, () => ({ ok: true, role: 'annotator' }))).toEqual({
        ok: true,
        role: 'annotator',
      })
      await store.close()
    })

    it('keeps the audit log append-only, even against raw SQL', async () => {
      const { store, raw } = await factory.fresh()
      await store.appendAudit({
        projectId: 'p',
        actorId: null,
        action: 'role.changed',
        details: { to: 'lead' },
      })
      await expect(raw(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/)
      await expect(raw('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
      await raw(
        `INSERT INTO audit_log (project_id, actor_id, action, details, created_at) VALUES ('p', NULL, 'raw', '{}', 'now')`,
      )
      const entries = await store.listAudit('p', 10)
      expect(entries.map((e) => [e.action, e.details])).toEqual([
        ['raw', {}],
        ['role.changed', { to: 'lead' }],
      ])
      await store.close()
    })

    it('coalesces gold edits to one row per person, example and minute, and keeps closed rows as they are', async () => {
      const { store, raw } = await factory.fresh()
      const T = Date.UTC(2026, 0, 1, 12, 0, 0)
      const edit = (
        userId: string,
        exampleId: string,
        at: number,
        slot: string,
        from: number,
        to: number,
      ) => ({
        projectId: 'p',
        exampleId,
        userId,
        at,
        changes: [{ slot, from: [from], to: [to] }],
      })
      // Lead 1 changes e1 three times within the minute (two batches), once on another slot; lead 2 once.
      await store.recordGoldEdits([edit('u1', 'e1', T, 'c1', 1, 2), edit('u2', 'e1', T + 1000, 'c1', 2, 3)])
      await store.recordGoldEdits([
        edit('u1', 'e1', T + 30_000, 'c1', 3, 4),
        edit('u1', 'e1', T + 59_999, 'c1', 4, 5),
        edit('u1', 'e1', T + 59_999, 'c2@A', 0, 1),
      ])
      // A minute after lead 1's first change: a new row; another example: its own row.
      await store.recordGoldEdits([edit('u1', 'e1', T + 60_000, 'c1', 5, 6), edit('u1', 'e2', T, 'c1', 7, 8)])
      await store.recordGoldEdits([])
      const rows = await store.listGoldEdits('p', { limit: 10 })
      const shape = rows.map((r) => [r.userId, r.exampleId, r.firstAt, r.lastAt, r.changes])
      const iso = (ms: number) => new Date(ms).toISOString()
      expect(shape).toEqual([
        ['u1', 'e1', iso(T + 60_000), iso(T + 60_000), [{ slot: 'c1', from: [5], to: [6] }]],
        [
          'u1',
          'e1',
          iso(T),
          iso(T + 59_999),
          [
            { slot: 'c1', from: [1], to: [5] },
            { slot: 'c2@A', from: [0], to: [1] },
          ],
        ],
        ['u2', 'e1', iso(T + 1000), iso(T + 1000), [{ slot: 'c1', from: [2], to: [3] }]],
        ['u1', 'e2', iso(T), iso(T), [{ slot: 'c1', from: [7], to: [8] }]],
      ])
      expect(rows.every((r) => r.userName === 'former member')).toBe(true)
      expect(
        (await store.listGoldEdits('p', { exampleId: 'e2', limit: 10 })).map((r) => r.exampleId),
      ).toEqual(['e2'])
      expect(await store.listGoldEdits('p', { limit: 1 })).toHaveLength(1)
      expect(await store.listGoldEdits('other', { limit: 10 })).toEqual([])
      // Closed rows cannot be changed or removed, even with raw SQL; an open row only within its minute.
      await expect(raw(`UPDATE gold_edits SET last_at = first_at + 60000`)).rejects.toThrow(/append-only/)
      await expect(raw(`UPDATE gold_edits SET user_id = 'forged'`)).rejects.toThrow(/append-only/)
      await expect(raw('DELETE FROM gold_edits')).rejects.toThrow(/append-only/)
      expect(await store.listGoldEdits('p', { limit: 10 })).toEqual(rows)
      await store.close()
    })
  })
}
