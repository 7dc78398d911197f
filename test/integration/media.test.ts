/**
 * Media upload and serving against a real server: images, video and audio stored and served with the right
 * headers, byte ranges and 304s; every bad input of issue #16 refused with a clear 4xx and nothing stored
 * (no blob, no catalogue row, no temp file); who may upload and who may read.
 */
import { createHash, randomBytes } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { RunningServer } from '../../server/server'
import { mediaHashesInDraft } from '../../shared/media/mediaRefs'
import type { AttemptView } from '../../shared/schema/calibration'
import { mediaPath, mediaUploadPath, type UploadedMedia } from '../../shared/schema/media'
import type { VersionJson } from '../../shared/schema/version'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { answersFor } from '../helpers/calibration'
import { connectClient, waitFor, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

const FIXTURES = join(import.meta.dirname, '../fixtures/media')
let server: RunningServer
let project: string
let otherProject: string
let users: Record<'owner' | 'lead' | 'reviewer' | 'annotator' | 'outsider', TestUser>

beforeAll(async () => {
  server = await startTestServer({ authAttemptsPerMinute: 10_000 })
  const owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Media project')
  otherProject = await createProject(server.url, owner, 'Another project')
  users = {
    owner,
    lead: await inviteUser(server.url, owner, project, 'lead', 'Lena Lead'),
    reviewer: await inviteUser(server.url, owner, project, 'reviewer', 'Remy Reviewer'),
    annotator: await inviteUser(server.url, owner, project, 'annotator', 'Ana Annotator'),
    outsider: await inviteUser(server.url, owner, otherProject, 'lead', 'Otto Outsider'),
  }
})

afterAll(async () => {
  await stopAllServers()
  removeTempDirs()
})

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const fixture = (name: string) => readFile(join(FIXTURES, name))
const png = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: '#cc6633' } })
    .png()
    .toBuffer()

function upload(user: TestUser | null, bytes: Uint8Array, name: string, projectId = project) {
  return fetch(`${server.url}${mediaUploadPath(projectId, name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(user ? { cookie: user.cookie } : {}) },
    body: bytes as Uint8Array<ArrayBuffer>,
  })
}

function download(user: TestUser | null, hash: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${mediaPath(project, hash)}`, {
    headers: { ...headers, ...(user ? { cookie: user.cookie } : {}) },
  })
}

async function uploaded(user: TestUser, bytes: Uint8Array, name: string): Promise<UploadedMedia> {
  const response = await upload(user, bytes, name)
  expect(response.status, await response.clone().text()).toBe(201)
  return (await response.json()) as UploadedMedia
}

async function storedHashes(): Promise<string[]> {
  const hashes: string[] = []
  for await (const hash of server.blobs.list()) hashes.push(hash)
  return hashes.sort()
}

const uploadFiles = async () => readdir(join(server.dataDir, 'uploads')).catch(() => [] as string[])

/** Runs `refuse` and checks that no blob, no catalogue row and no temp file came of it. */
async function nothingStored(refuse: () => Promise<void>) {
  const before = await storedHashes()
  await refuse()
  await waitFor(async () => (await uploadFiles()).length === 0, { message: 'no temp file left' })
  expect(await storedHashes()).toEqual(before)
}

async function expectError(response: Response, status: number, message: RegExp) {
  const body = (await response.json()) as { error: string; message: string }
  expect(response.status, body.message).toBe(status)
  expect(body.message).toMatch(message)
}

