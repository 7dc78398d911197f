/**
 * Scenario 8 (issue 16): media. Upload throughput of one large video (500 MB; 20 MB in quick runs) streamed
 * to Yardstick's upload route and to a plain Node http server that only streams the body to a file while
 * hashing it (mediaReferenceServer.mjs), with each server's RSS sampled every 50 ms during the upload (it must
 * stay flat: the body is streamed, never buffered); then time to first byte of a stored image GET and of a
 * 304 revalidation (If-None-Match), against the same reference serving a file.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import sharp from 'sharp'
import { mediaUploadPath } from '../../../shared/schema/media'
import { track } from '../children'
import type { BenchContext } from '../context'
import { type ProcSample, sampleProcess } from '../procStats'
import { ROOT } from '../servers'
import { fmt, type Section } from '../table'

interface Ttfb {
  count: number
  p50: number
  p95: number
}

export interface MediaSide {
  label: string
  uploadBytes: number
  uploadMs: number
  uploadMBps: number
  rssStartBytes: number
  rssPeakBytes: number
  rssSamples: number
  imageBytes: number
  get: Ttfb
  notModified: Ttfb
}

export interface MediaResult {
  yardstick: MediaSide
  reference: MediaSide
}

const MIB = 1024 * 1024
const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

interface Target {
  url: string
  pid: number
  uploadPath: string
  headers: Record<string, string>
  stop(): Promise<void>
}

/** Streams `total` bytes (a real WebM start, then random filler) and times it to the end of the answer. */
async function timeUpload(target: Target, total: number, sample: () => ProcSample) {
  const head = readFileSync(join(ROOT, 'test/fixtures/media/clip.webm'))
  const filler = randomBytes(MIB)
  const samples: number[] = []
  const rssStart = sample().rssBytes
  const timer = setInterval(() => samples.push(sample().rssBytes), 50)
  const started = performance.now()
  try {
    const body = await new Promise<string>((done, fail) => {
      const req = request(`${target.url}${target.uploadPath}`, {
        method: 'POST',
        headers: { ...target.headers, 'content-length': String(total) },
      })
      req.on('error', fail)
      req.on('response', (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => {
          text += chunk
        })
        res.on('end', () =>
          res.statusCode === 201 ? done(text) : fail(new Error(`${res.statusCode} ${text}`)),
        )
      })
      const write = async () => {
        req.write(head)
        let sent = head.length
        while (sent < total) {
          const part = filler.subarray(0, Math.min(filler.length, total - sent))
          sent += part.length
          if (!req.write(part)) await new Promise((resume) => req.once('drain', resume))
        }
        req.end()
      }
      write().catch(fail)
    })
    const ms = performance.now() - started
    samples.push(sample().rssBytes)
    return { ms, rssStart, samples, body }
  } finally {
    clearInterval(timer)
  }
}

/** Sequential GETs on one keep-alive connection: time from sending to the response head. */
async function timeGets(url: string, headers: Record<string, string>, count: number, expect: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const times: number[] = []
  try {
    for (let i = 0; i < count + 3; i++) {
      const ms = await new Promise<number>((done, fail) => {
        const started = performance.now()
        const req = request(url, { agent, headers }, (res) => {
          const ttfb = performance.now() - started
          res.resume()
          res.on('end', () =>
            res.statusCode === expect ? done(ttfb) : fail(new Error(`${url}: ${res.statusCode}`)),
          )
        })
        req.on('error', fail)
        req.end()
      })
      if (i >= 3) times.push(ms) // the first few warm the connection and the code
    }
  } finally {
    agent.destroy()
  }
  return { count: times.length, p50: quantile(times, 0.5), p95: quantile(times, 0.95) }
}

async function startReference(): Promise<Target> {
  const child = track(
    spawn(process.execPath, [join(ROOT, 'test/bench/mediaReferenceServer.mjs')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  )
  const port = await new Promise<number>((done, fail) => {
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output)
      if (match) done(Number(match[1]))
    })
    child.once('exit', (code) => fail(new Error(`media reference exited (${code}): ${output}`)))
  })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    uploadPath: '/upload',
    headers: {},
    async stop() {
      child.kill('SIGTERM')
      await exited
    },
  }
}

