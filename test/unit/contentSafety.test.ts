/**
 * Hostile content written straight into the Yjs document (no editor in between) is inert in every
 * server-rendered output: the published guideline HTML, the Markdown export and the printable page — and
 * the sanitiser alone neutralises HTML that never went through the renderer (e.g. versions stored earlier).
 */
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { buildVersionJson, guidelineJson } from '../../server/publish/buildVersion'
import { versionMarkdown, versionPrintPage } from '../../server/publish/exportVersion'
import { renderGuidelineHtml } from '../../server/publish/renderGuideline'
import { sanitizeHtml } from '../../server/publish/sanitizeHtml'
import { completeDraft } from '../helpers/drafts'
import { baseDraft } from '../helpers/fuzzFrames'
import { expectInert, HOSTILE_HREFS, writeHostileGuideline } from '../helpers/hostileContent'

function hostileDraft() {
  const doc = baseDraft(1)
  writeHostileGuideline(doc)
  return doc
}

const meta = {
  project: { id: 'p1', name: '<script>window.__pwned=1</script>Project' },
  version: '1.0.0',
  publishedAt: '2026-11-26T12:00:00.000Z',
  publishedBy: { id: 'u1', name: '<img src=x onerror=alert(1)>' },
  changelog: '<a href="javascript:alert(1)">notes</a>',
  openThreadsAtPublish: 0,
}

describe('content safety of server-rendered output', () => {
  it('the published guideline HTML keeps the text and the safe link, and nothing executable', () => {
    const html = renderGuidelineHtml(guidelineJson(hostileDraft()), new Map(), 'p1')
    expectInert(html)
    expect(html).toContain('href="https://example.com/ok"')
    expect(html).toContain('&lt;img src=x onerror="window.__pwned=1"&gt;')
    expect(html).toContain('Hostile section')
  })

  it('the Markdown export links only http(s)', () => {
    const markdown = versionMarkdown(buildVersionJson(withRubric(hostileDraft()), meta))
    expect(markdown).toContain('(https://example.com/ok)')
    expect(markdown).not.toMatch(/\]\(\s*(javascript|data|vbscript)/i)
    expect(markdown).not.toMatch(/javascript:|vbscript:|data:text/i)
  })

  it('the printable page is inert, also for a version whose stored HTML predates the sanitiser', () => {
    const version = buildVersionJson(withRubric(hostileDraft()), meta)
    expectInert(versionPrintPage(version).replace(/<style>[\s\S]*?<\/style>/, ''))
    const stored = {
      ...version,
      guideline: {
        ...version.guideline,
        html: `<p onclick="window.__pwned=1">old</p>${HOSTILE_HREFS.map((h) => `<a href="${h}">x</a>`).join('')}<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><iframe src="javascript:1"></iframe><svg><a xlink:href="javascript:1">s</a></svg>`,
      },
    }
    const page = versionPrintPage(stored)
    expectInert(page.replace(/<style>[\s\S]*?<\/style>/, ''))
    expect(page).toContain('>old</p>')
  })

  it('the sanitiser drops every hostile scheme and handler on its own', () => {
    for (const href of HOSTILE_HREFS) {
      const html = sanitizeHtml(`<a href="${href}" onclick="x()">x</a><img src="${href}">`)
      expectInert(html)
    }
    expect(sanitizeHtml('<a href="mailto:lead@example.com">m</a>')).toContain(
      'href="mailto:lead@example.com"',
    )
  })
})

/** Adds the complete rubric and examples of test/helpers/drafts.ts, so the draft can be published. */
function withRubric(doc: Y.Doc): Y.Doc {
  completeDraft({ doc } as unknown as Parameters<typeof completeDraft>[0])
  return doc
}
