/** Escaping for the HTML and Markdown the server renders, and the labelled parts of an example's content. */
import type { ExampleContent } from '../../shared/schema/rubric'

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)

export const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]#<>|])/g, '\\$1')

/** An example's content as labelled parts: prompt and response(s), or free content. */
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
  }
}
