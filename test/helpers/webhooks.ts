/** Webhook test helpers: a project with a published-ready draft, endpoints through the API, signature checks. */
import { createHmac } from 'node:crypto'
import { WEBHOOK_HEADERS } from '../../shared/schema/webhooks'
import { api, apiJson, createProject, type TestUser } from './accounts'
import { connectClient, waitForSynced } from './clients'
import { completeDraft, draftIsDurable } from './drafts'
import type { ReceivedDelivery } from './webhookReceiver'

export const webhooksPath = (project: string) => `/api/projects/${project}/webhooks`

/** A project whose draft can be published (the client is closed again). */
export async function publishableProject(url: string, owner: TestUser, name = 'Hooks'): Promise<string> {
  const project = await createProject(url, owner, name)
  const client = connectClient(url, project, { user: owner })
  await waitForSynced(client)
  completeDraft(client)
  await draftIsDurable(url, project, owner, client)
  client.destroy()
  return project
}

export async function addEndpoint(
  url: string,
  owner: TestUser,
  project: string,
  body: { url: string; events?: string[]; description?: string },
): Promise<{ id: string; secret: string }> {
  return apiJson(url, webhooksPath(project), {
    user: owner,
    body: { events: ['version.published', 'calibration.submitted', 'annotator.status_changed'], ...body },
  })
}

export function publish(url: string, owner: TestUser, project: string, bump: 'major' | 'minor' = 'major') {
  return api(url, `/api/projects/${project}/versions`, { user: owner, body: { bump, changelog: 'Hooked' } })
}

/** Whether the delivery's Yardstick-Signature is the HMAC of its raw body with `secret`. */
export function signatureValid(delivery: ReceivedDelivery, secret: string): boolean {
  const header = String(delivery.headers[WEBHOOK_HEADERS.signature.toLowerCase()])
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)
  if (!match) return false
  const mac = createHmac('sha256', secret).update(`${match[1]}.${delivery.rawBody}`).digest('hex')
  return mac === match[2]
}

export const eventOf = (delivery: ReceivedDelivery) =>
  JSON.parse(delivery.rawBody) as {
    id: string
    type: string
    project_id: string
    data: Record<string, unknown>
  }
