/**
 * Media in a published guideline over real HTTP and a real Yjs client: an image uploaded through the media
 * route and placed in the draft as a media node (MediaRef fields as attributes), next to a node a hostile
 * peer wrote with a foreign `src`/`url`. The published version keeps the media by hash and adds the derived
 * `url`; its HTML, Markdown and printable page show the image from our own URL only; a read token can
 * fetch that URL (the version references the blob).
 */
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mediaPath, mediaUploadPath, UploadedMedia } from '../../shared/schema/media'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { api, apiJson, createProject, setupOwner } from '../helpers/accounts'
import { connectClient, destroyAllClients, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

afterEach(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

interface MediaNodeJson {
  type: string
  attrs?: Record<string, unknown>
}

describe('media in a published guideline', () => {
  it('keeps media by hash with a derived url, and renders only our own URL in every export', async () => {
    const server = await startTestServer()
    const owner = await setupOwner(server)
    const project = await createProject(server.url, owner, 'Media version')
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#4f46e5' } })
      .png()
      .toBuffer()
    const uploaded = await fetch(`${server.url}${mediaUploadPath(project, 'hand.png')}`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/octet-stream' },
      body: png,
    })
    expect(uploaded.status).toBe(201)
    const media = UploadedMedia.parse(await uploaded.json())
    const url = mediaPath(project, media.hash)

    const client = connectClient(server.url, project, { user: owner })
    await waitForSynced(client)
    completeDraft(client)
    client.doc.transact(() => {
      const good = new Y.XmlElement('media')
      for (const [key, value] of Object.entries({
        hash: media.hash,
        kind: media.kind,
        mime: media.mime,
        alt: 'A hand with "six" <fingers>',
        caption: 'Fails anatomy',
        width: media.width ?? null,
        height: media.height ?? null,
        displayWidth: 50,
      }))
        if (value !== null) good.setAttribute(key, value as string)
      const hostile = new Y.XmlElement('media')
      hostile.setAttribute('hash', media.hash)
      hostile.setAttribute('kind', 'image')
      hostile.setAttribute('mime', 'image/svg+xml')
      hostile.setAttribute('src', 'https://evil.example/track.png')
      hostile.setAttribute('url', 'https://evil.example/track.png')
      const fragment = guidelineFragment(client.doc)
      fragment.insert(fragment.length, [good, hostile])
    })
    await draftIsDurable(server.url, project, owner, client)
    const published = await api(server.url, `/api/projects/${project}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'Media' },
    })
    expect(published.status).toBe(201)

    const { token } = await apiJson<{ token: string }>(server.url, `/api/projects/${project}/tokens`, {
      user: owner,
      body: { name: 'tool' },
    })
    const asToken = { authorization: `Bearer ${token}` }
    for (const [label, headers] of [
      ['owner', { cookie: owner.cookie }],
      ['read token', asToken],
    ] as const) {
      const response = await fetch(`${server.url}/api/projects/${project}/versions/1.0.0`, { headers })
      expect(response.status, label).toBe(200)
      const version = (await response.json()) as {
        guideline: { doc: { content: MediaNodeJson[] }; html: string; markdown: string }
      }
      const nodes = version.guideline.doc.content.filter((node) => node.type === 'media')
      expect(
        nodes.map((node) => node.attrs?.url),
        label,
      ).toEqual([url, null])
      expect(nodes[0]?.attrs, label).toMatchObject({ hash: media.hash, kind: 'image', displayWidth: 50 })
      expect(version.guideline.html, label).toContain(`<img src="${url}" alt="A hand with &quot;six&quot;`)
      expect(version.guideline.html, label).toContain('<figcaption>Fails anatomy</figcaption>')
      expect(version.guideline.markdown, label).toContain(
        `![A hand with "six" \\<fingers>](${url})\n*Fails anatomy*`,
      )
      for (const text of [version.guideline.html, version.guideline.markdown])
        expect(text, label).not.toContain('evil.example')
    }

    const print = await api(server.url, `/api/projects/${project}/versions/1.0.0/print`, { user: owner })
    const page = await print.text()
    expect(page).toContain(`<img src="${url}"`)
    expect(page).toContain('max-width: 100%')
    expect(page).not.toContain('evil.example')

    const blob = await fetch(`${server.url}${url}`, { headers: asToken })
    expect(blob.status).toBe(200)
    expect(blob.headers.get('content-type')).toBe('image/png')
  }, 30_000)
})
