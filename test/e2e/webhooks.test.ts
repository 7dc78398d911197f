/**
 * Webhooks in real Chromium: an owner adds an endpoint pointing at a local receiver (allowed by
 * WEBHOOK_ALLOW_PRIVATE_HOSTS on this test server), publishes a version from the editor, sees the delivery
 * "delivered" with 200 in the log on the members and settings page, clicks Redeliver and the receiver gets
 * the same event again; every delivery's signature verifies with the secret the page showed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProject, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { connectClient, waitFor, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { type ChildServer, spawnServer } from '../helpers/server'
import { closeAllReceivers, type Receiver, startReceiver } from '../helpers/webhookReceiver'
import { eventOf, signatureValid } from '../helpers/webhooks'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { waitForStatus } from './editorPage'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let receiver: Receiver

beforeAll(async () => {
  server = await spawnServer({
    env: { ...SERVER_ENV, WEBHOOK_ALLOW_PRIVATE_HOSTS: '127.0.0.1', WEBHOOK_POLL_MS: '200' },
  })
  owner = await setupOwner(server)
  receiver = await startReceiver()
})

afterAll(() => closeAllReceivers())

describe('webhooks on the settings page', () => {
  it('adds an endpoint, delivers a publication with 200, and redelivers it', async () => {
    const projectId = await createProject(server.url, owner, 'Hooked project')
    const draft = connectClient(server.url, projectId, { user: owner })
    await waitForSynced(draft)
    completeDraft(draft)
    await draftIsDurable(server.url, projectId, owner, draft)
    draft.destroy()

    const { page } = await suite.newUser(server.url, owner)
    await page.goto(`${server.url}/projects/${projectId}/members`)
    const section = page.getByTestId('webhook-section')
    await section.waitFor()
    await page.getByTestId('webhook-url-input').fill(receiver.url)
    await page.getByTestId('webhook-description-input').fill('Labeling platform')
    await page.getByTestId('webhook-add').click()
    await page.getByTestId('webhook-created').waitFor()
    const secret = await page.getByTestId('webhook-created-secret').inputValue()
    expect(secret).toMatch(/^whsec_/)
    await page.getByTestId('webhook-endpoint').waitFor()

    // Publish from the editor, as an owner does.
    await page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(page, 'saved')
    await page.getByTestId('publish-button').click()
    await page.getByTestId('publish-dialog').waitFor()
    await page.getByTestId('publish-changelog').fill('First release')
    await page.getByTestId('publish-submit').click()
    await page.getByTestId('publish-toast').waitFor()
    await waitFor(() => receiver.received.length === 1, { message: 'the publication delivered' })
    expect(eventOf(receiver.received[0]!)).toMatchObject({
      type: 'version.published',
      data: { version: '1.0.0' },
    })

    await page.goto(`${server.url}/projects/${projectId}/members`)
    await page.getByTestId('webhook-log-toggle').click()
    const row = page.getByTestId('webhook-delivery').first()
    await row.waitFor()
    await waitFor(
      async () => {
        if ((await row.getAttribute('data-status')) === 'delivered') return true
        await page.getByTestId('webhook-log-refresh').click()
        return false
      },
      { interval: 300, message: 'the log shows delivered' },
    )
    expect(await row.getByTestId('webhook-delivery-status').textContent()).toBe('delivered')
    expect(await row.getByTestId('webhook-delivery-code').textContent()).toBe('200')
    await screenshot(page, 'webhooks-01-delivery-log')

    await row.getByTestId('webhook-redeliver').click()
    await waitFor(() => receiver.received.length === 2, { message: 'the redelivery' })
    expect(eventOf(receiver.received[1]!).id).toBe(eventOf(receiver.received[0]!).id)
    for (const delivery of receiver.received) expect(signatureValid(delivery, secret)).toBe(true)
    await waitFor(async () => (await page.getByTestId('webhook-delivery').count()) === 2, {
      message: 'the log lists the redelivery',
    })
  })
})
