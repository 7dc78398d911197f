/**
 * Renders a guideline (TipTap JSON) to HTML and Markdown for published versions. Embedded calibration
 * examples render as their content (title, prompt, responses) — never their gold. Links other than
 * http(s)/mailto are dropped, every text is escaped, and the HTML is sanitised (sanitizeHtml.ts) at the end.
 */
import type { JSONContent } from '@tiptap/core'
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string'
import { guidelineSchemaExtensions, isSafeLinkHref } from '../../shared/guideline/schemaExtensions'
import { isHeldOut } from '../../shared/rubric/calibrationPool'
import type { PublicExample } from '../../shared/schema/version'
import { EXAMPLE_ID_ATTR } from '../../shared/ydoc/layout'
import { sanitizeHtml } from './sanitizeHtml'
import { contentParts, escapeHtml, escapeMarkdown } from './text'

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('')

function exampleHtml(example: PublicExample | undefined): string {
  if (!example)
    return '<aside class="calibration-example calibration-example--missing">Missing example</aside>'
  const parts = contentParts(example.content)
  // Only owners, leads and reviewers ever receive held-out items here (annotators get a variant without them).
  const badge = isHeldOut(example)
    ? '<p class="calibration-example__badge" data-held-out="true">Held-out calibration item</p>'
    : ''
  return `<aside class="calibration-example" data-example-id="${escapeHtml(example.id)}">${badge}<h4>Example: ${escapeHtml(
    example.title,
  )}</h4>${parts.map(([label, text]) => `<div class="calibration-example__part"><h5>${label}</h5>${paragraphs(text!)}</div>`).join('')}</aside>`
}

export function renderGuidelineHtml(doc: JSONContent, examples: Map<string, PublicExample>): string {
  return sanitizeHtml(renderGuidelineUnsanitised(doc, examples))
}

function renderGuidelineUnsanitised(doc: JSONContent, examples: Map<string, PublicExample>): string {
  return renderToHTMLString({
    extensions: guidelineSchemaExtensions(),
    content: doc,
    options: {
      nodeMapping: {
        calibrationExample: ({ node }) => exampleHtml(examples.get(String(node.attrs[EXAMPLE_ID_ATTR]))),
      },
    },
  })
}

// ---------- Markdown ----------

function inline(nodes: JSONContent[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === 'hardBreak') return '  \n'
      if (node.type !== 'text') return ''
      let text = escapeMarkdown(node.text ?? '')
      for (const mark of node.marks ?? []) {
        if (mark.type === 'bold') text = `**${text}**`
        else if (mark.type === 'italic') text = `_${text}_`
        else if (mark.type === 'strike') text = `~~${text}~~`
        else if (mark.type === 'code') text = `\`${(node.text ?? '').replace(/`/g, "'")}\``
        else if (mark.type === 'link') {
          const href = String(mark.attrs?.href ?? '')
          if (isSafeLinkHref(href)) text = `[${text}](${href.replace(/[()\s]/g, encodeURIComponent)})`
        }
      }
      return text
    })
    .join('')
}

function exampleMarkdown(example: PublicExample | undefined): string {
  if (!example) return '> **Example:** (missing)'
  const parts = contentParts(example.content)
  const quote = (text: string) =>
    escapeMarkdown(text)
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n')
  return [
    `> **Example: ${escapeMarkdown(example.title)}**`,
    '>',
    ...parts.map(([label, text]) => `> _${label}_\n>\n${quote(text!)}`),
  ].join('\n>\n')
}

function block(node: JSONContent, examples: Map<string, PublicExample>, indent = ''): string {
  const children = (sep = '\n\n') =>
    (node.content ?? []).map((child) => block(child, examples, indent)).join(sep)
  switch (node.type) {
    case 'heading':
      return `${'#'.repeat(Number(node.attrs?.level ?? 1))} ${inline(node.content)}`
    case 'paragraph':
      return inline(node.content)
    case 'blockquote':
      return children()
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n')
    case 'codeBlock':
      return `\`\`\`\n${(node.content ?? []).map((t) => t.text ?? '').join('')}\n\`\`\``
    case 'horizontalRule':
      return '---'
    case 'bulletList':
    case 'orderedList':
      return (node.content ?? [])
        .map((item, i) => {
          const marker = node.type === 'bulletList' ? '- ' : `${i + 1}. `
          const body = (item.content ?? [])
            .map((child) => block(child, examples, `${indent}   `))
            .join('\n\n')
          return `${marker}${body.replace(/\n/g, `\n${' '.repeat(marker.length)}`)}`
        })
        .join('\n')
    case 'table': {
      const rows = (node.content ?? []).map((row) =>
        (row.content ?? []).map((cell) => (cell.content ?? []).map((p) => inline(p.content)).join(' ')),
      )
      if (rows.length === 0) return ''
      const width = Math.max(...rows.map((r) => r.length))
      const line = (cells: string[]) =>
        `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`
      return [line(rows[0]!), line(Array(width).fill('---')), ...rows.slice(1).map(line)].join('\n')
    }
    case 'calibrationExample':
      return exampleMarkdown(examples.get(String(node.attrs?.[EXAMPLE_ID_ATTR])))
    default:
      return children()
  }
}

export function renderGuidelineMarkdown(doc: JSONContent, examples: Map<string, PublicExample>): string {
  return `${(doc.content ?? [])
    .map((node) => block(node, examples))
    .filter((text) => text.length > 0)
    .join('\n\n')}\n`
}
