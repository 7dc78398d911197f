/**
 * The bench suite (`npm run bench`, via scripts/bench.mjs): runs the selected scenarios against Yardstick and
 * the reference server, prints a table, and writes every figure as JSON (and the table as Markdown) under
 * bench-results/. It measures; it never passes or fails on time.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { snapshotBuild, sourceEntry } from './buildSnapshot'
import { type BenchOptions, FULL_SIZES, parseArgs, QUICK_SIZES } from './config'
import { type BenchContext, createContext } from './context'
import { chromiumVersion, describeMachine, gitDescription, machineInfo, packageVersions } from './machine'
import { renderProfile, summarizeProfile } from './profileSummary'
import { scenarios } from './scenarios/index'
import { ROOT, removeTempDirs } from './servers'
import { renderMarkdown, renderText, type Section } from './table'

async function main(): Promise<number> {
  let options: ReturnType<typeof parseArgs>
  try {
    options = parseArgs(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`)
    return 2
  }
  const sizes = options.quick ? QUICK_SIZES : FULL_SIZES
  const startedAt = new Date()
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-')
  const outDir = resolve(ROOT, options.outDir)
  const runDir = join(outDir, stamp)
  mkdirSync(runDir, { recursive: true })
  const build = options.yardstickFrom === 'build' ? snapshotBuild(stamp) : sourceEntry()
  try {
    return await runScenarios(options, createContext(options, sizes, runDir, build), {
      startedAt,
      stamp,
      outDir,
    })
  } finally {
    build.remove()
    removeTempDirs()
  }
}

async function runScenarios(
  options: BenchOptions,
  ctx: BenchContext,
  run: { startedAt: Date; stamp: string; outDir: string },
): Promise<number> {
  const { startedAt, stamp, outDir } = run
  const { sizes, runDir, build } = ctx
  const machine = machineInfo()
  ctx.log(
    `${options.quick ? 'quick' : 'full'} run of ${options.only.join(', ')} on ${describeMachine(machine)}`,
  )

  const results: Record<string, unknown> = {}
  const errors: Record<string, string> = {}
  const sections: Section[] = []
  for (const scenario of scenarios.filter((s) => options.only.includes(s.name))) {
    ctx.log(`scenario ${scenario.name}: start`)
    try {
      // A hang guard, not a budget: the fan-out (five servers, three conditions) and capacity with retries take
      // 15–25 min on a quiet 2-core machine. The soak runs for its configured duration on top.
      const limitMs =
        (options.quick ? 180_000 : 1_800_000) + (scenario.name === 'soak' ? sizes.soak.durationMs : 0)
      const result = await withTimeout(scenario.run(ctx), limitMs, scenario.name)
      results[scenario.name] = result
      const section = scenario.section(result)
      // Quick sizes are far from the issue's: judging targets on them would only mislead.
      if (options.quick) section.targets = section.targets.map((target) => ({ ...target, met: null }))
      sections.push(section)
      process.stdout.write(`\n${renderText(section)}`)
    } catch (error) {
      errors[scenario.name] = error instanceof Error ? (error.stack ?? error.message) : String(error)
      ctx.log(`scenario ${scenario.name} failed: ${errors[scenario.name]}`)
    }
  }

  if (options.profile) writeProfileSummaries(runDir, ctx.log)
  const finishedAt = new Date()
  const report = {
    schema: 1,
    quick: options.quick,
    scenarios: options.only,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationS: Math.round((finishedAt.getTime() - startedAt.getTime()) / 100) / 10,
    /** Time spent waiting for other processes on this shared machine to go quiet before measuring. */
    quietWaitedS: Math.round(ctx.quietWaitedMs() / 100) / 10,
    machine,
    versions: { ...packageVersions(), chromium: chromiumVersion(options.chromiumPath) },
    git: gitDescription(),
    yardstick: { from: options.yardstickFrom, serverBundleSha256: build.serverHash, builtAt: build.builtAt },
    sizes,
    results,
    targets: sections.flatMap((section) =>
      section.targets.map((target) => ({ section: section.title, ...target })),
    ),
    errors,
  }
  const json = `${JSON.stringify(report, null, 2)}\n`
  const markdown = [
    `Measured ${finishedAt.toISOString().slice(0, 10)} on ${describeMachine(machine)}; commit ${report.git.commit}${report.git.dirty ? ' (with uncommitted changes)' : ''}.`,
    '',
    ...sections.map(renderMarkdown),
  ].join('\n')
  for (const name of [stamp, 'latest']) {
    writeFileSync(join(outDir, `${name}.json`), json)
    writeFileSync(join(outDir, `${name}.md`), markdown)
  }
  ctx.log(`wrote ${join(outDir, `${stamp}.json`)} (${report.durationS} s)`)
  return Object.keys(errors).length > 0 ? 1 : 0
}

/** A scenario that hangs must not hang the suite; its processes are killed when the run exits. */
function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`scenario ${name} did not finish within ${ms / 1000} s`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Summarises every server CPU profile of the run into runDir/profiles/summary.txt. */
function writeProfileSummaries(runDir: string, log: (message: string) => void): void {
  const root = join(runDir, 'profiles')
  if (!existsSync(root)) return
  const parts: string[] = []
  for (const tag of readdirSync(root)) {
    for (const file of readdirSync(join(root, tag)).filter((name) => name.endsWith('.cpuprofile'))) {
      parts.push(renderProfile(`${tag}: ${file}`, summarizeProfile(join(root, tag, file))))
    }
  }
  writeFileSync(join(root, 'summary.txt'), parts.join('\n'))
  log(`CPU profiles of Yardstick summarised in ${join(root, 'summary.txt')}`)
}

// Exit explicitly: a provider left reconnecting after a failed scenario must not keep the run alive.
process.exit(await main())
