/**
 * Deciding suggested edits with two instances sharing PostgreSQL and Redis: two leads accepting the same
 * suggestion at the same moment, each through another instance, get exactly one 200 and one 409
 * `suggestion_decided` — round after round — and the audit log holds one entry per suggestion.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { commentsDocName } from '../../shared/protocol/docNames'
import type { AuditEntry } from '../../shared/schema/auth'
import { api, apiJson, createProject, inviteUser, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitFor, waitForSynced } from '../helpers/clients'
import { addParagraph, person } from '../helpers/comments'
import { dropSchemas, freshSchema, TEST_DATABASE_URL } from '../helpers/postgres'
import { redisPrefix, requireRedis, TEST_REDIS_URL } from '../helpers/redis'
import { removeTempDirs, spawnServer, stopAllServers } from '../helpers/server'
import { suggestInGuideline, suggestionIsDurable } from '../helpers/suggestions'

beforeAll(() => requireRedis())
afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})
afterAll(() => dropSchemas())

const ROUNDS = 5

it('lets exactly one of two leads on two instances accept the same suggestion', async () => {
  const schema = await freshSchema()
  const env = {
    DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix(),
  }
  const one = await spawnServer({ env })
  const two = await spawnServer({ env })
  const owner = await setupOwner(one)
  const project = await createProject(one.url, owner)
  const ada = await inviteUser(one.url, owner, project, 'lead', 'Ada Lead')
  const bo = await inviteUser(one.url, owner, project, 'lead', 'Bo Lead')
  const reviewer = await inviteUser(one.url, owner, project, 'reviewer', 'Rae Reviewer')

  const draft = connectClient(one.url, project, { user: reviewer })
  const comments = connectClient(two.url, commentsDocName(project), { user: reviewer })
  const owners = connectClient(one.url, project, { user: owner })
  await Promise.all([draft, comments, owners].map((c) => waitForSynced(c)))
  const words = Array.from({ length: ROUNDS }, (_, i) => `word${i}`)
  addParagraph(owners.doc, `Answers use ${words.join(' ')} here.`)
  await waitFor(() => words.every((w) => draft.doc.getXmlFragment('guideline').toString().includes(w)))
  const ids = words.map((w) => suggestInGuideline(draft.doc, comments.doc, w, `${w}x`, person(reviewer)))
  // Both instances hold every suggestion (stored once, in the shared database).
  for (const url of [one.url, two.url]) await suggestionIsDurable(url, project, reviewer, ids.at(-1)!)

  for (const id of ids) {
    const [a, b] = await Promise.all([
      api(one.url, `/api/projects/${project}/suggestions/${id}/decision`, {
        user: ada,
        body: { decision: 'accept' },
      }),
      api(two.url, `/api/projects/${project}/suggestions/${id}/decision`, {
        user: bo,
        body: { decision: 'accept' },
      }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const refused = (a.status === 409 ? a : b).json() as Promise<{ error: string; message: string }>
    expect((await refused).error).toBe('suggestion_decided')
  }

  const { entries } = await apiJson<{ entries: AuditEntry[] }>(two.url, `/api/projects/${project}/audit`, {
    user: owner,
  })
  const accepted = entries.filter((e) => e.action === 'suggestion.accepted')
  expect(accepted.map((e) => e.details.suggestionId).sort()).toEqual([...ids].sort())
  for (const entry of accepted) expect(['Ada Lead', 'Bo Lead']).toContain(entry.actor)
})
