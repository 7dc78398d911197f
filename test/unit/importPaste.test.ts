/**
 * Pasting from Google Docs and Word: real clipboard HTML (test/fixtures/paste, see its README) cleaned by
 * cleanPastedHtml and parsed with the guideline's schema keeps headings, nested lists, tables, marks and links,
 * and the cleaned HTML has no style, class, font, mso-* or Google wrapper left. Runs on a jsdom window.
 */
import { readFileSync } from 'node:fs'
import { generateJSON, type JSONContent } from '@tiptap/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { cleanPastedHtml } from '../../client/import/cleanPastedHtml'
import { guidelineSchemaExtensions } from '../../shared/guideline/schemaExtensions'
import { blocks, installDom, listShape, marksOf, textOf } from '../helpers/importDoc'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/paste/${name}`, import.meta.url), 'utf8')

beforeAll(() => installDom())

function pasted(name: string): { html: string; doc: JSONContent } {
  const html = cleanPastedHtml(fixture(name))
  return { html, doc: generateJSON(html, guidelineSchemaExtensions()) }
}

function expectNoJunk(html: string) {
  expect(html).not.toMatch(/style=|class=|<font|<span|mso-|docs-internal-guid|<o:p|<!--|<meta|id=/i)
}

describe('paste from Google Docs', () => {
  it('keeps headings, nested bullet and numbered lists, marks, the link and the table (Atlassian capture)', () => {
    const { html, doc } = pasted('gdocs-atlassian.html')
    expectNoJunk(html)
    const top = blocks(doc)
    expect(top.map((node) => node.type)).toEqual([
      'heading',
      'heading',
      'bulletList',
      'orderedList',
      'paragraph',
      'paragraph',
      'paragraph',
      'table',
    ])
    expect(top[0]).toMatchObject({ attrs: { level: 1 } })
    expect(textOf(top[0]!).trim()).toBe('Heading 1')
    expect(top[1]).toMatchObject({ attrs: { level: 2 } })
    expect(listShape(top[2]!)).toEqual([
      'Unordered list item',
      ['Nested unordered list item'],
      'Unordered list item',
    ])
    expect(listShape(top[3]!)).toEqual([
      'Ordered list item',
      'Ordered list item',
      ['Nested ordered list item'],
    ])
    const marks = marksOf(top[4]!)
    expect(marks.Bold).toEqual(['bold'])
    expect(marks.BoldUnderline).toEqual(['bold', 'underline'])
    expect(marks.Emphasis).toEqual(['italic'])
    expect(marks.Underline).toEqual(['underline'])
    const link = marksOf(top[6]!, true).GoogleLink
    expect(link).toEqual(['link:https://google.com'])
    const table = top[7]!
    expect(table.content).toHaveLength(3)
    expect(textOf(table.content![1]!)).toContain('Middle Middle')
    // The wrapper <b style="font-weight:normal"> does not make the whole paste bold.
    expect(marksOf(top[2]!.content![0]!.content![0]!)['Unordered list item']).toEqual([])
  })

  it('keeps a table (Lexical capture) and a list, and bold/italic written as styles', () => {
    const table = pasted('gdocs-table.lexical.html')
    expectNoJunk(table.html)
    expect(blocks(table.doc).map((node) => node.type)).toEqual(['table'])
    expect(blocks(table.doc)[0]!.content).toHaveLength(2)
    const list = pasted('gdocs-list.lexical.html')
    expectNoJunk(list.html)
    expect(listShape(blocks(list.doc)[0]!)).toEqual(['Hello', 'World'])
    const formats = pasted('gdocs-text-format.lexical.html')
    expectNoJunk(formats.html)
    const lines = blocks(formats.doc).map((block) => marksOf(block))
    expect(lines[0]!.Bold).toEqual(['bold'])
    expect(lines[1]!.Italic).toEqual(['italic'])
    expect(lines[3]!['Bold Italic Underline']).toEqual(['bold', 'italic', 'underline'])
  })
})

describe('paste from Word', () => {
  it('rebuilds nested lists from mso-list paragraphs, keeps marks, link and table, drops mso junk and <o:p>', () => {
    const { html, doc } = pasted('word-atlassian.html')
    expectNoJunk(html)
    expect(html).not.toContain('·')
    const top = blocks(doc)
    const types = top.map((node) => node.type)
    expect(types.filter((type) => type === 'bulletList')).toHaveLength(1)
    expect(types).toContain('table')
    const bullets = top.find((node) => node.type === 'bulletList')!
    expect(listShape(bullets)).toEqual([
      'Unordered list item',
      ['Nested unordered list item'],
      'Unordered list item',
    ])
    const numbered = top.find((node) => node.type === 'orderedList')!
    expect(listShape(numbered)).toEqual([
      'Ordered list item',
      'Ordered list item',
      ['Nested ordered list item'],
    ])
    const marks = marksOf(top.find((node) => textOf(node).includes('BoldUnderline'))!)
    expect(marks.Bold).toEqual(['bold'])
    expect(marks.BoldUnderline).toEqual(['bold', 'underline'])
    expect(marks.Emphasis).toEqual(['italic'])
    const link = marksOf(top.find((node) => textOf(node).includes('GoogleLink'))!, true)
    expect(link.GoogleLink).toEqual(['link:https://google.com/'])
  })
})

describe('hostile paste', () => {
  it('drops scripts, handlers, javascript: links and styles', () => {
    const html = cleanPastedHtml(
      '<p onclick="x()">a<script>window.__pwned=1</script><a href="javascript:alert(1)">b</a>' +
        '<a href="https://ok.example/">c</a><img src="x" onerror="window.__pwned=1"><style>p{}</style></p>',
    )
    expect(html).not.toMatch(/script|onclick|onerror|javascript:|<style/i)
    expect(html).toContain('href="https://ok.example/"')
  })
})
