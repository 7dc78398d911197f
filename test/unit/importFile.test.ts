/**
 * Importing a file: the checks on the bytes (type, size, empty, old .doc, not a zip, binary named .md), and the
 * conversion of .docx (built with test/helpers/docxBuilder), .md and .html into the guideline's content —
 * headings as sections, nested lists, tables, marks, links — with nothing executable left. Runs the same
 * modules as the browser (worker conversion, batch cleaning) on a jsdom window.
 */
import { getSchema, type JSONContent } from '@tiptap/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { convertToHtml, ImportError } from '../../client/import/convertToHtml'
import { buildContent, ImportFailure } from '../../client/import/importDocument'
import { guidelineSchemaExtensions } from '../../shared/guideline/schemaExtensions'
import { checkImportFile, IMPORT_MAX_BYTES, type ImportKind } from '../../shared/import/importFile'
import { buildDocx } from '../helpers/docxBuilder'
import { blocks, installDom, listShape, marksOf, textOf } from '../helpers/importDoc'

beforeAll(() => installDom())
const schema = () => getSchema(guidelineSchemaExtensions())
const text = (value: string) => new TextEncoder().encode(value)
const never = new AbortController().signal

async function imported(fileName: string, kind: ImportKind, bytes: Uint8Array) {
  const { html } = await convertToHtml(kind, bytes.slice().buffer)
  const content = await buildContent({ fileName, html }, schema(), () => {}, never)
  return { doc: { type: 'doc', content: content.fragment.toJSON() }, content, html }
}

/** No node or mark outside the schema's safe set, and no attribute or link that could run (text may say anything). */
function expectInertJson(node: JSONContent) {
  expect(['script', 'iframe', 'image', 'svg', 'form', 'input']).not.toContain(node.type)
  const attributes = JSON.stringify([node.attrs ?? {}, node.marks ?? []])
  expect(attributes).not.toMatch(/javascript:|onerror|onclick|onmouseover|<script/i)
  for (const child of node.content ?? []) expectInertJson(child)
}

function linksIn(node: JSONContent): string[] {
  return Object.values(marksOf(node, true))
    .flat()
    .filter((mark) => mark.startsWith('link:'))
}

