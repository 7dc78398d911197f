/**
 * Markdown to HTML for import: CommonMark plus GFM tables and strikethrough (markdown-it's defaults), raw
 * HTML passed through — the result is always cleaned and sanitised (client/import/cleanPastedHtml.ts) before
 * it reaches the guideline, like any pasted HTML.
 */
import MarkdownIt from 'markdown-it'

const markdown = new MarkdownIt({ html: true, linkify: true })

export function markdownToHtml(source: string): string {
  return markdown.render(source)
}
