/**
 * Every HTTP route × every identity (anonymous, each role, and a member of another project) gets exactly the
 * expected status. The routes are enumerated from the app itself, so a new route without an entry here
 * fails this test. Every answer (2xx and 4xx) is also checked against the OpenAPI document the server serves:
 * its status must be declared for the operation and its body must fit that status's schema.
 */
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadConfig } from '../../server/config'
import { EXCLUDED_ROUTES } from '../../server/http/openapi/document'
import type { RunningServer } from '../../server/server'
import { commentsDocName } from '../../shared/protocol/docNames'
import type { AttemptView } from '../../shared/schema/calibration'
import { mediaPath, mediaUploadPath } from '../../shared/schema/media'
import {
  api,
  apiJson,
  createProject,
  inviteUser,
  login,
  setupOwner,
  TEST_PASSWORD,
  type TestUser,
} from '../helpers/accounts'
import { takeAttempt } from '../helpers/calibration'
import { connectClient, waitForSynced } from '../helpers/clients'
import { person } from '../helpers/comments'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { type OpenApiDocument, responseValidator } from '../helpers/openapiResponses'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'
import { suggestIn, suggestionIsDurable } from '../helpers/suggestions'

const IDENTITIES = ['anonymous', 'owner', 'lead', 'reviewer', 'annotator', 'outsider', 'token'] as const
type Identity = (typeof IDENTITIES)[number]
type Expected = Record<Identity, number>

/** One status per identity, in the order of IDENTITIES ('token' is the project's read token, as a Bearer header). */
const row = (...statuses: [number, number, number, number, number, number, number]): Expected =>
  Object.fromEntries(IDENTITIES.map((id, i) => [id, statuses[i]])) as Expected
const all = (status: number) => row(status, status, status, status, status, status, status)

interface Call {
  path: string
  body?: unknown
  /** Replace the caller's session (for calls that would destroy it). */
  as?: TestUser | null
  /** A raw request body (media uploads), sent as is instead of `body` as JSON. */
  raw?: Uint8Array<ArrayBuffer>
}

/** Webhook routes are the owner's alone (leads included are refused: the secret signs what receivers trust). */
const ownerOnly = (status: number) => row(401, status, 403, 403, 403, 404, 401)
const WEBHOOK_BODY = { url: 'https://93.184.215.14/hook', events: ['version.published'] }
let webhookId: string
let webhookDeliveryId: string
const freshWebhook = () =>
  apiJson<{ id: string }>(server.url, `/api/projects/${project}/webhooks`, {
    user: users.owner,
    body: WEBHOOK_BODY,
  })

let server: RunningServer
/** What is wrong with an answer, by the OpenAPI document the server serves. */
let openApiProblems: ReturnType<typeof responseValidator>
let users: Record<Exclude<Identity, 'anonymous' | 'token'>, TestUser>
let readToken: string
let submittedAttempt: string
/** A blob uploaded to the project but in no published version yet. */
let mediaHash: string
const tinyPng = () =>
  sharp({ create: { width: 4, height: 4, channels: 3, background: '#888888' } })
    .png()
    .toBuffer()

/** Starts the user's attempt, or resumes the open one (starting again answers 409 with its id). */
async function openAttemptOf(user: TestUser): Promise<AttemptView> {
  const path = `/api/projects/${project}/calibration/attempts`
  const started = await api(server.url, path, { user, body: {} })
  if (started.status === 201) return (await started.json()) as AttemptView
  const { attemptId } = (await started.json()) as { attemptId: string }
  return (await apiJson<{ attempt: AttemptView }>(server.url, `${path}/${attemptId}`, { user })).attempt
}

async function disputeBody() {
  const { attempt } = await apiJson<{ attempt: AttemptView }>(
    server.url,
    `/api/projects/${project}/calibration/attempts/${submittedAttempt}`,
    { user: users.annotator },
  )
  const criterionId = Object.keys(Object.values(attempt.answers)[0]!)[0]!
  return {
    attemptId: submittedAttempt,
    exampleId: attempt.examples[0]!.id,
    criterionId,
    comment: 'I disagree',
  }
}
let project: string
let otherProject: string

