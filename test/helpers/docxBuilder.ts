/**
 * Builds real .docx files for import tests (there is no docx writer among the dependencies): the WordprocessingML
 * parts a Word file needs — content types, relationships, styles with Heading 1–3, numbering for bulleted and
 * numbered lists, hyperlinks as external relationships — zipped with JSZip (mammoth's own zip library).
 */
import JSZip from 'jszip'

export interface DocxRun {
  text: string
  bold?: boolean
  italic?: boolean
  link?: string
}
export type DocxBlock =
  | { heading: 1 | 2 | 3; text: string }
  | { paragraph: DocxRun[] }
  | { list: 'bullet' | 'number'; level: number; text: string }
  | { table: string[][] }

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function run({ text, bold, italic }: DocxRun): string {
  const props = `${bold ? '<w:b/>' : ''}${italic ? '<w:i/>' : ''}`
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`
}

function paragraph(content: string, props = ''): string {
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${content}</w:p>`
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">${[1, 2, 3]
  .map(
    (level) =>
      `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/><w:basedOn w:val="Normal"/></w:style>`,
  )
  .join(
    '',
  )}<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`

function abstractNum(id: number, format: 'bullet' | 'decimal'): string {
  const levels = [0, 1, 2]
    .map(
      (level) =>
        `<w:lvl w:ilvl="${level}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${format === 'bullet' ? '•' : `%${level + 1}.`}"/></w:lvl>`,
    )
    .join('')
  return `<w:abstractNum w:abstractNumId="${id}">${levels}</w:abstractNum>`
}

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}">${abstractNum(0, 'bullet')}${abstractNum(1, 'decimal')}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`

export async function buildDocx(blocks: DocxBlock[]): Promise<Uint8Array> {
  const links: string[] = []
  const body = blocks
    .map((block) => {
      if ('heading' in block)
        return paragraph(run({ text: block.text }), `<w:pStyle w:val="Heading${block.heading}"/>`)
      if ('list' in block)
        return paragraph(
          run({ text: block.text }),
          `<w:numPr><w:ilvl w:val="${block.level}"/><w:numId w:val="${block.list === 'bullet' ? 1 : 2}"/></w:numPr>`,
        )
      if ('table' in block)
        return `<w:tbl>${block.table
          .map(
            (row) =>
              `<w:tr>${row.map((cell) => `<w:tc>${paragraph(run({ text: cell }))}</w:tc>`).join('')}</w:tr>`,
          )
          .join('')}</w:tbl>`
      return paragraph(
        block.paragraph
          .map((part) => {
            if (!part.link) return run(part)
            links.push(part.link)
            return `<w:hyperlink r:id="link${links.length}">${run(part)}</w:hyperlink>`
          })
          .join(''),
      )
    })
    .join('')
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`,
  )
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`,
  )
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG}"><Relationship Id="rIdStyles" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rIdNumbering" Type="${R}/numbering" Target="numbering.xml"/>${links
      .map(
        (href, index) =>
          `<Relationship Id="link${index + 1}" Type="${R}/hyperlink" Target="${escapeXml(href)}" TargetMode="External"/>`,
      )
      .join('')}</Relationships>`,
  )
  zip.file('word/styles.xml', STYLES)
  zip.file('word/numbering.xml', NUMBERING)
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}</w:body></w:document>`,
  )
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}

const LOREM =
  'Annotators judge whether the response answers the question that was asked, cites its sources, and stays within the scope the prompt set. '

/** A long guideline: `sections` H1 sections of about a page each (paragraphs, a nested list, a table). */
export function longGuideline(sections: number): DocxBlock[] {
  const blocks: DocxBlock[] = []
  for (let section = 1; section <= sections; section++) {
    blocks.push({ heading: 1, text: `Section ${section}` })
    for (let p = 0; p < 4; p++) blocks.push({ paragraph: [{ text: LOREM.repeat(3), bold: p === 0 }] })
    blocks.push({ heading: 2, text: `Rules for section ${section}` })
    blocks.push({ list: 'bullet', level: 0, text: 'Read the whole response first.' })
    blocks.push({ list: 'bullet', level: 1, text: 'Then the prompt again.' })
    blocks.push({ list: 'number', level: 0, text: 'Score each criterion.' })
    blocks.push({
      table: [
        ['Score', 'Meaning'],
        ['1', 'Wrong'],
        ['2', 'Right'],
      ],
    })
  }
  return blocks
}