describe('uploading', () => {
  it('stores a PNG re-encoded and serves it with its type, size and an immutable cache entry', async () => {
    const media = await uploaded(users.lead, await png(), 'diagram.png')
    expect(media).toMatchObject({
      kind: 'image',
      mime: 'image/png',
      width: 64,
      height: 48,
      name: 'diagram.png',
    })
    expect(media.url).toBe(mediaPath(project, media.hash))
    expect(await server.store.getMedia(project, media.hash)).toMatchObject({
      mime: 'image/png',
      bytes: media.bytes,
    })

    const response = await download(users.reviewer, media.hash)
    expect(response.status).toBe(200)
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(sha256(bytes)).toBe(media.hash)
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(media.bytes),
      'x-content-type-options': 'nosniff',
      'content-disposition': `inline; filename="diagram.png"; filename*=UTF-8''diagram.png`,
      'cache-control': 'private, max-age=31536000, immutable',
      etag: `"${media.hash}"`,
      'accept-ranges': 'bytes',
    })
  })

  it.each([
    ['clip.webm', 'video', 'video/webm'],
    ['clip.mp4', 'video', 'video/mp4'],
    ['tone.ogg', 'audio', 'audio/ogg'],
  ])('stores %s exactly as sent', async (file, kind, mime) => {
    const bytes = await fixture(file)
    const media = await uploaded(users.owner, bytes, file)
    expect(media).toMatchObject({ kind, mime, bytes: bytes.length, hash: sha256(bytes) })
    const response = await download(users.lead, media.hash)
    expect(response.headers.get('content-type')).toBe(mime)
    expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), bytes)).toBe(0)
  })

  it('takes uploads larger than the JSON body limit (streamed, not buffered)', async () => {
    const noise = await sharp(randomBytes(700 * 700 * 3), { raw: { width: 700, height: 700, channels: 3 } })
      .png()
      .toBuffer()
    expect(noise.length).toBeGreaterThan(1024 * 1024)
    expect((await uploaded(users.owner, noise, '')).kind).toBe('image')
  })

  it('refuses uploads from reviewers and annotators (403), outsiders (404) and the anonymous (401)', async () => {
    const image = await png()
    await nothingStored(async () => {
      await expectError(
        await upload(users.annotator, image, 'a.png'),
        403,
        /an annotator cannot upload media/,
      )
      await expectError(await upload(users.reviewer, image, 'a.png'), 403, /a reviewer cannot upload media/)
      await expectError(await upload(users.outsider, image, 'a.png'), 404, /project not found/)
      await expectError(await upload(null, image, 'a.png'), 401, /sign in/)
    })
  })
})

describe('bad input: a clear 4xx and nothing stored', () => {
  it('a PNG renamed .mp4', async () => {
    const image = await png()
    await nothingStored(async () => {
      await expectError(await upload(users.lead, image, 'clip.mp4'), 415, /“clip\.mp4” is a PNG image/)
    })
  })

  it('an HTML file named .png, and an SVG', async () => {
    await nothingStored(async () => {
      const html = Buffer.from(
        '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
      )
      await expectError(await upload(users.lead, html, 'cat.png'), 415, /HTML document/)
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
      await expectError(await upload(users.lead, svg, 'logo.svg'), 415, /SVG image/)
    })
  })

  it('a zip-bomb-like image (huge dimensions in a small file)', async () => {
    const bomb = await png(10_000, 10_000) // 100 megapixels, a few hundred kB
    await nothingStored(async () => {
      await expectError(
        await upload(users.lead, bomb, 'bomb.png'),
        413,
        /10000×10000 pixels.*at most 50 megapixels/,
      )
    })
  })

  it('a 2 GB upload declared in Content-Length is refused before its body is read', async () => {
    const head = await fixture('clip.webm')
    await nothingStored(async () => {
      const { status, body } = await new Promise<{ status: number; body: string }>((done, fail) => {
        const req = request(`${server.url}${mediaUploadPath(project, 'huge.webm')}`, {
          method: 'POST',
          headers: { cookie: users.lead.cookie, 'content-length': String(2 * 1024 ** 3) },
        })
        req.on('response', (res) => {
          let text = ''
          res.on('data', (chunk) => {
            text += chunk
          })
          res.on('end', () => {
            done({ status: res.statusCode ?? 0, body: text })
            req.destroy()
          })
        })
        req.on('error', fail)
        req.write(head) // a real video start; the rest never comes
      })
      expect(status).toBe(413)
      expect(JSON.parse(body)).toMatchObject({
        error: 'media_too_large',
        message: 'Videos may be at most 500 MB',
      })
    })
  })

  it('an image body without Content-Length that grows past the image limit: 413 while it streams', async () => {
    const start = await png()
    const chunk = randomBytes(1024 * 1024)
    await nothingStored(async () => {
      const { status, body, sent } = await new Promise<{ status: number; body: string; sent: number }>(
        (done, fail) => {
          let sent = 0
          let answered = false
          const req = request(`${server.url}${mediaUploadPath(project, 'endless.png')}`, {
            method: 'POST',
            headers: { cookie: users.lead.cookie, 'transfer-encoding': 'chunked' },
          })
          req.on('error', (error) => {
            if (!answered) fail(error)
          })
          req.on('response', (res) => {
            answered = true
            let text = ''
            res.on('data', (part) => {
              text += part
            })
            res.on('end', () => {
              done({ status: res.statusCode ?? 0, body: text, sent })
              req.destroy()
            })
          })
          const write = async () => {
            req.write(start)
            // Up to 30 MB, stopping as soon as the server answers.
            while (!answered && sent < 30 * 1024 * 1024) {
              sent += chunk.length
              if (!req.write(chunk)) await new Promise((resume) => req.once('drain', resume))
            }
          }
          write().catch(() => {})
        },
      )
      expect(status).toBe(413)
      expect(JSON.parse(body)).toMatchObject({ message: 'Images may be at most 20 MB' })
      expect(sent).toBeLessThan(30 * 1024 * 1024)
    })
  })

  it('an upload cut off halfway (~50 MB, then the socket is destroyed)', async () => {
    const head = await fixture('clip.webm')
    const chunk = randomBytes(1024 * 1024)
    await nothingStored(async () => {
      const req = request(`${server.url}${mediaUploadPath(project, 'long.webm')}`, {
        method: 'POST',
        headers: { cookie: users.lead.cookie, 'content-length': String(100 * 1024 * 1024) },
      })
      req.on('error', () => {})
      req.write(head)
      for (let sent = 0; sent < 50; sent++) {
        if (!req.write(chunk)) await new Promise((resume) => req.once('drain', resume))
      }
      // The server is writing it to a temp file by now…
      await waitFor(async () => (await uploadFiles()).length === 1, { message: 'upload in progress' })
      req.destroy()
    })
  })
})