const userFor = (identity: Identity) =>
  identity === 'anonymous' || identity === 'token' ? null : users[identity]
const headersFor = (identity: Identity): Record<string, string> =>
  identity === 'token' ? { authorization: `Bearer ${readToken}` } : {}

async function freshInvite(projectId: string, role = 'annotator'): Promise<{ id: string; token: string }> {
  const invite = await apiJson<{ id: string; url: string }>(
    server.url,
    `/api/projects/${projectId}/invites`,
    {
      user: users.owner,
      body: { role },
    },
  )
  return { id: invite.id, token: new URL(invite.url).hash.slice(1) }
}

/** A new open suggestion by the reviewer, stored on the server (deciding it to reject needs no draft text). */
async function freshSuggestion(): Promise<string> {
  const comments = connectClient(server.url, commentsDocName(project), { user: users.reviewer })
  await waitForSynced(comments)
  const target = { kind: 'criterion', criterionId: 'c1', field: 'title' } as const
  const text = new Y.Doc().getText('t')
  text.insert(0, 'Old')
  const id = suggestIn(comments.doc, text, target, 'Old', 'New', person(users.reviewer))
  await suggestionIsDurable(server.url, project, users.reviewer, id)
  comments.destroy()
  return id
}

let victimCount = 0
const freshVictim = () => inviteUser(server.url, users.owner, project, 'annotator', `Victim ${++victimCount}`)

