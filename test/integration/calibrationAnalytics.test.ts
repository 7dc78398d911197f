/**
 * The results route (issue 14 §4): it answers from a cache that a new submission (or a new version) invalidates,
 * never recomputing per request; its response satisfies the shared dashboard schema; bad input gets a 4xx.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { DashboardResponse } from '../../shared/schema/dashboard'
import { api, apiJson, createProject, inviteUser, setupOwner } from '../helpers/accounts'
import { takeAttempt } from '../helpers/calibration'
import { connectClient, destroyAllClients, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

describe('calibration analytics route', () => {
  it('answers from its cache until a submission or a new version changes the inputs', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner, 'Cached')
    const ann = await inviteUser(server.url, owner, project, 'annotator', 'Ann')
    const bea = await inviteUser(server.url, owner, project, 'annotator', 'Bea')
    const client = connectClient(server.url, project, { user: owner })
    await waitForSynced(client)
    completeDraft(client)
    await draftIsDurable(server.url, project, owner, client)
    const publish = () =>
      apiJson(server.url, `/api/projects/${project}/versions`, {
        user: owner,
        body: { bump: 'minor', changelog: 'next' },
      })
    await publish()

    // Count how often the route reads the attempts (the expensive part).
    const store = server.store
    const listAttempts = store.listAttempts.bind(store)
    let reads = 0
    store.listAttempts = (...args) => {
      reads++
      return listAttempts(...args)
    }
    // Returns the dashboard and whether answering it read the attempts (other routes read them too).
    const dashboard = async (query = '') => {
      reads = 0
      const body = DashboardResponse.parse(
        await apiJson(server.url, `/api/projects/${project}/calibration/analytics${query}`, { user: owner }),
      )
      return { body, computed: reads > 0 }
    }

    await takeAttempt(server.url, project, ann, owner, true)
    const first = await dashboard()
    expect(first.computed).toBe(true)
    expect(first.body.annotators.map((a) => a.name)).toEqual(['Ann'])
    expect(await dashboard()).toEqual({ body: first.body, computed: false })

    await takeAttempt(server.url, project, bea, owner, false)
    const second = await dashboard()
    expect(second.computed).toBe(true)
    expect(second.body.annotators.map((a) => a.name)).toEqual(['Ann', 'Bea'])
    expect(second.body.sample.annotators).toBe(2)
    expect(second.body.passRateCi).not.toBeNull()
    expect((await dashboard()).computed).toBe(false)

    // A new version is a new slot; the old one is still served from its cache.
    await publish()
    const latest = await dashboard()
    expect(latest.computed).toBe(true)
    expect(latest.body.version).not.toBe(second.body.version)
    expect(latest.body.annotators).toEqual([])
    const old = await dashboard(`?version=${second.body.version}`)
    expect(old).toEqual({ body: { ...second.body, versions: latest.body.versions }, computed: false })
  })

  it('refuses an unknown version with a 404 and a message', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner, 'Nothing yet')
    for (const query of ['', '?version=9.9.9', `?version=${'x'.repeat(500)}`]) {
      const response = await api(server.url, `/api/projects/${project}/calibration/analytics${query}`, {
        user: owner,
      })
      expect(response.status).toBe(404)
      const body = (await response.json()) as { error: string; message: string }
      expect(body.error).toBe('not_found')
      expect(body.message.length).toBeLessThan(200)
    }
  })
})