describe('serving', () => {
  let video: UploadedMedia
  let size: number
  let bytes: Buffer
  beforeAll(async () => {
    bytes = await fixture('clip.webm')
    size = bytes.length
    video = await uploaded(users.lead, bytes, 'clip.webm')
  })

  it('answers a single byte range with 206 and Content-Range (so video seeks)', async () => {
    const middle = await download(users.lead, video.hash, { range: 'bytes=1000-1999' })
    expect(middle.status).toBe(206)
    expect(middle.headers.get('content-range')).toBe(`bytes 1000-1999/${size}`)
    expect(middle.headers.get('content-length')).toBe('1000')
    expect(Buffer.compare(Buffer.from(await middle.arrayBuffer()), bytes.subarray(1000, 2000))).toBe(0)

    const open = await download(users.lead, video.hash, { range: `bytes=${size - 10}-` })
    expect(open.status).toBe(206)
    expect(Buffer.from(await open.arrayBuffer())).toEqual(bytes.subarray(size - 10))
    const suffix = await download(users.lead, video.hash, { range: 'bytes=-5' })
    expect(suffix.headers.get('content-range')).toBe(`bytes ${size - 5}-${size - 1}/${size}`)
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(bytes.subarray(size - 5))
  })

  it('lets pages show media and previews of uploads (CSP img-src and media-src allow self and blob:)', async () => {
    const csp = (await fetch(`${server.url}/healthz`)).headers.get('content-security-policy') ?? ''
    expect(csp).toMatch(/img-src 'self'[^;]* blob:/)
    expect(csp).toContain("media-src 'self' blob:")
    expect(csp).not.toMatch(/script-src[^;]*blob:/)
  })

  it('answers HEAD with the headers and no body, and ignores a range whose If-Range is stale', async () => {
    const head = await fetch(`${server.url}${mediaPath(project, video.hash)}`, {
      method: 'HEAD',
      headers: { cookie: users.lead.cookie },
    })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(size))
    expect(head.headers.get('content-type')).toBe('video/webm')
    expect((await head.arrayBuffer()).byteLength).toBe(0)
    const stale = await download(users.lead, video.hash, {
      range: 'bytes=0-9',
      'if-range': '"something-else"',
    })
    expect(stale.status).toBe(200)
    expect(Number(stale.headers.get('content-length'))).toBe(size)
    await stale.arrayBuffer()
  })

  it('answers an unsatisfiable range with 416', async () => {
    const response = await download(users.lead, video.hash, { range: `bytes=${size}-${size + 10}` })
    expect(response.headers.get('content-range')).toBe(`bytes */${size}`)
    await expectError(response, 416, /outside/)
  })

  it('answers 304 to If-None-Match with the hash, after checking access', async () => {
    const response = await download(users.lead, video.hash, { 'if-none-match': `"${video.hash}"` })
    expect(response.status).toBe(304)
    expect(response.headers.get('etag')).toBe(`"${video.hash}"`)
    const outsider = await download(users.outsider, video.hash, { 'if-none-match': `"${video.hash}"` })
    expect(outsider.status).toBe(404)
  })

  it('serves to members who read the draft; 404 to other members, outsiders and unknown hashes; 401 anonymous', async () => {
    expect((await download(users.reviewer, video.hash)).status).toBe(200)
    // Uploaded but in no published version: annotators cannot read it yet.
    await expectError(await download(users.annotator, video.hash), 404, /media not found/)
    await expectError(await download(users.outsider, video.hash), 404, /media not found/)
    await expectError(await download(users.lead, 'f'.repeat(64)), 404, /media not found/)
    await expectError(await download(users.lead, 'not-a-hash'), 404, /media not found/)
    await expectError(await download(null, video.hash), 401, /sign in/)
    // A member of another project asking through that project's URL: it was never uploaded there.
    const viaOther = await fetch(`${server.url}${mediaPath(otherProject, video.hash)}`, {
      headers: { cookie: users.outsider.cookie },
    })
    expect(viaOther.status).toBe(404)
  })
})

