/**
 * No event lost on a crash: a real server process publishes a version (its delivery row committed in the
 * same transaction) and is killed with SIGKILL before it delivers; restarted on the same DATA_DIR, it
 * delivers the event to the endpoint exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { setupOwner } from '../helpers/accounts'
import { destroyAllClients, waitFor } from '../helpers/clients'
import { removeTempDirs, spawnServer, stopAllServers } from '../helpers/server'
import { closeAllReceivers, startReceiver } from '../helpers/webhookReceiver'
import { addEndpoint, eventOf, publish, publishableProject, signatureValid } from '../helpers/webhooks'

afterEach(async () => {
  destroyAllClients()
  await closeAllReceivers()
  await stopAllServers()
  removeTempDirs()
})

const ENV = { WEBHOOK_ALLOW_PRIVATE_HOSTS: '127.0.0.1', WEBHOOK_POLL_MS: '100' }

describe('webhook delivery across a crash', () => {
  it('delivers an event committed just before SIGKILL exactly once after restart', async () => {
    const receiver = await startReceiver()
    // This first process queues deliveries but never sends them: the kill lands between event and delivery.
    const server = await spawnServer({ env: { ...ENV, WEBHOOK_WORKER: 'false' } })
    const owner = await setupOwner(server)
    const project = await publishableProject(server.url, owner)
    const endpoint = await addEndpoint(server.url, owner, project, { url: receiver.url })
    expect((await publish(server.url, owner, project)).status).toBe(201)
    server.child.kill('SIGKILL')
    expect(await server.exited).toBe('SIGKILL')
    expect(receiver.received).toHaveLength(0)

    await spawnServer({ dataDir: server.dataDir, env: ENV })
    await waitFor(() => receiver.received.length >= 1, { message: 'delivery after restart' })
    // Many poll rounds later, still exactly one.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(receiver.received).toHaveLength(1)
    const event = eventOf(receiver.received[0]!)
    expect(event).toMatchObject({
      type: 'version.published',
      project_id: project,
      data: { version: '1.0.0' },
    })
    expect(signatureValid(receiver.received[0]!, endpoint.secret)).toBe(true)
  })
})
