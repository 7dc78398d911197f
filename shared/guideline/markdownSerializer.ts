/**
 * ProseMirror documents of the shared editor schema as Markdown (CommonMark with GFM tables and
 * strikethrough), written by prosemirror-markdown. Every text is escaped (markdownText.ts), links other than
 * http(s)/mailto become their text and hrefs are percent-encoded, so a renderer — HTML on or off — produces
 * no element or attribute the document did not contain. Used for the published guideline and for the
 * Markdown form of example texts (`content.markdown`).
 */
import { getSchema, type JSONContent } from '@tiptap/core'
import { Node as PMNode } from '@tiptap/pm/model'
import {
  defaultMarkdownSerializer,
  MarkdownSerializer,
  type MarkdownSerializerState,
} from 'prosemirror-markdown'
import { encodeHref, escapeInline, quoteTitle } from './markdownText'
import { MEDIA_NODE, readMediaAttrs } from './mediaNode'
import { guidelineSchemaExtensions, isSafeLinkHref } from './schemaExtensions'

let cachedSchema: ReturnType<typeof getSchema> | undefined
/** The editor schema (built on first use: readers that never need Markdown do not pay for it). */
export const editorSchema = () => {
  cachedSchema ??= getSchema(guidelineSchemaExtensions())
  return cachedSchema
}
const base = defaultMarkdownSerializer.nodes

/** Whether the next text written starts a Markdown line (a block's start or after a hard break). */
function atLineStart(state: MarkdownSerializerState): boolean {
  // Both fields are public in the JavaScript but marked internal in the typings.
  const internal = state as unknown as { atBlockStart: boolean; out: string }
  return internal.atBlockStart || internal.out.endsWith('\n')
}