async function measure(ctx: BenchContext, label: string, target: Target, image: Buffer): Promise<MediaSide> {
  const { uploadMiB, requests } = ctx.sizes.media
  const total = uploadMiB * MIB
  const sample = () => sampleProcess(target.pid)
  await ctx.waitForQuiet()
  const upload = await timeUpload(target, total, sample)
  const rssPeak = Math.max(upload.rssStart, ...upload.samples)
  ctx.log(
    `media ${label}: ${fmt.int(uploadMiB)} MiB in ${fmt.ms(upload.ms)} ms, RSS ${fmt.bytes(upload.rssStart)} → peak ${fmt.bytes(rssPeak)}`,
  )
  const stored = await postImage(target, image)
  await ctx.waitForQuiet()
  const get = await timeGets(`${target.url}${stored.url}`, target.headers, requests, 200)
  const notModified = await timeGets(
    `${target.url}${stored.url}`,
    { ...target.headers, 'if-none-match': `"${stored.hash}"` },
    requests,
    304,
  )
  return {
    label,
    uploadBytes: total,
    uploadMs: upload.ms,
    uploadMBps: total / MIB / (upload.ms / 1000),
    rssStartBytes: upload.rssStart,
    rssPeakBytes: rssPeak,
    rssSamples: upload.samples.length,
    imageBytes: image.length,
    get,
    notModified,
  }
}

async function postImage(target: Target, image: Buffer): Promise<{ hash: string; url: string }> {
  const response = await fetch(`${target.url}${target.uploadPath.replace('bench.webm', 'bench.png')}`, {
    method: 'POST',
    headers: target.headers,
    body: new Uint8Array(image),
  })
  if (response.status !== 201) throw new Error(`image upload: ${response.status} ${await response.text()}`)
  return (await response.json()) as { hash: string; url: string }
}

export async function runMedia(ctx: BenchContext): Promise<MediaResult> {
  // A photo-like image (noise does not compress), stored re-encoded by Yardstick and as is by the reference.
  const image = await sharp(randomBytes(320 * 240 * 3), { raw: { width: 320, height: 240, channels: 3 } })
    .png()
    .toBuffer()
  const server = await ctx.startServer('yardstick', 'media')
  let yardstick: MediaSide
  try {
    const [project] = await server.createDocs(1, 'media')
    yardstick = await measure(
      ctx,
      'Yardstick',
      {
        url: server.url,
        pid: server.pid,
        uploadPath: mediaUploadPath(project!, 'bench.webm'),
        headers: { cookie: server.cookie! },
        stop: () => server.stop(),
      },
      image,
    )
  } finally {
    await server.stop()
  }
  const referenceTarget = await startReference()
  let reference: MediaSide
  try {
    reference = await measure(ctx, 'plain Node http', referenceTarget, image)
  } finally {
    await referenceTarget.stop()
  }
  return { yardstick, reference }
}

export function mediaSection(result: MediaResult): Section {
  const { yardstick: y, reference: r } = result
  const row = (s: MediaSide) => [
    s.label,
    fmt.ms(s.uploadMBps),
    fmt.bytes(s.rssStartBytes),
    fmt.bytes(s.rssPeakBytes),
    fmt.bytes(s.rssPeakBytes - s.rssStartBytes),
    `${fmt.ms(s.get.p50)} / ${fmt.ms(s.get.p95)}`,
    `${fmt.ms(s.notModified.p50)} / ${fmt.ms(s.notModified.p95)}`,
  ]
  const full = y.uploadBytes >= 500 * MIB
  const growth = y.rssPeakBytes - y.rssStartBytes
  return {
    title: '8. Media upload and serving',
    setup: `One ${fmt.int(y.uploadBytes / MIB)} MiB video upload (a WebM start, then filler) streamed over HTTP/1.1 to Yardstick's upload route (type check, per-kind limit, sha-256, temp file, durable blob store, catalogue row) and to a plain Node server that streams the body to a file while hashing it; RSS of each server sampled every 50 ms during the upload. Then ${y.get.count} sequential GETs of a stored ${fmt.bytes(y.imageBytes)} PNG and ${y.notModified.count} revalidations (If-None-Match → 304) on one keep-alive connection, time to the response head.`,
    header: [
      'server',
      'upload MB/s',
      'RSS before',
      'RSS peak',
      'RSS growth',
      'image GET TTFB p50/p95 ms',
      '304 TTFB p50/p95 ms',
    ],
    rows: [
      row(y),
      row(r),
      [
        'ratio (Yardstick ÷ ref)',
        fmt.ratio(y.uploadMBps / r.uploadMBps),
        '',
        '',
        '',
        fmt.ratio(y.get.p50 / r.get.p50),
        fmt.ratio(y.notModified.p50 / r.notModified.p50),
      ],
    ],
    targets: [
      {
        text: 'server RSS stays flat while a 500 MB video uploads (grows < 64 MB: streamed, not buffered)',
        met: full ? growth < 64 * MIB : null,
      },
    ],
    notes: [
      `RSS samples during the upload: Yardstick ${y.rssSamples}, reference ${r.rssSamples}. Yardstick also fsyncs the blob and its directory before answering 201; the reference does not.`,
    ],
  }
}
