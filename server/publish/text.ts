/** Escaping for the HTML and Markdown the server renders, and the labelled parts of an example's content. */
import { escapeInline } from '../../shared/guideline/markdownText'
import { textFields } from '../../shared/rubric/contentFields'
import type { ExampleContent } from '../../shared/schema/rubric'

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)

/**
 * Escapes text (one line or several) for the Markdown exports, every line as a line start (markdownText.ts),
 * and `>` everywhere, so that the text can also sit inside an HTML comment.
 */
export const escapeMarkdown = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => escapeInline(line, true).replace(/(?<!\\)>/g, '\\>'))
    .join('\n')

/**
 * An example's content as labelled parts: prompt and response(s), free content, or every text of a
 * conversation, reasoning or trajectory (shared/rubric/contentFields.ts) in reading order.
 */
export function contentParts(content: ExampleContent): [label: string, text: string][] {
  switch (content.kind) {
    case 'single':
      return [
        ['Prompt', content.prompt],
        ['Response', content.response],
      ]
    case 'pairwise':
      return [
        ['Prompt', content.prompt],
        ['Response A', content.responseA],
        ['Response B', content.responseB],
      ]
    case 'free':
      return [['Content', content.body]]
    default:
      return textFields(content).map((field) => [field.label, field.text])
  }
}

/** Like contentParts, with each part's text path (for the Markdown form in `content.markdown`). */
export function contentPartsWithPaths(
  content: ExampleContent,
): { path: string; label: string; text: string }[] {
  const labels = contentParts(content)
  return textFields(content).map((field, i) => ({ path: field.path, label: labels[i]![0], text: field.text }))
}
