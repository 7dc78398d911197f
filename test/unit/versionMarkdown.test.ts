/**
 * The whole Markdown export of a version (server/publish/exportVersion.ts) with hostile text in every rubric
 * and example field: rendered by markdown-it with raw HTML off and on, it has the export's own structure
 * (two part headings, one heading per criterion and example, their lists and labels) and nothing else, and
 * hostile names cannot close the HTML comment at its top.
 */
import { describe, expect, it } from 'vitest'
import { versionMarkdown } from '../../server/publish/exportVersion'
import type { Criterion } from '../../shared/schema/rubric'
import { VERSION_FORMAT, type VersionJson } from '../../shared/schema/version'
import { HOSTILE_TEXTS, inspectMarkdown } from '../helpers/hostileMarkdown'

const multiLine = HOSTILE_TEXTS.join('\n')
const paragraphs = HOSTILE_TEXTS.join('\n\n')

function criteria(): Criterion[] {
  return HOSTILE_TEXTS.map((s, i) => {
    // Every text as a title or label; the long multi-line fields on the first few only (keeps it quick).
    const long = (text: string) => (i < 3 ? text : s)
    const base = {
      id: `c${i}`,
      title: s,
      description: long(i % 2 ? multiLine : paragraphs),
      tags: [],
      weight: 1,
    }
    return i % 2
      ? {
          ...base,
          rationaleRequired: false,
          kind: 'ordinal',
          levels: [
            { value: 1, label: s, descriptor: s },
            { value: 2, label: 'ok', descriptor: long(multiLine) },
          ],
          tolerance: 0,
        }
      : {
          ...base,
          rationaleRequired: false,
          kind: 'label',
          labels: [{ value: s, description: long(multiLine) }],
          passingLabels: [s],
        }
  })
}

function hostileVersion(): VersionJson {
  const rubricCriteria = criteria()
  return {
    format: VERSION_FORMAT,
    project: { id: 'p', name: 'Project --> <script>alert(1)</script> --!>' },
    version: '1.0.0',
    publishedAt: '2026-12-03T12:00:00.000Z',
    publishedBy: { id: 'u', name: 'Name -->\n# heading' },
    changelog: multiLine,
    openThreadsAtPublish: 0,
    guideline: { doc: { type: 'doc' }, html: '', markdown: '', sections: [] },
    rubric: {
      title: HOSTILE_TEXTS[0]!,
      instructions: paragraphs,
      passThreshold: 0.8,
      criteria: rubricCriteria,
    },
    includesGold: true,
    examples: HOSTILE_TEXTS.map((s, i) => ({
      id: `e${i}`,
      title: s,
      content: {
        kind: 'pairwise',
        prompt: i < 3 ? multiLine : s,
        responseA: i < 3 ? paragraphs : s,
        responseB: s,
      },
      gold: { c0: { accepted: [HOSTILE_TEXTS[0]!], rationale: i < 3 ? multiLine : s } },
      rationale: i < 3 ? paragraphs : s,
      difficulty: 'hard',
      sectionId: null,
      status: 'ready',
    })),
  }
}

describe('the Markdown export of a version with hostile rubric and example text', () => {
  const version = hostileVersion()
  const markdown = versionMarkdown(version)

  it('keeps the HTML comment at the top closed where it should be', () => {
    expect(markdown.startsWith('<!-- Project --')).toBe(true)
    const end = markdown.indexOf('-->')
    expect(markdown.slice(0, end)).toContain('version 1.0.0, published')
    expect(markdown.slice(end, end + 5)).toBe('-->\n\n')
  })

  for (const rawHtml of [false, true]) {
    it(`has only the export's own elements (markdown-it, HTML ${rawHtml ? 'on' : 'off'})`, () => {
      const rendered = inspectMarkdown(markdown, rawHtml)
      const n = HOSTILE_TEXTS.length
      const scaleLines = version.rubric.criteria.reduce(
        (sum, c) =>
          sum + (c.kind === 'ordinal' ? c.levels.length + 1 : c.kind === 'label' ? c.labels.length : 1),
        0,
      )
      const expected = new Map([
        ['h2', 2],
        ['h3', 2 * n],
        ['ul', 2 * n],
        ['li', scaleLines + n],
        // Prompt, Response A, Response B, Gold and Rationale labels of each example.
        ['strong', 5 * n],
      ])
      for (const [tag, count] of rendered.tags) {
        if (tag === 'p' || tag === 'br') continue
        expect(count, `<${tag}>`).toBe(expected.get(tag) ?? 0)
      }
      expect([...rendered.attributes.keys()]).toEqual([])
    }, 30_000)
  }
})