describe('a hash copied into another project', () => {
  it('opens nothing: a lead who writes another project’s hash into their own draft still gets 404', async () => {
    const secret = await uploaded(users.lead, await png(12, 12), 'secret.png')
    // Otto leads otherProject; he writes the hash of a blob uploaded to `project` into his own draft.
    const client = connectClient(server.url, otherProject, { user: users.outsider })
    await waitForSynced(client)
    const node = new Y.XmlElement('media')
    for (const [key, value] of Object.entries({
      hash: secret.hash,
      kind: 'image',
      mime: 'image/png',
      alt: 'x',
    }))
      node.setAttribute(key, value)
    guidelineFragment(client.doc).insert(0, [node])
    const check = connectClient(server.url, otherProject, { user: users.outsider })
    await waitFor(async () => mediaHashesInDraft(check.doc).has(secret.hash), {
      message: 'the copied hash reaches the stored draft',
    })
    client.destroy()
    check.destroy()
    const viaOther = await fetch(`${server.url}${mediaPath(otherProject, secret.hash)}`, {
      headers: { cookie: users.outsider.cookie },
    })
    await expectError(viaOther, 404, /media not found/)
  })
})

describe('annotators and read tokens read only what their variant and their attempts show', () => {
  const ref = (media: UploadedMedia) => ({ hash: media.hash, kind: media.kind, mime: media.mime })
  let inGuideline: UploadedMedia
  let inShownExample: UploadedMedia
  let inHeldOutItem: UploadedMedia
  let goldOnly: UploadedMedia
  let token: string

  beforeAll(async () => {
    const colour = (background: string) =>
      sharp({ create: { width: 8, height: 8, channels: 3, background } })
        .png()
        .toBuffer()
    inGuideline = await uploaded(users.lead, await colour('#ff0000'), 'guideline.png')
    inShownExample = await uploaded(users.lead, await colour('#00ff00'), 'shown.png')
    inHeldOutItem = await uploaded(users.lead, await colour('#0000ff'), 'held-out.png')
    goldOnly = await uploaded(users.lead, await colour('#ffff00'), 'gold.png')

    const client = connectClient(server.url, project, { user: users.owner })
    await waitForSynced(client)
    completeDraft(client)
    await draftIsDurable(server.url, project, users.owner, client)
    client.destroy()
    await apiJson(server.url, `/api/projects/${project}/versions`, {
      user: users.owner,
      body: { bump: 'major', changelog: 'First' },
    })
    // The media kinds of guidelines and examples are other branches' work: place MediaRefs in a published
    // version the way they will (guideline node attributes, example content, gold), through the real store.
    const first = (await server.store.getVersion(project, '1.0.0'))!
    const json = JSON.parse(first.json) as VersionJson & Record<string, unknown>
    const doc = json.guideline.doc as { content: unknown[] }
    doc.content.push({ type: 'image', attrs: { ...ref(inGuideline), alt: 'A diagram' } })
    const [shown, heldOut] = json.examples as unknown as Record<string, unknown>[]
    shown!.role = 'teaching'
    shown!.content = { ...(shown!.content as object), media: ref(inShownExample) }
    heldOut!.role = 'calibration'
    heldOut!.content = { ...(heldOut!.content as object), media: ref(inHeldOutItem) }
    heldOut!.gold = { ...(heldOut!.gold as object), reference: { media: ref(goldOnly) } }
    await server.store.publishVersion({
      projectId: project,
      bump: 'minor',
      changelog: 'With media',
      author: { id: users.owner.id, name: users.owner.name },
      snapshot: first.snapshot,
      counts: { criteria: first.criteria, examples: first.examples, openThreads: 0 },
      render: (version, publishedAt) => JSON.stringify({ ...json, version, publishedAt }),
    })
    token = (
      await apiJson<{ token: string }>(server.url, `/api/projects/${project}/tokens`, {
        user: users.owner,
        body: { name: 'Media tool' },
      })
    ).token
  })

  const status = async (user: TestUser | null, media: UploadedMedia) =>
    (await download(user, media.hash)).status
  const statusWithToken = async (media: UploadedMedia) =>
    (await download(null, media.hash, { authorization: `Bearer ${token}` })).status

  it('annotators: the guideline and teaching examples; held-out items only in their attempt; gold never', async () => {
    expect(await status(users.annotator, inGuideline)).toBe(200)
    expect(await status(users.annotator, inShownExample)).toBe(200)
    expect(await status(users.annotator, inHeldOutItem)).toBe(404)
    expect(await status(users.annotator, goldOnly)).toBe(404)

    const attempt = await apiJson<AttemptView>(server.url, `/api/projects/${project}/calibration/attempts`, {
      user: users.annotator,
      body: {},
    })
    expect(attempt.version).toBe('1.1.0')
    expect(attempt.examples.map((e) => (e.content as { media?: { hash: string } }).media?.hash)).toContain(
      inHeldOutItem.hash,
    )
    expect(await status(users.annotator, inHeldOutItem)).toBe(200)
    expect(await status(users.annotator, goldOnly)).toBe(404)

    const full = await apiJson<VersionJson>(server.url, `/api/projects/${project}/versions/latest`, {
      user: users.lead,
    })
    for (const example of attempt.examples) {
      await api(
        server.url,
        `/api/projects/${project}/calibration/attempts/${attempt.id}/answers/${example.id}`,
        {
          method: 'PUT',
          user: users.annotator,
          body: { answers: answersFor(full, example.id, true) },
        },
      )
    }
    const submitted = await api(
      server.url,
      `/api/projects/${project}/calibration/attempts/${attempt.id}/submit`,
      {
        user: users.annotator,
        body: {},
      },
    )
    expect(submitted.status).toBe(200)
    // The feedback shows gold values and rationales, not this reference: it stays unreadable.
    expect(await status(users.annotator, goldOnly)).toBe(404)
    expect(await status(users.annotator, inHeldOutItem)).toBe(200)
  })

  it('read tokens: the annotator variant only', async () => {
    expect(await statusWithToken(inGuideline)).toBe(200)
    expect(await statusWithToken(inShownExample)).toBe(200)
    expect(await statusWithToken(inHeldOutItem)).toBe(404)
    expect(await statusWithToken(goldOnly)).toBe(404)
    expect(
      (await download(null, inGuideline.hash, { authorization: 'Bearer not-a-real-token' })).status,
    ).toBe(401)
  })

  it('reviewers and leads: everything the versions and the draft reference', async () => {
    for (const media of [inGuideline, inShownExample, inHeldOutItem, goldOnly]) {
      expect(await status(users.reviewer, media)).toBe(200)
    }
  })
})