function codeBlock(state: MarkdownSerializerState, node: PMNode) {
  const content = node.textContent.replace(/\r\n?/g, '\n')
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  const language = /^[\w+#.-]{1,40}$/.test(String(node.attrs.language ?? '')) ? node.attrs.language : ''
  state.write(`${fence}${language}\n`)
  state.text(content, false)
  state.ensureNewLine()
  state.write(fence)
  state.closeBlock(node)
}

/** A GFM table: the first row is the header; cells hold their blocks' inline Markdown on one line. */
function table(state: MarkdownSerializerState, node: PMNode, serializer: MarkdownSerializer) {
  const rows: string[][] = []
  node.forEach((row) => {
    const cells: string[] = []
    row.forEach((cell) => {
      const markdown = serializer.serialize(cell, { tightLists: true })
      // One line per cell; a code span's `|` must be escaped too (GFM splits cells before inline parsing).
      cells.push(
        markdown
          .replace(/\\\n/g, ' ')
          .replace(/\s*\n\s*/g, ' ')
          .trim()
          .replace(/(?<!\\)\|/g, '\\|'),
      )
    })
    rows.push(cells)
  })
  const width = Math.max(1, ...rows.map((r) => r.length))
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`
  const lines = [line(rows[0] ?? []), line(Array(width).fill('---')), ...rows.slice(1).map(line)]
  lines.forEach((text, i) => {
    state.write(text)
    if (i < lines.length - 1) state.ensureNewLine()
  })
  state.closeBlock(node)
}

/** Where a media blob is served from (the project's media path); absent: media become their label only. */
export type MediaUrl = (hash: string) => string

const MEDIA_LABEL = { image: 'Image', video: 'Video', audio: 'Audio' } as const
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

/**
 * A media node: `![alt](url)` for an image, a link for video and audio, the caption as an emphasised
 * line below; an invalid node is a plain note, never a link.
 */
function media(state: MarkdownSerializerState, node: PMNode, mediaUrl: MediaUrl | undefined) {
  const ref = readMediaAttrs(node.attrs)
  if (!ref) {
    state.write('*(media unavailable)*')
    state.closeBlock(node)
    return
  }
  const alt = escapeInline(oneLine(ref.alt ?? ''), false)
  const label = ref.kind === 'image' ? alt : `${MEDIA_LABEL[ref.kind]}${alt ? `: ${alt}` : ''}`
  if (!mediaUrl) state.write(`*${label || MEDIA_LABEL[ref.kind]}*`)
  else state.write(`${ref.kind === 'image' ? '!' : ''}[${label}](${encodeHref(mediaUrl(ref.hash))})`)
  const caption = escapeInline(oneLine(ref.caption ?? ''), false)
  if (caption) {
    state.ensureNewLine()
    state.write(`*${caption}*`)
  }
  state.closeBlock(node)
}

/**
 * A serializer; `exampleBlock` gives the (already escaped) Markdown quoted for an embedded example, `mediaUrl`
 * the URL of a media blob.
 */
export function createMarkdownSerializer(
  exampleBlock: (node: PMNode) => string,
  mediaUrl?: MediaUrl,
): MarkdownSerializer {
  const serializer: MarkdownSerializer = new MarkdownSerializer(
    {
      paragraph: base.paragraph!,
      heading: base.heading!,
      blockquote: base.blockquote!,
      horizontalRule: base.horizontal_rule!,
      hardBreak: base.hard_break!,
      listItem: base.list_item!,
      bulletList: (state, node) => state.renderList(node, '  ', () => '- '),
      orderedList(state, node) {
        const start = Number(node.attrs.start ?? 1)
        const width = String(start + node.childCount - 1).length
        state.renderList(node, ' '.repeat(width + 2), (i) => `${String(start + i).padStart(width)}. `)
      },
      codeBlock,
      table: (state, node) => table(state, node, serializer),
      [MEDIA_NODE]: (state, node) => media(state, node, mediaUrl),
      calibrationExample(state, node) {
        const body = exampleBlock(node)
        state.wrapBlock('> ', null, node, () => state.text(body, false))
      },
      text(state, node) {
        state.text(escapeInline(node.text ?? '', atLineStart(state)), false)
      },
    },
    {
      bold: { open: '**', close: '**', mixable: true, expelEnclosingWhitespace: true },
      italic: { open: '*', close: '*', mixable: true, expelEnclosingWhitespace: true },
      strike: { open: '~~', close: '~~', mixable: true, expelEnclosingWhitespace: true },
      underline: { open: '', close: '' },
      code: defaultMarkdownSerializer.marks.code!,
      link: {
        open: (_state, mark) => (isSafeLinkHref(String(mark.attrs.href ?? '')) ? '[' : ''),
        close(_state, mark) {
          const href = String(mark.attrs.href ?? '')
          if (!isSafeLinkHref(href)) return ''
          const title = mark.attrs.title ? ` ${quoteTitle(String(mark.attrs.title))}` : ''
          return `](${encodeHref(href)}${title})`
        },
        mixable: true,
      },
    },
    { hardBreakNodeName: 'hardBreak', strict: false },
  )
  return serializer
}

/**
 * Inline text as the HTML shows it: newlines inside text are whitespace, and whitespace at a line's start
 * (a block's start, or after a hard break) is dropped, so neither can start Markdown block syntax.
 */
export function normaliseInline(node: JSONContent): JSONContent {
  if (node.type === 'codeBlock' || !node.content) return node
  let lineStart = true
  const content: JSONContent[] = []
  for (const child of node.content) {
    if (child.type === 'text') {
      let text = (child.text ?? '').replace(/[\r\n]+/g, ' ')
      if (lineStart) text = text.replace(/^[ \t]+/, '')
      if (!text) continue
      lineStart = false
      content.push({ ...child, text })
    } else {
      lineStart = child.type === 'hardBreak'
      content.push(normaliseInline(child))
    }
  }
  return { ...node, content }
}

/** A ProseMirror JSON document of the editor schema as Markdown (trimmed, one trailing newline). */
export function documentToMarkdown(
  doc: JSONContent,
  exampleBlock: (node: PMNode) => string,
  mediaUrl?: MediaUrl,
): string {
  const node = PMNode.fromJSON(editorSchema(), normaliseInline(doc))
  return `${createMarkdownSerializer(exampleBlock, mediaUrl).serialize(node, { tightLists: true }).trim()}\n`
}
