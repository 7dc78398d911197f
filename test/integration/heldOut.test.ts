/**
 * Held-out calibration items never reach annotators or read tokens outside an attempt: every version
 * endpoint they can call is searched for the items' text. Teaching examples stay in the guideline with
 * their gold; reviewers and leads still see held-out items (badged); an attempt draws only held-out items.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AttemptView } from '../../shared/schema/calibration'
import type { VersionJson } from '../../shared/schema/version'
import { addExample } from '../../shared/ydoc/examplesDoc'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { orderedCriteria } from '../../shared/ydoc/rubricDoc'
import { api, apiJson, createProject, inviteUser, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable, GOLD_MARK } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const HELD_OUT = 'HELDOUTMARK'
const TEACHING = 'TEACHINGMARK'

async function publishedWithRoles() {
  const server = await startTestServer()
  const owner = await setupOwner(server)
  const project = await createProject(server.url, owner, 'Held out')
  const annotator = await inviteUser(server.url, owner, project, 'annotator', 'Ann Annotator')
  const reviewer = await inviteUser(server.url, owner, project, 'reviewer', 'Rae Reviewer')
  const client = connectClient(server.url, project, { user: owner })
  await waitForSynced(client)
  // completeDraft's two examples (no role set: calibration items), plus a teaching example; all embedded.
  completeDraft(client)
  const ids = [...client.doc.getMap('examples').keys()]
  const teaching = addExample(client.doc, {
    title: `${TEACHING} title`,
    role: 'teaching',
    status: 'ready',
    text: { prompt: [{ type: 'paragraph', text: `${TEACHING} prompt` }] },
    gold: Object.fromEntries(
      orderedCriteria(client.doc).map(([id, map]) => [
        id,
        { accepted: [map.get('kind') === 'binary' ? true : 3], rationale: 'teaching gold' },
      ]),
    ),
  })
  for (const id of ids) {
    const example = client.doc.getMap('examples').get(id) as import('yjs').Map<unknown>
    ;(example.get('title') as import('yjs').Text).insert(0, `${HELD_OUT} `)
  }
  appendBlocks(
    guidelineFragment(client.doc),
    [...ids, teaching].map((exampleId) => ({ type: 'example' as const, exampleId })),
  )
  await draftIsDurable(server.url, project, owner, client)
  await apiJson(server.url, `/api/projects/${project}/versions`, {
    user: owner,
    body: { bump: 'major', changelog: 'first' },
  })
  const { token } = await apiJson<{ token: string }>(server.url, `/api/projects/${project}/tokens`, {
    user: owner,
    body: { name: 'Platform' },
  })
  return { url: server.url, owner, project, annotator, reviewer, token, heldOutIds: ids, teaching, client }
}

describe('held-out calibration items', () => {
  it('are in no version endpoint an annotator or a read token can fetch', async () => {
    const { url, project, annotator, token, heldOutIds } = await publishedWithRoles()
    const paths = [
      '',
      '/latest',
      '/1.0.0',
      '/latest/markdown',
      '/1.0.0/markdown',
      '/latest/print',
      '/1.0.0/print',
    ]
    const readers = [
      { name: 'annotator', init: { user: annotator } },
      { name: 'read token', init: { headers: { authorization: `Bearer ${token}` } } },
    ]
    for (const reader of readers) {
      for (const path of paths) {
        const response = await api(url, `/api/projects/${project}/versions${path}`, reader.init)
        expect(response.status, `${reader.name} ${path}`).toBe(200)
        const text = await response.text()
        expect(text, `${reader.name} ${path}`).not.toContain(HELD_OUT)
        expect(text, `${reader.name} ${path}`).not.toContain(GOLD_MARK)
        for (const id of heldOutIds) expect(text, `${reader.name} ${path}`).not.toContain(id)
        if (path.includes('1.0.0') || path.includes('latest')) expect(text).toContain(TEACHING)
      }
    }
    // The annotator's JSON still carries the teaching example, with its gold as a worked example.
    const json = await apiJson<VersionJson>(url, `/api/projects/${project}/versions/latest`, {
      user: annotator,
    })
    expect(json.examples.map((e) => e.role)).toEqual(['teaching'])
    expect(json.guideline.html).toContain(TEACHING)
  })

  it('are shown to reviewers (without gold) and leads (badged), and are what attempts draw', async () => {
    const { url, owner, project, reviewer, annotator, heldOutIds, teaching } = await publishedWithRoles()
    const asReviewer = await api(url, `/api/projects/${project}/versions/latest`, { user: reviewer })
    const reviewerText = await asReviewer.text()
    expect(reviewerText).toContain(HELD_OUT)
    expect(reviewerText).not.toContain(GOLD_MARK)
    const asLead = await apiJson<VersionJson>(url, `/api/projects/${project}/versions/latest`, {
      user: owner,
    })
    expect(asLead.guideline.html).toContain('Held-out calibration item')
    expect(asLead.guideline.html).toContain(HELD_OUT)
    const attempt = await apiJson<AttemptView>(url, `/api/projects/${project}/calibration/attempts`, {
      user: annotator,
      body: {},
    })
    expect(attempt.examples.map((e) => e.id).sort()).toEqual([...heldOutIds].sort())
    expect(attempt.examples.map((e) => e.id)).not.toContain(teaching)
    // The section hint is off by default: the attempt does not say which section an item illustrates.
    expect(attempt.showSectionHint).toBe(false)
    expect(attempt.examples.every((e) => e.sectionId === null)).toBe(true)
  })

  it('count as seen when they were published as teaching examples before (their gold was public)', async () => {
    const { url, owner, project, annotator, teaching, client } = await publishedWithRoles()
    // The lead turns the worked example into a held-out item and publishes again.
    ;(client.doc.getMap('examples').get(teaching) as import('yjs').Map<unknown>).set('role', 'calibration')
    await draftIsDurable(url, project, owner, client)
    await apiJson(url, `/api/projects/${project}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'the worked example is now a calibration item' },
    })
    const attempt = await apiJson<AttemptView>(url, `/api/projects/${project}/calibration/attempts`, {
      user: annotator,
      body: {},
    })
    expect(attempt.version).toBe('2.0.0')
    expect(attempt.examples.map((e) => e.id)).toContain(teaching)
    // Its gold was in the published guideline: never scored as blind for anyone.
    expect(attempt.seenBefore).toEqual([teaching])
  })
})
