/**
 * A media example end to end over real HTTP and a real Yjs client: an image uploaded by the owner, put into
 * a media example of the draft, published; the version JSON carries its hash and URL, the Markdown export an
 * image link; an annotator calibrating on that version may GET the image, but not an image the version does
 * not reference (uploaded, or only in the draft).
 */
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import type { AttemptView } from '../../shared/schema/calibration'
import { mediaPath, mediaUploadPath, UploadedMedia } from '../../shared/schema/media'
import type { VersionJson } from '../../shared/schema/version'
import { setContentKind } from '../../shared/ydoc/exampleContentDoc'
import { addExampleMedia } from '../../shared/ydoc/exampleMediaDoc'
import { addExample } from '../../shared/ydoc/examplesDoc'
import { orderedCriteria } from '../../shared/ydoc/rubricDoc'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

const png = (r: number, g: number, b: number) =>
  sharp({ create: { width: 32, height: 24, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer()

async function upload(baseUrl: string, project: string, user: TestUser, name: string, bytes: Buffer) {
  const response = await fetch(`${baseUrl}${mediaUploadPath(project, name)}`, {
    method: 'POST',
    headers: { cookie: user.cookie, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  })
  expect(response.status, await response.clone().text()).toBe(201)
  return UploadedMedia.parse(await response.json())
}

describe('media examples', () => {
  it('publishes hash and URL, exports an image link, and serves the image to an annotator of that version', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner, 'Images')
    const annotator = await inviteUser(server.url, owner, project, 'annotator', 'Ann')
    const cat = await upload(server.url, project, owner, 'cat.png', await png(200, 120, 40))
    const unused = await upload(server.url, project, owner, 'unused.png', await png(10, 200, 40))
    const later = await upload(server.url, project, owner, 'later.png', await png(10, 20, 240))

    const client = connectClient(server.url, project, { user: owner })
    await waitForSynced(client)
    completeDraft(client)
    const [help, acc, safe] = orderedCriteria(client.doc).map(([id]) => id) as [string, string, string]
    const exampleId = addExample(client.doc, {
      title: 'A cat on a sofa',
      status: 'ready',
      role: 'calibration',
      text: {
        prompt: [{ type: 'paragraph', text: 'A ginger cat on a red sofa' }],
        rationale: [{ type: 'paragraph', text: 'The sofa is blue.' }],
      },
      gold: {
        [help]: { accepted: [2], rationale: 'r' },
        [acc]: { accepted: [2], rationale: 'r' },
        [safe]: { accepted: [true], rationale: 'r' },
      },
    })
    setContentKind(client.doc, exampleId, 'media')
    expect(addExampleMedia(client.doc, exampleId, 'media', { ...cat, alt: 'A ginger cat' })).not.toBeNull()
    await draftIsDurable(server.url, project, owner, client)
    const published = await api(server.url, `/api/projects/${project}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'Images' },
    })
    expect(published.status, await published.clone().text()).toBe(201)

    const version = await apiJson<VersionJson>(server.url, `/api/projects/${project}/versions/1.0.0`, {
      user: owner,
    })
    const content = version.examples.find((e) => e.id === exampleId)!.content
    expect(content.kind).toBe('media')
    if (content.kind !== 'media') return
    expect(content.media).toHaveLength(1)
    expect(content.media[0]).toMatchObject({
      hash: cat.hash,
      kind: 'image',
      mime: 'image/png',
      alt: 'A ginger cat',
      url: mediaPath(project, cat.hash),
    })
    const markdown = await (
      await api(server.url, `/api/projects/${project}/versions/1.0.0/markdown`, { user: owner })
    ).text()
    expect(markdown).toContain(`![A ginger cat](<${mediaPath(project, cat.hash)}>)`)

    // After publishing, the draft references another image: annotators never see it.
    addExampleMedia(client.doc, exampleId, 'media', later)

    const attempt = await apiJson<AttemptView>(server.url, `/api/projects/${project}/calibration/attempts`, {
      user: annotator,
      body: {},
    })
    expect(JSON.stringify(attempt)).toContain(cat.hash)
    const image = await api(server.url, mediaPath(project, cat.hash), { user: annotator })
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    const served = Buffer.from(await image.arrayBuffer())
    expect((await sharp(served).metadata()).width).toBe(32)
    for (const hidden of [unused.hash, later.hash]) {
      const refused = await api(server.url, mediaPath(project, hidden), { user: annotator })
      expect(refused.status).toBe(404)
    }
    expect((await api(server.url, mediaPath(project, later.hash), { user: owner })).status).toBe(200)
  })
})
