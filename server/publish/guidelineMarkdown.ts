/**
 * The guideline (TipTap JSON) as Markdown (CommonMark with GFM tables and strikethrough), written by
 * prosemirror-markdown over the shared editor schema. Every text is escaped (markdownText.ts), links other
 * than http(s)/mailto become their text and hrefs are percent-encoded, so a renderer — HTML on or off —
 * produces no element or attribute the guideline did not contain. Embedded calibration examples become a
 * quoted block with their public content (never gold); media link to their URL derived from the project.
 */
import type { JSONContent } from '@tiptap/core'
import { documentToMarkdown } from '../../shared/guideline/markdownSerializer'
import { escapeInline, escapePlainText } from '../../shared/guideline/markdownText'
import { mediaPath } from '../../shared/schema/media'
import type { PublicExample } from '../../shared/schema/version'
import { EXAMPLE_ID_ATTR } from '../../shared/ydoc/layout'
import { contentParts, exampleMediaLists, exampleMediaMarkdown } from './text'

function exampleBlock(example: PublicExample | undefined): string {
  if (!example) return '**Example:** (missing)'
  const title = escapeInline(example.title.replace(/\s+/g, ' ').trim(), false)
  const parts = contentParts(example.content).map(
    ([label, text]) => `*${escapeInline(label, false)}*\n\n${escapePlainText(text)}`,
  )
  const media = exampleMediaLists(example.content).map(
    ({ label, items }) => `*${escapeInline(label, false)}*\n\n${exampleMediaMarkdown(items).join('\n')}`,
  )
  return [`**Example${title ? `: ${title}` : ''}**`, ...parts, ...media].join('\n\n')
}

export function guidelineToMarkdown(
  doc: JSONContent,
  examples: Map<string, PublicExample>,
  projectId: string,
): string {
  return documentToMarkdown(
    doc,
    (node) => exampleBlock(examples.get(String(node.attrs[EXAMPLE_ID_ATTR]))),
    (hash) => mediaPath(projectId, hash),
  )
}
