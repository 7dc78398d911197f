/**
 * Renders a guideline (TipTap JSON) to HTML and Markdown for published versions. Embedded calibration
 * examples render as their content (title, prompt, responses) — never their gold; media render with their
 * URL derived from the project (mediaHtml.ts), so renderers need the project id. Links other than
 * http(s)/mailto are dropped, every text is escaped, and the HTML is sanitised (sanitizeHtml.ts) at the end;
 * the Markdown is written by guidelineMarkdown.ts.
 */
import type { JSONContent } from '@tiptap/core'
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string'
import { renderMarkdown } from '../../shared/content/renderMarkdown'
import { MEDIA_NODE } from '../../shared/guideline/mediaNode'
import { guidelineSchemaExtensions } from '../../shared/guideline/schemaExtensions'
import { isHeldOut } from '../../shared/rubric/calibrationPool'
import type { PublicExample } from '../../shared/schema/version'
import { EXAMPLE_ID_ATTR } from '../../shared/ydoc/layout'
import { guidelineToMarkdown } from './guidelineMarkdown'
import { mediaHtml } from './mediaHtml'
import { sanitizeHtml } from './sanitizeHtml'
import { contentPartsWithPaths, escapeHtml, exampleMediaHtml, exampleMediaLists } from './text'

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('')

function exampleHtml(example: PublicExample | undefined): string {
  if (!example)
    return '<aside class="calibration-example calibration-example--missing">Missing example</aside>'
  const parts = contentPartsWithPaths(example.content)
  // The Markdown form keeps lists, code, tables and links (rendered with raw HTML off, then sanitised below).
  const body = (part: (typeof parts)[number]) => {
    const markdown = example.content.markdown?.[part.path]
    return markdown ? renderMarkdown(markdown) : paragraphs(part.text)
  }
  // Only owners, leads and reviewers ever receive held-out items here (annotators get a variant without them).
  const badge = isHeldOut(example)
    ? '<p class="calibration-example__badge" data-held-out="true">Held-out calibration item</p>'
    : ''
  return `<aside class="calibration-example" data-example-id="${escapeHtml(example.id)}">${badge}<h4>Example: ${escapeHtml(
    example.title,
  )}</h4>${parts.map((part) => `<div class="calibration-example__part"><h5>${escapeHtml(part.label)}</h5>${body(part)}</div>`).join('')}${exampleMediaLists(
    example.content,
  )
    .map(
      ({ label, items }) =>
        `<div class="calibration-example__part"><h5>${escapeHtml(label)}</h5>${exampleMediaHtml(items)}</div>`,
    )
    .join('')}</aside>`
}

export function renderGuidelineHtml(
  doc: JSONContent,
  examples: Map<string, PublicExample>,
  projectId: string,
): string {
  return sanitizeHtml(renderGuidelineUnsanitised(doc, examples, projectId))
}

function renderGuidelineUnsanitised(
  doc: JSONContent,
  examples: Map<string, PublicExample>,
  projectId: string,
): string {
  return renderToHTMLString({
    extensions: guidelineSchemaExtensions(),
    content: doc,
    options: {
      nodeMapping: {
        calibrationExample: ({ node }) => exampleHtml(examples.get(String(node.attrs[EXAMPLE_ID_ATTR]))),
        [MEDIA_NODE]: ({ node }) => mediaHtml(node.attrs, projectId),
      },
    },
  })
}

/** The version JSON's guideline document: media nodes carry their derived `url` (mediaNode.ts). */
export { withMediaUrls } from '../../shared/guideline/mediaNode'

/** The guideline as Markdown: see guidelineMarkdown.ts (a real serializer, escaped for any renderer). */
export function renderGuidelineMarkdown(
  doc: JSONContent,
  examples: Map<string, PublicExample>,
  projectId: string,
): string {
  return guidelineToMarkdown(doc, examples, projectId)
}
