/**
 * Scenario 6, client: gzip size of the JS the initial route loads, and the time from navigation to an
 * editable editor showing the document's text in Chromium, for the seeded example and for automerge-paper.
 * The contract with the client: `[data-testid="editor"] .ProseMirror[contenteditable="true"]`.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import * as Y from 'yjs'
import { guidelineFragment } from '../../../shared/ydoc/layout'
import { openProvider, waitSynced } from '../benchClient'
import { fileSize, type InitialBundle, initialBundle } from '../bundleSize'
import type { BenchContext } from '../context'
import { fragmentLength, lastTextRun } from '../docText'
import type { BenchServer } from '../servers'
import { median } from '../stats'
import { fmt, type Section } from '../table'
import { buildOffline, upload } from '../traceDoc'
import { loadTrace } from '../traces'
import { WorkerPool } from '../workerPool'

const EDITOR = '[data-testid="editor"] .ProseMirror.guideline[contenteditable="true"]'
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export interface PageLoad {
  chars: number
  /** Navigation start → editable with the text shown, ms (page clock), first visit (empty cache) per run. */
  firstVisit: number[]
  /** The same in the same browser context (HTTP cache and IndexedDB warm). */
  repeatVisit: number[]
  firstVisitMedian: number
  repeatVisitMedian: number
  /** JS the first visit loaded until editable, gzip level 9. */
  jsGzipBytes: number
}

export interface ClientResult {
  initial: InitialBundle
  example: PageLoad
  paper: PageLoad & { txns: number }
}

interface Expected {
  chars: number
  /** A piece of the last line of the document. */
  tail: string
}

function expectedOf(doc: Y.Doc): Expected {
  const fragment = guidelineFragment(doc)
  const lines = lastTextRun(fragment)
    .split('\n')
    .filter((line) => line.trim().length > 0)
  return { chars: fragmentLength(fragment), tail: (lines.at(-1) ?? '').trim().slice(-30) }
}

async function readExpected(server: BenchServer, docName: string): Promise<Expected> {
  const doc = new Y.Doc()
  const provider = openProvider(server.syncUrl, docName, doc)
  try {
    await waitSynced(provider, 30_000, `reading ${docName}`)
    return expectedOf(doc)
  } finally {
    provider.destroy()
    doc.destroy()
  }
}

/**
 * Milliseconds from navigation start until the editor is editable and shows the document. When it never
 * is, a screenshot and the page's text go to the run directory and the error says what the page showed.
 */
async function visit(ctx: BenchContext, page: Page, url: string, expected: Expected): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' })
  try {
    const handle = await page.waitForFunction(
      ({ selector, chars, tail }) => {
        const text = document.querySelector(selector)?.textContent ?? ''
        return text.length >= chars && text.includes(tail) ? performance.now() : false
      },
      { selector: EDITOR, ...expected },
      { polling: 'raf', timeout: 30_000 },
    )
    return (await handle.jsonValue()) as number
  } catch (error) {
    const screenshot = join(ctx.runDir, 'client-not-editable.png')
    await page.screenshot({ path: screenshot }).catch(() => {})
    const shown = (await page.evaluate(() => document.body.textContent ?? '').catch(() => '')).slice(0, 300)
    throw new Error(
      `${url} never showed an editable editor with the document (${expected.chars} characters ending "${expected.tail}"); screenshot ${screenshot}; page text: ${JSON.stringify(shown)}`,
      { cause: error },
    )
  }
}

async function measurePage(
  ctx: BenchContext,
  browser: Browser,
  clientDir: string,
  url: string,
  expected: Expected,
  cookie: string,
): Promise<PageLoad> {
  const runs = ctx.sizes.client.runs
  const firstVisit: number[] = []
  const repeatVisit: number[] = []
  let jsGzipBytes = 0
  for (let i = 0; i < runs; i++) {
    await ctx.waitForQuiet()
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    // Signed in as the bench owner (the cookie the server set at setup).
    const [name, value] = cookie.split('=') as [string, string]
    await context.addCookies([{ name, value, url: new URL(url).origin }])
    try {
      const page = await context.newPage()
      const scripts = new Set<string>()
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname)
      })
      firstVisit.push(await visit(ctx, page, url, expected))
      jsGzipBytes = [...scripts]
        .filter((path) => existsSync(`${clientDir}${path}`))
        .reduce((sum, path) => sum + fileSize(clientDir, path).gzipBytes, 0)
      repeatVisit.push(await visit(ctx, page, url, expected))
    } finally {
      await context.close()
    }
  }
  return {
    chars: expected.chars,
    firstVisit,
    repeatVisit,
    firstVisitMedian: median(firstVisit),
    repeatVisitMedian: median(repeatVisit),
    jsGzipBytes,
  }
}

