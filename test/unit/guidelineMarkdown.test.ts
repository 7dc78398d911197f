/**
 * The guideline's Markdown (server/publish/guidelineMarkdown.ts) with hostile text in every node and mark:
 * rendered by markdown-it with raw HTML off and on, it yields exactly the elements the guideline has (no
 * script, extra image, extra link, heading, list or quote), only the attributes those elements carry, links
 * only to the guideline's own http(s)/mailto hrefs and media URLs, and the same text as the published HTML. The seeded
 * guideline round-trips to the same structure and text.
 */
import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { guidelineJson } from '../../server/publish/buildVersion'
import { renderGuidelineHtml, renderGuidelineMarkdown } from '../../server/publish/renderGuideline'
import { exampleGuideline } from '../../server/seed/exampleGuideline'
import { isSafeLinkHref } from '../../shared/guideline/schemaExtensions'
import type { PublicExample } from '../../shared/schema/version'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { HOSTILE_HREFS } from '../helpers/hostileContent'
import {
  HOSTILE_SAFE_HREFS,
  HOSTILE_TEXTS,
  HOSTILE_TITLES,
  inspectHtml,
  inspectMarkdown,
  type RenderedMarkdown,
} from '../helpers/hostileMarkdown'

const text = (value: string, ...marks: string[]): JSONContent => ({
  type: 'text',
  text: value,
  marks: marks.map((type) => ({ type })),
})
const MEDIA_HASH = 'ab'.repeat(32)
const MEDIA_URL = `/api/projects/p1/media/${MEDIA_HASH}`
const para = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const item = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content })
const link = (value: string, href: string, title: string | null = null): JSONContent => ({
  type: 'text',
  text: value,
  marks: [{ type: 'link', attrs: { href, title } }],
})

/** A guideline with `s` in every node and mark the schema has, and the example it embeds. */
function hostileBlocks(s: string, i: number): { blocks: JSONContent[]; example: PublicExample } {
  const example: PublicExample = {
    id: `ex-${i}`,
    title: s,
    content: { kind: 'single', prompt: `${s}\n${s}\n\n${s}`, response: s },
    difficulty: 'easy',
    sectionId: null,
    status: 'ready',
  }
  const blocks: JSONContent[] = [
    { type: 'heading', attrs: { level: (i % 3) + 1, sectionId: `s-${i}` }, content: [text(s)] },
    para(
      text(s),
      text(' · '),
      text(s, 'bold'),
      text(' · '),
      text(s, 'italic'),
      text(' · '),
      text(s, 'strike'),
      text(' · '),
      text(s, 'code'),
      text(' · '),
      text(s, 'underline'),
      { type: 'hardBreak' },
      text(s),
      text(' · '),
      text(s, 'bold', 'italic'),
    ),
    { type: 'bulletList', content: [item(para(text(s))), item(para(text(s)), para(text(s)))] },
    { type: 'orderedList', attrs: { start: 3 }, content: [item(para(text(s))), item(para(text(s)))] },
    { type: 'blockquote', content: [para(text(s)), { type: 'horizontalRule' }] },
    {
      type: 'codeBlock',
      attrs: { language: i % 2 ? 'python' : 'js" onclick="x' },
      content: [text(`${s}\n\`\`\`\n</code></pre><script>x</script>\r~~~`)],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', content: [para(text(s))] },
            { type: 'tableHeader', content: [para(text(`a|b ${s}`, 'code'))] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [para(text(s)), para(text(s))] },
            { type: 'tableCell', content: [para(link(s, 'https://cell.example/|)'))] },
          ],
        },
      ],
    },
    { type: 'calibrationExample', attrs: { exampleId: example.id } },
    {
      type: 'media',
      attrs: { hash: MEDIA_HASH, kind: 'image', mime: 'image/png', alt: s, caption: s, displayWidth: 50 },
    },
    { type: 'media', attrs: { hash: MEDIA_HASH, kind: 'video', mime: 'video/webm', alt: s, caption: s } },
  ]
  return { blocks, example }
}