describe('checkImportFile', () => {
  it('accepts .docx zips, UTF-8 .md and .html', () => {
    expect(checkImportFile('a.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1]))).toEqual({
      ok: true,
      kind: 'docx',
    })
    expect(checkImportFile('a.md', text('# Hi'))).toEqual({ ok: true, kind: 'markdown' })
    expect(checkImportFile('a.HTM', text('<p>hi</p>'))).toEqual({ ok: true, kind: 'html' })
  })

  it('says what is wrong with a bad file', () => {
    const fail = (name: string, bytes: Uint8Array) => {
      const check = checkImportFile(name, bytes)
      return check.ok ? 'accepted' : check.message
    }
    expect(fail('notes.pdf', text('x'))).toMatch(/Only Word \(\.docx\), Markdown \(\.md\) and HTML/)
    expect(fail('empty.md', new Uint8Array())).toBe('“empty.md” is empty.')
    expect(fail('big.md', new Uint8Array(IMPORT_MAX_BYTES + 1).fill(65))).toMatch(
      /is 25 MB; files up to 25 MB/,
    )
    expect(fail('old.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toMatch(
      /old Word \(\.doc\) file/,
    )
    expect(fail('fake.docx', text('just text'))).toMatch(
      /not a Word document: a \.docx file is a zip archive/,
    )
    expect(fail('photo.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).toMatch(/not a text file/)
    expect(fail('latin1.md', new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toMatch(/not a text file/)
  })
})

describe('import .docx', () => {
  it('turns Word headings into sections and keeps nested lists, tables, bold, italic and links', async () => {
    const bytes = await buildDocx([
      { heading: 1, text: 'Helpfulness guideline' },
      {
        paragraph: [
          { text: 'Read ' },
          { text: 'carefully', bold: true },
          { text: ' and ' },
          { text: 'slowly', italic: true },
        ],
      },
      { heading: 2, text: 'Scoring' },
      { list: 'bullet', level: 0, text: 'First rule' },
      { list: 'bullet', level: 1, text: 'Sub-rule' },
      { list: 'bullet', level: 0, text: 'Second rule' },
      { list: 'number', level: 0, text: 'Step one' },
      {
        table: [
          ['Score', 'Meaning'],
          ['1', 'Wrong'],
        ],
      },
      { heading: 3, text: 'Links' },
      { paragraph: [{ text: 'See ' }, { text: 'the policy', link: 'https://example.com/policy' }] },
    ])
    const { doc } = await imported('guide.docx', 'docx', bytes)
    const top = blocks(doc)
    const headings = top.filter((node) => node.type === 'heading')
    expect(headings.map((node) => [node.attrs?.level, textOf(node)])).toEqual([
      [1, 'Helpfulness guideline'],
      [2, 'Scoring'],
      [3, 'Links'],
    ])
    const marks = marksOf(top[1]!)
    expect(marks.carefully).toEqual(['bold'])
    expect(marks.slowly).toEqual(['italic'])
    expect(listShape(top.find((node) => node.type === 'bulletList')!)).toEqual([
      'First rule',
      ['Sub-rule'],
      'Second rule',
    ])
    expect(listShape(top.find((node) => node.type === 'orderedList')!)).toEqual(['Step one'])
    const table = top.find((node) => node.type === 'table')!
    expect(table.content).toHaveLength(2)
    expect(textOf(table)).toContain('Meaning')
    expect(marksOf(top.at(-1)!, true)['the policy']).toEqual(['link:https://example.com/policy'])
  })

  it('keeps text that looks like markup as text and drops javascript: hyperlinks', async () => {
    const bytes = await buildDocx([
      { heading: 1, text: 'Hostile' },
      { paragraph: [{ text: '<script>window.__pwned=1</script><img src=x onerror=alert(1)>' }] },
      { paragraph: [{ text: 'click', link: 'javascript:alert(1)' }, { text: ' here' }] },
    ])
    const { doc, html } = await imported('hostile.docx', 'docx', bytes)
    expect(textOf(blocks(doc)[1]!)).toBe('<script>window.__pwned=1</script><img src=x onerror=alert(1)>')
    expect(html).not.toContain('<script>')
    expect(textOf(blocks(doc)[2]!)).toBe('click here')
    expect(linksIn(blocks(doc)[2]!)).toEqual([])
    expectInertJson(doc)
  })

  it('says a damaged .docx cannot be read, and a document without text has nothing to import', async () => {
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(200).fill(7)])
    await expect(convertToHtml('docx', broken.buffer)).rejects.toThrow(ImportError)
    await expect(convertToHtml('docx', broken.buffer)).rejects.toThrow(/damaged or incomplete/)
    const empty = await buildDocx([{ paragraph: [{ text: ' ' }] }])
    await expect(imported('blank.docx', 'docx', empty)).rejects.toThrow(ImportFailure)
    await expect(imported('blank.docx', 'docx', empty)).rejects.toThrow('“blank.docx” has no text to import.')
  })
})

describe('import .md', () => {
  it('reads CommonMark and GFM tables: headings as sections, nested lists, table, marks, links', async () => {
    const source = [
      '# Rubric',
      '',
      'Some **bold** and *italic* and ~~struck~~ text with [a link](https://example.com/x).',
      '',
      '## Cases',
      '',
      '- one',
      '  - one.a',
      '- two',
      '',
      '1. first',
      '2. second',
      '',
      '| Score | Meaning |',
      '| ----- | ------- |',
      '| 1     | Wrong   |',
      '',
      '```',
      'code block',
      '```',
    ].join('\n')
    const { doc } = await imported('rubric.md', 'markdown', text(source))
    const top = blocks(doc)
    expect(top.map((node) => node.type)).toEqual([
      'heading',
      'paragraph',
      'heading',
      'bulletList',
      'orderedList',
      'table',
      'codeBlock',
    ])
    expect(listShape(top[3]!)).toEqual(['one', ['one.a'], 'two'])
    const marks = marksOf(top[1]!, true)
    expect(marks.bold).toEqual(['bold'])
    expect(marks.italic).toEqual(['italic'])
    expect(marks.struck).toEqual(['strike'])
    expect(marks['a link']).toEqual(['link:https://example.com/x'])
    expect(top[5]!.content).toHaveLength(2)
  })

  it('removes raw HTML that could run and refuses javascript: links; a file without a heading gets its name as one', async () => {
    const source = [
      'Intro <script>window.__pwned=1</script> text',
      '',
      '<img src="x" onerror="window.__pwned=1">',
      '',
      '[bad](javascript:alert(1)) and <a href="javascript:alert(1)" onclick="x()">raw</a>',
      '',
      '<iframe src="https://evil.example"></iframe><div onmouseover="x()">div text</div>',
    ].join('\n')
    const { doc, content } = await imported('notes/annotator notes.md', 'markdown', text(source))
    expectInertJson(doc)
    const top = blocks(doc)
    expect(top[0]).toMatchObject({ type: 'heading', attrs: { level: 1 } })
    expect(textOf(top[0]!)).toBe('annotator notes')
    expect(JSON.stringify(doc)).toContain('div text')
    expect(top.flatMap(linksIn)).toEqual([])
    expect(content.skippedImages).toBe(1)
  })
})

describe('import .html', () => {
  it('keeps structure, maps h4–h6 to level 3 and removes scripts, handlers, styles and javascript: links', async () => {
    const source = `<!doctype html><html><head><style>h1{color:red}</style><script>window.__pwned=1</script></head>
      <body><h1 style="color:red" class="x">Title</h1><h4>Deep</h4>
      <p onclick="x()">Text <a href="javascript:alert(1)">bad</a> <a href="https://ok.example/">ok</a></p>
      <ul><li>a<ul><li>a.1</li></ul></li></ul><table><tr><th>H</th></tr><tr><td>C</td></tr></table>
      <svg><script>window.__pwned=1</script></svg><form><input value="x"></form></body></html>`
    const { doc } = await imported('page.html', 'html', text(source))
    expectInertJson(doc)
    const top = blocks(doc)
    expect(top.slice(0, 2).map((node) => [node.type, node.attrs?.level, textOf(node)])).toEqual([
      ['heading', 1, 'Title'],
      ['heading', 3, 'Deep'],
    ])
    expect(linksIn(top[2]!)).toEqual(['link:https://ok.example/'])
    expect(listShape(top.find((node) => node.type === 'bulletList')!)).toEqual(['a', ['a.1']])
    expect(top.some((node) => node.type === 'table')).toBe(true)
  })
})
