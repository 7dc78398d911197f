/**
 * Compatibility with documents written before task types. The fixtures were produced by the code at commit
 * 55a28be (test/fixtures/old-0.10-fixture.ts.txt is the script, run there with `npx tsx`): a published version JSON, the draft snapshot it was
 * built from, and what that code read, checked, scored and rendered. Today's code must parse the version,
 * find the same problems, score the same answers the same, render the same Markdown, read the old draft to
 * the same JSON (no task types) and publish it to the same version.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { buildVersionJson } from '../../server/publish/buildVersion'
import { versionMarkdown } from '../../server/publish/exportVersion'
import { goldCsv } from '../../server/publish/goldCsv'
import { findProblems, type Problem } from '../../shared/rubric/problems'
import { type Answers, type GoldTable, scoreAttempt } from '../../shared/rubric/scoring'
import { RubricWithExamples } from '../../shared/schema/rubric'
import { VersionJson } from '../../shared/schema/version'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { readRubric } from '../../shared/ydoc/rubricDoc'

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url)
const version = JSON.parse(readFileSync(fixture('version-0.10.json'), 'utf8'))
const expected = JSON.parse(readFileSync(fixture('old-0.10-expected.json'), 'utf8'))
const oldDraft = () => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, readFileSync(fixture('draft-0.10.bin')))
  return doc
}

describe('a version published before task types', () => {
  it('parses with today’s version schema, unchanged', () => {
    const parsed = VersionJson.parse(version)
    expect(parsed).toEqual(version)
    expect(parsed.rubric.taskTypes).toBeUndefined()
  })

  it('has no problem it did not have before; pairwise gold is no longer asked of one-response content', () => {
    const draft = RubricWithExamples.parse({ rubric: version.rubric, examples: version.examples })
    const key = (p: Problem) => `${p.code} ${p.exampleId ?? ''} ${p.criterionId ?? ''}`
    const before = new Set((expected.problems as Problem[]).map(key))
    const now = findProblems(draft)
    expect(now.filter((p) => !before.has(key(p)))).toEqual([])
    // Before task types every criterion needed gold on every example, even a preference on one response.
    expect(before.size).toBe(9)
    expect([...before].every((k) => k.startsWith('gold_missing') && k.endsWith('crit-pref'))).toBe(true)
    expect(now).toEqual([])
  })

  it('scores the same answers the same', () => {
    const gold: GoldTable = {}
    for (const e of version.examples as VersionJson['examples']) {
      if (!('gold' in e)) continue
      gold[e.id] = Object.fromEntries(Object.entries(e.gold).map(([key, g]) => [key, g.accepted]))
    }
    const { details, ...score } = scoreAttempt(version.rubric, gold, expected.answers as Answers)
    expect(score).toEqual(expected.score)
    // Details are new (span, label-set and step-verdict answers only): none for the old kinds.
    expect(Object.values(details).every((perSlot) => Object.keys(perSlot).length === 0)).toBe(true)
  })

  it('renders the same Markdown, and one CSV row per gold value as before', () => {
    expect(versionMarkdown(VersionJson.parse(version))).toBe(expected.markdown)
    const rows = goldCsv(VersionJson.parse(version)).trim().split('\r\n')
    const goldValues = (version.examples as { gold: object }[]).reduce(
      (n, e) => n + Object.keys(e.gold).length,
      0,
    )
    expect(rows).toHaveLength(1 + goldValues)
  })
})

describe('a draft written before task types', () => {
  it('reads to the same JSON as before, with no task types', () => {
    const doc = oldDraft()
    expect(readRubric(doc)).not.toHaveProperty('taskTypes')
    expect(readRubricWithExamples(doc)).toEqual(expected.draftRead)
  })

  it('publishes to the same version JSON', () => {
    expect(
      buildVersionJson(oldDraft(), {
        project: version.project,
        version: version.version,
        publishedAt: version.publishedAt,
        publishedBy: version.publishedBy,
        changelog: version.changelog,
        openThreadsAtPublish: version.openThreadsAtPublish,
      }),
    ).toEqual(version)
  })
})
