/**
 * The open-attempts migration on a database that already holds several open attempts per person (allowed
 * before the one-open-attempt rule): it does not fail, registers the newest one, and the older ones can no
 * longer be submitted.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS, migrationSql } from '../../server/storage/schema'
import { openSqliteStore } from '../../server/storage/sqlite'
import type { AttemptResult } from '../../shared/schema/calibration'
import { removeTempDirs, tempDataDir } from '../helpers/server'

afterAll(() => removeTempDirs())

const OPEN_ATTEMPTS_MIGRATION = MIGRATIONS.findIndex(
  (m) => typeof m === 'string' && m.includes('CREATE TABLE open_attempts'),
)

describe('open_attempts migration', () => {
  it('keeps existing parallel open attempts and registers the newest', async () => {
    expect(OPEN_ATTEMPTS_MIGRATION).toBeGreaterThan(0)
    const file = join(tempDataDir(), 'legacy.sqlite')
    const db = new Database(file)
    for (const m of MIGRATIONS.slice(0, OPEN_ATTEMPTS_MIGRATION)) db.exec(migrationSql(m, 'sqlite'))
    db.pragma(`user_version = ${OPEN_ATTEMPTS_MIGRATION}`)
    const at = (m: number) => `2026-01-01T00:0${m}:00.000Z`
    db.prepare(`INSERT INTO projects VALUES ('p', 'P', ?, ?)`).run(at(0), at(0))
    db.prepare(`INSERT INTO users VALUES ('u', 'u@x.org', 'U', '#000', 'h', ?)`).run(at(0))
    const insert = db.prepare(
      `INSERT INTO attempts (id, project_id, user_id, version, status, example_order, answers, started_at, updated_at)
       VALUES (?, 'p', 'u', ?, 'in_progress', '["e"]', '{}', ?, ?)`,
    )
    insert.run('old', '1.0.0', at(1), at(1))
    insert.run('new', '1.1.0', at(2), at(2))
    db.close()

    const store = openSqliteStore(file)
    expect((await store.openAttempt('p', 'u'))?.id).toBe('new')
    const result = { attemptId: 'old', version: '1.0.0', score: 1, passed: true } as AttemptResult
    expect(await store.submitAttempt('old', { score: 1, passed: true, result })).toBe(false)
    expect(await store.submitAttempt('new', { score: 1, passed: true, result })).toBe(true)
    expect(await store.openAttempt('p', 'u')).toBeNull()
    expect((await store.getAttempt('old'))?.status).toBe('in_progress')
    await store.close()
  })
})