function linkBlocks(): JSONContent[] {
  const links = [
    ...HOSTILE_SAFE_HREFS.flatMap((href, j) =>
      [null, ...HOSTILE_TITLES].map((title, k) => link(`link ${j}.${k} [x](y)`, href, title)),
    ),
    ...HOSTILE_HREFS.map((href, j) => link(`unsafe ${j}`, href, 'title')),
  ]
  return [para(...links.flatMap((l) => [l, text(' ')]))]
}

/** How many of each element the guideline's own HTML structure has (paragraphs and breaks excepted). */
function expectedTags(doc: JSONContent): Map<string, number> {
  const tags = new Map<string, number>()
  const add = (tag: string, n = 1) => tags.set(tag, (tags.get(tag) ?? 0) + n)
  const walk = (node: JSONContent, inHeaderRow = false) => {
    const MARK_TAGS: Record<string, string> = { bold: 'strong', italic: 'em', strike: 's', code: 'code' }
    for (const mark of node.marks ?? []) {
      if (MARK_TAGS[mark.type]) add(MARK_TAGS[mark.type]!)
      if (mark.type === 'link' && isSafeLinkHref(String(mark.attrs?.href))) add('a')
    }
    const NODE_TAGS: Record<string, string[]> = {
      bulletList: ['ul'],
      orderedList: ['ol'],
      listItem: ['li'],
      blockquote: ['blockquote'],
      codeBlock: ['pre', 'code'],
      horizontalRule: ['hr'],
      table: ['table', 'thead', 'tbody'],
      tableRow: ['tr'],
      calibrationExample: ['blockquote', 'strong', 'em', 'em'],
    }
    for (const tag of NODE_TAGS[node.type ?? ''] ?? []) add(tag)
    // An image is `![alt](url)`, video and audio a link; a caption is emphasised.
    if (node.type === 'media') add(node.attrs?.kind === 'image' ? 'img' : 'a')
    if (node.type === 'media' && node.attrs?.caption) add('em')
    if (node.type === 'heading') add(`h${node.attrs?.level}`)
    if (node.type === 'tableHeader' || node.type === 'tableCell') add(inHeaderRow ? 'th' : 'td')
    if (node.type === 'codeBlock') return
    for (const [index, child] of (node.content ?? []).entries()) {
      walk(child, node.type === 'table' ? index === 0 : inHeaderRow)
    }
  }
  walk(doc)
  return tags
}

function expectOnlyTheGuidelinesElements(rendered: RenderedMarkdown, doc: JSONContent, label: string) {
  const expected = expectedTags(doc)
  for (const [tag, n] of rendered.tags) {
    if (tag === 'p' || tag === 'br') continue
    expect(n, `${label}: <${tag}> elements\n${rendered.html}`).toBe(expected.get(tag) ?? 0)
  }
  for (const [tag, n] of expected) expect(rendered.tags.get(tag) ?? 0, `${label}: <${tag}>`).toBe(n)
  const allowed = new Set(['a[href]', 'a[title]', 'ol[start]', 'code[class]', 'img[src]', 'img[alt]'])
  for (const attribute of rendered.attributes.keys())
    expect(allowed.has(attribute), `${label}: ${attribute}\n${rendered.html}`).toBe(true)
}