export async function runClient(ctx: BenchContext): Promise<ClientResult> {
  const clientDir = ctx.build.clientDir
  if (!clientDir) throw new Error('no built client in dist/client: run `npm run build`')
  const initial = initialBundle(clientDir)
  const server = await ctx.startServer('yardstick', 'client', { env: { SEED_EXAMPLE: 'true' } })
  const pool = await WorkerPool.start(1)
  const browser = await chromium.launch({ executablePath: ctx.options.chromiumPath, args: LAUNCH_ARGS })
  try {
    const { projects } = (await (
      await fetch(`${server.url}/api/projects`, { headers: { cookie: server.cookie! } })
    ).json()) as {
      projects: { id: string }[]
    }
    const exampleId = projects[0]?.id
    if (!exampleId) throw new Error('the server did not seed the example project')
    const trace = loadTrace('automerge-paper')
    const txns = ctx.sizes.load.traceTxns ?? trace.txns.length
    const [paperId] = await server.createDocs(1, 'automerge-paper')
    const built = await buildOffline(server, paperId!, trace, txns)
    await upload(server, paperId!, built.doc, pool.workers[0]!)
    const paperExpected = expectedOf(built.doc)
    built.doc.destroy()
    const pageUrl = (id: string) => `${server.url}/projects/${encodeURIComponent(id)}`
    const example = await measurePage(
      ctx,
      browser,
      clientDir,
      pageUrl(exampleId),
      await readExpected(server, exampleId),
      server.cookie!,
    )
    ctx.log(`client: example editable after ${fmt.ms(example.firstVisitMedian)} ms`)
    const paper = await measurePage(ctx, browser, clientDir, pageUrl(paperId!), paperExpected, server.cookie!)
    ctx.log(`client: automerge-paper editable after ${fmt.ms(paper.firstVisitMedian)} ms`)
    return { initial, example, paper: { ...paper, txns } }
  } finally {
    await browser.close()
    await pool.stop()
    await server.stop()
  }
}

export function clientSection(result: ClientResult): Section {
  const row = (label: string, load: PageLoad) => [
    label,
    fmt.int(load.chars),
    fmt.ms(load.firstVisitMedian),
    fmt.ms(load.repeatVisitMedian),
    fmt.bytes(load.jsGzipBytes),
  ]
  const paperName =
    result.paper.txns === 259_778
      ? 'automerge-paper'
      : `automerge-paper (first ${fmt.int(result.paper.txns)} edits)`
  return {
    title: '6. Client',
    setup: `Production build in headless Chromium: navigation start → \`.ProseMirror[contenteditable=true]\` showing the whole text (median of ${result.example.firstVisit.length}; first visit in a fresh browser context, repeat visit in the same one). The stock y-websocket server has no client, so there is no reference row. Initial route JS (index.html script + modulepreload): ${fmt.bytes(result.initial.bytes)}, ${fmt.bytes(result.initial.gzipBytes)} gzip.`,
    header: ['document', 'characters', 'first visit ms', 'repeat visit ms', 'JS loaded (gzip)'],
    rows: [row('seeded example', result.example), row(paperName, result.paper)],
    targets: [
      { text: 'initial JS ≤ 350 KB gzip', met: result.initial.gzipBytes <= 350 * 1024 },
      {
        text: 'editable in < 1.5 s (first visit, both documents)',
        met: Math.max(result.example.firstVisitMedian, result.paper.firstVisitMedian) < 1500,
      },
    ],
    notes: [
      `"JS loaded" counts every script the editor route fetched before it was editable, including the lazily loaded editor chunk; the initial-route figure is what index.html references.`,
    ],
  }
}