/** How to call each route for a given identity, and what each identity must get. */
const MATRIX: Record<string, { expected: Expected; call: (identity: Identity) => Promise<Call> }> = {
  'GET /healthz': { expected: all(200), call: async () => ({ path: '/healthz' }) },
  'GET /readyz': { expected: all(200), call: async () => ({ path: '/readyz' }) },
  'GET /sync/*': { expected: all(426), call: async () => ({ path: `/sync/${project}` }) },
  'GET /api/openapi.json': { expected: all(200), call: async () => ({ path: '/api/openapi.json' }) },
  'GET /api/setup': { expected: all(200), call: async () => ({ path: '/api/setup' }) },
  'POST /api/setup': {
    expected: all(403),
    call: async () => ({
      path: '/api/setup',
      body: { token: 'not-the-token', email: 'x@example.com', password: TEST_PASSWORD, name: 'X' },
    }),
  },
  'POST /api/auth/login': {
    expected: all(401),
    call: async () => ({
      path: '/api/auth/login',
      body: { email: 'owner@example.com', password: 'wrong password!' },
    }),
  },
  'POST /api/auth/logout': {
    expected: all(204),
    call: async (identity) => ({
      path: '/api/auth/logout',
      body: {},
      as: identity === 'anonymous' || identity === 'token' ? null : await login(server.url, users[identity]),
    }),
  },
  'GET /api/auth/me': {
    expected: row(401, 200, 200, 200, 200, 200, 401),
    call: async () => ({ path: '/api/auth/me' }),
  },
  'GET /api/auth/session': {
    expected: all(200),
    call: async () => ({ path: '/api/auth/session' }),
  },
  'GET /api/auth/sessions': {
    expected: row(401, 200, 200, 200, 200, 200, 401),
    call: async () => ({ path: '/api/auth/sessions' }),
  },
  'DELETE /api/auth/sessions/:sessionId': {
    expected: row(401, 204, 204, 204, 204, 204, 401),
    call: async (identity) => {
      const target = identity === 'anonymous' || identity === 'token' ? users.owner : users[identity]
      const extra = await login(server.url, target)
      const { sessions } = await apiJson<{ sessions: { id: string; current: boolean }[] }>(
        server.url,
        '/api/auth/sessions',
        { user: extra },
      )
      return { path: `/api/auth/sessions/${sessions.find((s) => s.current)!.id}` }
    },
  },
  'PATCH /api/account': {
    expected: row(401, 200, 200, 200, 200, 200, 401),
    call: async (identity) => ({ path: '/api/account', body: { name: userFor(identity)?.name ?? 'Nobody' } }),
  },
  'POST /api/account/password': {
    expected: row(401, 400, 400, 400, 400, 400, 401),
    call: async () => ({
      path: '/api/account/password',
      body: { currentPassword: 'not my password', newPassword: 'another long passphrase' },
    }),
  },
  'POST /api/invites/preview': {
    expected: all(200),
    call: async () => ({
      path: '/api/invites/preview',
      body: { token: (await freshInvite(otherProject)).token },
    }),
  },
  'POST /api/invites/accept': {
    // Signed-in users join the other project; anonymous callers must sign in or sign up.
    expected: row(401, 200, 200, 200, 200, 200, 401),
    call: async () => ({
      path: '/api/invites/accept',
      body: { token: (await freshInvite(otherProject)).token },
    }),
  },
  'GET /api/projects': {
    expected: row(401, 200, 200, 200, 200, 200, 401),
    call: async () => ({ path: '/api/projects' }),
  },
  'POST /api/projects': {
    expected: row(401, 201, 201, 201, 201, 201, 401),
    call: async () => ({ path: '/api/projects', body: { name: 'Made in the matrix' } }),
  },
  'GET /api/projects/templates': {
    // Any signed-in user may create a project, so any may see what it can start from.
    expected: row(401, 200, 200, 200, 200, 200, 401),
    call: async () => ({ path: '/api/projects/templates' }),
  },
  'GET /api/projects/:id': {
    expected: row(401, 200, 200, 200, 200, 404, 401),
    call: async () => ({ path: `/api/projects/${project}` }),
  },
  'PATCH /api/projects/:id': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}`, body: { name: 'Matrix project' } }),
  },
  'GET /api/projects/:id/members': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/members` }),
  },
  'GET /api/projects/:id/comments/people': {
    expected: row(401, 200, 200, 200, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/comments/people` }),
  },
  'GET /api/projects/:id/comments/summary': {
    expected: row(401, 200, 200, 200, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/comments/summary` }),
  },
  // Deciding suggested edits: owners and leads (`draft.write`); each call rejects a fresh suggestion.
  'POST /api/projects/:id/suggestions/:suggestionId/decision': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({
      path: `/api/projects/${project}/suggestions/${await freshSuggestion()}/decision`,
      body: { decision: 'reject' },
    }),
  },
  'POST /api/projects/:id/suggestions/decisions': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({
      path: `/api/projects/${project}/suggestions/decisions`,
      body: { decision: 'reject', ids: [await freshSuggestion()] },
    }),
  },
  // Withdrawing: its author only (each call withdraws a fresh suggestion by the reviewer).
  'POST /api/projects/:id/suggestions/:suggestionId/withdrawal': {
    expected: row(401, 403, 403, 200, 403, 404, 401),
    call: async () => ({
      path: `/api/projects/${project}/suggestions/${await freshSuggestion()}/withdrawal`,
      body: {},
    }),
  },
  'PATCH /api/projects/:id/members/:userId': {
    expected: row(401, 200, 403, 403, 403, 404, 401),
    call: async () => ({
      path: `/api/projects/${project}/members/${(await freshVictim()).id}`,
      body: { role: 'reviewer' },
    }),
  },
  'DELETE /api/projects/:id/members/:userId': {
    expected: row(401, 204, 403, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/members/${(await freshVictim()).id}` }),
  },
  'GET /api/projects/:id/audit': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/audit` }),
  },
  'POST /api/projects/:id/invites': {
    expected: row(401, 201, 201, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/invites`, body: { role: 'annotator' } }),
  },
  'GET /api/projects/:id/invites': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/invites` }),
  },
  'POST /api/projects/:id/versions': {
    expected: row(401, 201, 201, 403, 403, 404, 401),
    call: async () => ({
      path: `/api/projects/${project}/versions`,
      body: { bump: 'patch', changelog: 'Matrix' },
    }),
  },
  'GET /api/projects/:id/versions': {
    expected: row(401, 200, 200, 200, 200, 404, 200),
    call: async () => ({ path: `/api/projects/${project}/versions` }),
  },
  'GET /api/projects/:id/versions/:version': {
    expected: row(401, 200, 200, 200, 200, 404, 200),
    call: async () => ({ path: `/api/projects/${project}/versions/1.0.0` }),
  },
  'GET /api/projects/:id/versions/:version/gold.csv': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/versions/1.0.0/gold.csv` }),
  },
  // Gold CSV as an export: a read token without the gold scope gets 403 (the token is valid, the gold is not
  // its to read); formats without gold answer like the version JSON (test/integration/versionExports.test.ts).
  'GET /api/projects/:id/versions/:version/export/:format': {
    expected: row(401, 200, 200, 403, 403, 404, 403),
    call: async () => ({ path: `/api/projects/${project}/versions/1.0.0/export/gold.csv` }),
  },
  'GET /api/projects/:id/notices': {
    expected: row(401, 200, 200, 200, 200, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/notices?after=0` }),
  },
  'POST /api/projects/:id/restores': {
    expected: row(401, 204, 204, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/restores`, body: { version: '1.0.0' } }),
  },
  'GET /api/projects/:id/versions/:version/markdown': {
    expected: row(401, 200, 200, 200, 200, 404, 200),
    call: async () => ({ path: `/api/projects/${project}/versions/1.0.0/markdown` }),
  },
  'GET /api/projects/:id/versions/:version/print': {
    expected: row(401, 200, 200, 200, 200, 404, 200),
    call: async () => ({ path: `/api/projects/${project}/versions/latest/print` }),
  },
  'GET /api/projects/:id/versions/:version/snapshot': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/versions/1.0.0/snapshot` }),
  },
  'GET /api/projects/:id/diff': {
    expected: row(401, 200, 200, 200, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/diff?from=1.0.0&to=draft` }),
  },
  'POST /api/projects/:id/calibration/attempts': {
    expected: row(401, 201, 201, 201, 201, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/calibration/attempts`, body: {} }),
  },
  'GET /api/projects/:id/calibration/attempts': {
    expected: row(401, 200, 200, 200, 200, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/calibration/attempts` }),
  },
  'GET /api/projects/:id/calibration/attempts/:attemptId': {
    expected: row(401, 200, 200, 404, 200, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/calibration/attempts/${submittedAttempt}` }),
  },
  'PUT /api/projects/:id/calibration/attempts/:attemptId/answers/:exampleId': {
    expected: row(401, 403, 403, 404, 204, 404, 401),
    call: async () => {
      const open = await openAttemptOf(users.annotator)
      return {
        path: `/api/projects/${project}/calibration/attempts/${open.id}/answers/${open.examples[0]!.id}`,
        body: { answers: {} },
      }
    },
  },
  'POST /api/projects/:id/calibration/attempts/:attemptId/submit': {
    // The annotator's open attempt is incomplete: authorised, then refused as incomplete.
    expected: row(401, 403, 403, 404, 400, 404, 401),
    call: async () => ({
      path: `/api/projects/${project}/calibration/attempts/${(await openAttemptOf(users.annotator)).id}/submit`,
      body: {},
    }),
  },
  'GET /api/projects/:id/annotators/:userId/status': {
    expected: row(401, 200, 200, 403, 200, 404, 200),
    call: async () => ({ path: `/api/projects/${project}/annotators/${users.annotator.id}/status` }),
  },
  'GET /api/projects/:id/calibration/settings': {
    expected: row(401, 200, 200, 200, 200, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/calibration/settings` }),
  },
  'PUT /api/projects/:id/calibration/settings': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({
      path: `/api/projects/${project}/calibration/settings`,
      body: { retakeCooldownMinutes: 0 },
    }),
  },
  'POST /api/projects/:id/calibration/disputes': {
    // Only the annotator who submitted the attempt may dispute its gold.
    expected: row(401, 404, 404, 404, 201, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/calibration/disputes`, body: await disputeBody() }),
  },
  'GET /api/projects/:id/calibration/disputes': {
    expected: row(401, 200, 200, 200, 200, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/calibration/disputes` }),
  },
  'POST /api/projects/:id/calibration/disputes/:disputeId/resolve': {
    expected: row(401, 204, 204, 403, 403, 404, 401),
    call: async () => {
      const dispute = await apiJson<{ id: string }>(
        server.url,
        `/api/projects/${project}/calibration/disputes`,
        {
          user: users.annotator,
          body: await disputeBody(),
        },
      )
      return {
        path: `/api/projects/${project}/calibration/disputes/${dispute.id}/resolve`,
        body: { reply: 'Thanks', outcome: 'gold_stands' },
      }
    },
  },
  'GET /api/projects/:id/calibration/analytics': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/calibration/analytics` }),
  },
  'GET /api/projects/:id/calibration/export.csv': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/calibration/export.csv` }),
  },
  'GET /api/projects/:id/calibration/gold-audit.csv': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/calibration/gold-audit.csv` }),
  },
  'GET /api/projects/:id/gold-edits': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/gold-edits` }),
  },
  'GET /api/projects/:id/calibration/annotators/:userId/answers': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({
      path: `/api/projects/${project}/calibration/annotators/${users.annotator.id}/answers`,
    }),
  },
  'GET /api/projects/:id/tokens': {
    expected: row(401, 200, 200, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/tokens` }),
  },
  'POST /api/projects/:id/tokens': {
    expected: row(401, 201, 201, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/tokens`, body: { name: 'Matrix tool' } }),
  },
  'DELETE /api/projects/:id/tokens/:tokenId': {
    expected: row(401, 204, 204, 403, 403, 404, 401),
    call: async () => {
      const created = await apiJson<{ id: string }>(server.url, `/api/projects/${project}/tokens`, {
        user: users.owner,
        body: { name: 'Doomed' },
      })
      return { path: `/api/projects/${project}/tokens/${created.id}` }
    },
  },
  'DELETE /api/projects/:id/invites/:inviteId': {
    expected: row(401, 204, 204, 403, 403, 404, 401),
    call: async () => ({ path: `/api/projects/${project}/invites/${(await freshInvite(project)).id}` }),
  },
  'POST /api/projects/:id/media': {
    expected: row(401, 201, 201, 403, 403, 404, 401),
    call: async () => ({
      path: mediaUploadPath(project, 'swatch.png'),
      raw: new Uint8Array(await tinyPng()),
    }),
  },
  'GET /api/projects/:id/webhooks': {
    expected: ownerOnly(200),
    call: async () => ({ path: `/api/projects/${project}/webhooks` }),
  },
  'POST /api/projects/:id/webhooks': {
    expected: ownerOnly(201),
    call: async () => ({ path: `/api/projects/${project}/webhooks`, body: WEBHOOK_BODY }),
  },
  'PATCH /api/projects/:id/webhooks/:endpointId': {
    expected: ownerOnly(200),
    call: async () => ({
      path: `/api/projects/${project}/webhooks/${webhookId}`,
      body: { description: 'Seen' },
    }),
  },
  'DELETE /api/projects/:id/webhooks/:endpointId': {
    expected: ownerOnly(204),
    call: async () => ({ path: `/api/projects/${project}/webhooks/${(await freshWebhook()).id}` }),
  },
  'GET /api/projects/:id/webhooks/:endpointId/secret': {
    expected: ownerOnly(200),
    call: async () => ({ path: `/api/projects/${project}/webhooks/${webhookId}/secret` }),
  },
  'POST /api/projects/:id/webhooks/:endpointId/secret': {
    expected: ownerOnly(200),
    call: async () => ({ path: `/api/projects/${project}/webhooks/${webhookId}/secret`, body: {} }),
  },
  'GET /api/projects/:id/webhooks/:endpointId/deliveries': {
    expected: ownerOnly(200),
    call: async () => ({ path: `/api/projects/${project}/webhooks/${webhookId}/deliveries` }),
  },
  'POST /api/projects/:id/webhooks/:endpointId/deliveries/:deliveryId/redeliver': {
    expected: ownerOnly(202),
    call: async () => ({
      path: `/api/projects/${project}/webhooks/${webhookId}/deliveries/${webhookDeliveryId}/redeliver`,
      body: {},
    }),
  },
  'POST /api/projects/:id/webhooks/:endpointId/test': {
    expected: ownerOnly(202),
    call: async () => ({ path: `/api/projects/${project}/webhooks/${webhookId}/test`, body: {} }),
  },
  'GET /api/projects/:id/media/:hash': {
    // Annotators and read tokens only reach media of published versions; this one is in none yet.
    expected: row(401, 200, 200, 200, 404, 404, 404),
    call: async () => ({ path: mediaPath(project, mediaHash) }),
  },
}

beforeAll(async () => {
  // The delivery worker is off: this test is about who may call the routes, not about sending.
  const config = loadConfig({})
  server = await startTestServer({
    authAttemptsPerMinute: 10_000,
    webhooks: { ...config.webhooks, worker: false },
  })
  openApiProblems = responseValidator(await apiJson<OpenApiDocument>(server.url, '/api/openapi.json'))
  const owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Matrix project')
  otherProject = await createProject(server.url, owner, 'Other project')
  const outsiderProject = await createProject(server.url, owner, 'Outsider project')
  users = {
    owner,
    lead: await inviteUser(server.url, owner, project, 'lead', 'Lena Lead'),
    reviewer: await inviteUser(server.url, owner, project, 'reviewer', 'Remy Reviewer'),
    annotator: await inviteUser(server.url, owner, project, 'annotator', 'Ana Annotator'),
    outsider: await inviteUser(server.url, owner, outsiderProject, 'lead', 'Otto Outsider'),
  }
  const client = connectClient(server.url, project, { user: owner })
  await waitForSynced(client)
  completeDraft(client)
  await draftIsDurable(server.url, project, owner, client)
  client.destroy()
  await apiJson(server.url, `/api/projects/${project}/versions`, {
    user: owner,
    body: { bump: 'major', changelog: 'First' },
  })
  const taken = await takeAttempt(server.url, project, users.annotator, owner, true)
  submittedAttempt = taken.attempt.id
  const uploaded = await fetch(`${server.url}${mediaUploadPath(project, 'matrix.png')}`, {
    method: 'POST',
    body: new Uint8Array(await tinyPng()),
    headers: { cookie: owner.cookie },
  })
  mediaHash = ((await uploaded.json()) as { hash: string }).hash
  webhookId = (await freshWebhook()).id
  await apiJson(server.url, `/api/projects/${project}/webhooks/${webhookId}/test`, { user: owner, body: {} })
  webhookDeliveryId = (
    await apiJson<{ deliveries: { id: string }[] }>(
      server.url,
      `/api/projects/${project}/webhooks/${webhookId}/deliveries`,
      { user: owner },
    )
  ).deliveries[0]!.id
  readToken = (
    await apiJson<{ token: string }>(server.url, `/api/projects/${project}/tokens`, {
      user: owner,
      body: { name: 'Matrix' },
    })
  ).token
})

afterAll(async () => {
  await stopAllServers()
  removeTempDirs()
})

describe('authorization matrix', () => {
  it('has an entry for every route the app serves, and no stale entries', () => {
    const routes = new Set(
      server.app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/\/$/, '')}`),
    )
    expect([...routes].sort()).toEqual(Object.keys(MATRIX).sort())
  })

  for (const [route, { expected, call }] of Object.entries(MATRIX)) {
    it(`${route} answers each identity as expected`, async () => {
      const method = route.split(' ')[0]!
      const got: Partial<Expected> = {}
      const misfits: string[] = []
      for (const identity of IDENTITIES) {
        const c = await call(identity)
        const user = c.as === undefined ? userFor(identity) : c.as
        const response = c.raw
          ? await fetch(`${server.url}${c.path}`, {
              method,
              body: c.raw,
              headers: { ...headersFor(identity), ...(user ? { cookie: user.cookie } : {}) },
            })
          : await api(server.url, c.path, { method, body: c.body, user, headers: headersFor(identity) })
        got[identity] = response.status
        const text = await response.text()
        if (response.status >= 400) {
          const body = JSON.parse(text) as { error?: string; message?: string }
          expect(typeof body.message, `${route} as ${identity}: JSON error body`).toBe('string')
        }
        if (!(route in EXCLUDED_ROUTES)) {
          const answer = {
            status: response.status,
            contentType: response.headers.get('content-type'),
            body: text,
          }
          misfits.push(
            ...openApiProblems(method, route.slice(method.length + 1), answer).map(
              (p) => `as ${identity}: ${p}`,
            ),
          )
        }
      }
      expect(got).toEqual(expected)
      expect(misfits, 'answers that do not fit the OpenAPI document (server/http/openapi/)').toEqual([])
    })
  }
})
