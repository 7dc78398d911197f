/**
 * The Yjs client id binding holds across instances (docs/sync-rules.md): an instance learns who wrote an
 * update from the instance that stored it, so an impostor on instance B who writes as the client id of a
 * writer on instance A — a writer without any presence, so only the update's author tells B — is closed
 * with 4422 and nothing of it is stored, while the writer on A carries on.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { CloseCode, CloseReason } from '../../shared/protocol/closeCodes'
import { createProject, inviteUser, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, type TestClient, waitFor, waitForSynced } from '../helpers/clients'
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

async function twoInstances() {
  const schema = await freshSchema()
  const env = {
    DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix(),
  }
  const a = await spawnServer({ env })
  const b = await spawnServer({ env })
  return { a, b }
}

/** Runs `edit` as Yjs client `clientId` (a modified client), then goes back to the document's own id. */
function writeAs(client: TestClient, clientId: number, edit: (doc: Y.Doc) => void): void {
  const own = client.doc.clientID
  client.doc.clientID = clientId
  try {
    edit(client.doc)
  } finally {
    client.doc.clientID = own
  }
}

describe('Yjs client ids across instances', () => {
  it("refuses on instance B an update written as the id of a writer on instance A (known from the update's author)", async () => {
    const { a, b } = await twoInstances()
    const owner = await setupOwner(a)
    const project = await createProject(a.url, owner)
    const lead = await inviteUser(a.url, owner, project, 'lead', 'Lee Lead')

    const watcher = connectClient(b.url, project, { user: lead })
    await waitForSynced(watcher)
    const writer = connectClient(a.url, project, { user: owner })
    writer.provider.awareness.setLocalState(null) // no presence: B can only learn the id from the update
    await waitForSynced(writer)
    writer.doc.getText('t').insert(0, 'mine ')
    await waitFor(() => watcher.doc.getText('t').toString() === 'mine ', { message: 'relayed to B' })
    expect(watcher.provider.awareness.getStates().has(writer.doc.clientID)).toBe(false)

    const impostor = connectClient(b.url, project, { user: lead })
    await waitForSynced(impostor)
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      impostor.provider.on('connection-close', (event) =>
        resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' }),
      ),
    )
    writeAs(impostor, writer.doc.clientID, (doc) => doc.getText('t').insert(5, 'forged'))
    expect(await closed).toEqual({ code: CloseCode.badUpdate, reason: CloseReason.clientIdTaken })

    writer.doc.getText('t').insert(5, 'still mine')
    await waitFor(() => watcher.doc.getText('t').toString() === 'mine still mine', {
      message: "the writer's next change reaches B",
    })
  })
})