describe('guideline Markdown with hostile content', () => {
  const built = HOSTILE_TEXTS.map(hostileBlocks)
  const doc: JSONContent = { type: 'doc', content: [...built.flatMap((b) => b.blocks), ...linkBlocks()] }
  const examples = new Map(built.map((b) => [b.example.id, b.example]))
  const markdown = renderGuidelineMarkdown(doc, examples, 'p1')
  const htmlText = inspectHtml(renderGuidelineHtml(doc, examples, 'p1')).text

  for (const rawHtml of [false, true]) {
    it(`renders to exactly the guideline's elements and text (markdown-it, HTML ${rawHtml ? 'on' : 'off'})`, () => {
      const rendered = inspectMarkdown(markdown, rawHtml)
      expectOnlyTheGuidelinesElements(rendered, doc, `html ${rawHtml}`)
      expect(rendered.text).toBe(htmlText)
    }, 30_000)
  }

  it('links only to the guideline’s safe hrefs, percent-encoded so nothing breaks out', () => {
    const rendered = inspectMarkdown(markdown, true)
    const safe = new Set([...HOSTILE_SAFE_HREFS, 'https://cell.example/|)', MEDIA_URL].map((h) => h.trim()))
    for (const href of rendered.hrefs) expect(safe, href).toContain(decodeURIComponent(href))
    expect(markdown).not.toContain('](https://ok.example/)<script>')
    // One link per safe href and title, one per table cell link, one per video (media keep their own URL).
    expect(rendered.hrefs).toHaveLength(
      HOSTILE_SAFE_HREFS.length * (HOSTILE_TITLES.length + 1) + 2 * HOSTILE_TEXTS.length,
    )
    expect(rendered.hrefs.filter((href) => href === MEDIA_URL)).toHaveLength(HOSTILE_TEXTS.length)
    const sources = [...rendered.html.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1])
    expect(sources).toEqual(HOSTILE_TEXTS.map(() => MEDIA_URL))
    const titles = [...inspectHtmlTitles(rendered.html)]
    expect(titles).toContain(HOSTILE_TITLES[0])
  })

  it('keeps every example’s public content and never a gold field', () => {
    expect(markdown).toContain('> **Example: \\<script>alert(document.domain)\\</script>**')
    expect(markdown).not.toMatch(/gold|rationale/i)
  })
})

describe('marks glued to words', () => {
  it('never yield more elements than the guideline has (CommonMark cannot always express them)', () => {
    // `word**<x**`: emphasis cannot open between a letter and punctuation in CommonMark, so such marks
    // may come out as literal asterisks — fewer elements, never more.
    for (const s of HOSTILE_TEXTS) {
      const doc: JSONContent = {
        type: 'doc',
        content: [
          para(
            text(s),
            text(s, 'bold'),
            text(s, 'italic'),
            text(s, 'strike'),
            text(s, 'code'),
            link(s, 'https://x.example/'),
          ),
        ],
      }
      for (const rawHtml of [false, true]) {
        const rendered = inspectMarkdown(renderGuidelineMarkdown(doc, new Map(), 'p1'), rawHtml)
        const expected = expectedTags(doc)
        for (const [tag, n] of rendered.tags)
          if (tag !== 'p')
            expect(n, `${JSON.stringify(s)}: <${tag}>`).toBeLessThanOrEqual(expected.get(tag) ?? 0)
        expect(rendered.tags.get('a') ?? 0).toBe(1)
      }
    }
  }, 30_000)
})

function inspectHtmlTitles(html: string): Set<string> {
  return new Set(
    [...html.matchAll(/title="([^"]*)"/g)].map((m) =>
      m[1]!
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    ),
  )
}

describe('guideline Markdown for honest content', () => {
  it('the seeded guideline renders to the same structure and text as its HTML', () => {
    const ydoc = new Y.Doc()
    appendBlocks(guidelineFragment(ydoc), exampleGuideline)
    // Examples are covered above; the seed's live in the draft's examples map, not needed here.
    const json = guidelineJson(ydoc)
    const doc = { ...json, content: json.content?.filter((n) => n.type !== 'calibrationExample') }
    const markdown = renderGuidelineMarkdown(doc, new Map(), 'p1')
    expect(markdown).toContain('# Medical QA — helpfulness & safety rating guideline\n')
    expect(markdown).toContain(
      '**Rate the answer the user received, not the answer you would have written.**',
    )
    expect(markdown).toContain('\n- A single claim')
    expect(markdown).toContain('\n1. Does it answer the question')
    expect(markdown).not.toMatch(/\\[^\\`*_~[\]<|&#>=+\-.)]/)
    const fromMarkdown = inspectMarkdown(markdown, false)
    expectOnlyTheGuidelinesElements(fromMarkdown, doc, 'seed')
    expect(fromMarkdown.text).toBe(inspectHtml(renderGuidelineHtml(doc, new Map(), 'p1')).text)
  })
})
