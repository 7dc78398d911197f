/**
 * The gold edit log with two instances sharing PostgreSQL and Redis: each change is recorded once, by the
 * instance whose socket sent it (relayed copies are not recorded again), and one person's changes through
 * both instances within a minute still make one row.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { setGold } from '../../shared/ydoc/examplesDoc'
import { inviteUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitFor, waitForSynced } from '../helpers/clients'
import { draftWithGold, editsOf, goldIn, leadOn, rowsOf } from '../helpers/goldEdits'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { redisPrefix, requireRedis, TEST_REDIS_URL } from '../helpers/redis'
import { removeTempDirs, spawnServer, stopAllServers } from '../helpers/server'

beforeAll(() => requireRedis())
afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})
afterAll(() => dropSchemas())

it('records each change once across instances, one row per person, example and minute', async () => {
  const schema = await freshSchema()
  const env = {
    DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix(),
  }
  const one = await spawnServer({ env })
  const two = await spawnServer({ env })
  const s = await draftWithGold(one.url, one.setupUrl)
  const a = await leadOn(s, 'Ada Lead')
  const aElsewhere = connectClient(two.url, s.project, { user: a.user })
  const bUser = await inviteUser(s.url, s.owner, s.project, 'lead', 'Bo Lead')
  const b = connectClient(two.url, s.project, { user: bUser })
  await Promise.all([waitForSynced(aElsewhere), waitForSynced(b)])

  setGold(a.client.doc, s.exampleId, s.criterionId, [1])
  await waitFor(() => goldIn(aElsewhere, s) === '[1]', { message: 'A’s second tab sees [1]' })
  setGold(aElsewhere.doc, s.exampleId, s.criterionId, [2])
  await waitFor(() => goldIn(b, s) === '[2]', { message: 'B sees [2]' })
  setGold(b.doc, s.exampleId, s.criterionId, [5])
  await waitFor(() => goldIn(a.client, s) === '[5]', { message: 'A sees B’s [5]' })

  const rowsA = await rowsOf(s, a.user, (r) => JSON.stringify(r[0]?.changes[0]?.to) === '[2]')
  const rowsB = await rowsOf(s, bUser, (r) => r.length === 1)
  // Long enough for any relayed copy to have been written (each instance writes about once a second).
  await new Promise((resolve) => setTimeout(resolve, 2500))
  expect(rowsA.map((r) => r.changes)).toEqual([
    [{ slot: s.criterionId, criterionId: s.criterionId, from: [3], to: [2] }],
  ])
  expect(rowsB.map((r) => r.changes)).toEqual([
    [{ slot: s.criterionId, criterionId: s.criterionId, from: [2], to: [5] }],
  ])
  const all = await editsOf(s)
  expect(all.map((r) => r.userName).sort()).toEqual(['Ada Lead', 'Bo Lead', 'Olivia Owner'])
})
