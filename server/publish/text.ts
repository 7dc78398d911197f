/**
 * Escaping for the HTML and Markdown the server renders, the labelled parts of an example's content, and the
 * media of media examples as Markdown (`![alt](url)`, links for video/audio) and HTML (images and players).
 */
import { escapeInline } from '../../shared/guideline/markdownText'
import { textFields } from '../../shared/rubric/contentFields'
import type { ExampleContent, ExampleMedia } from '../../shared/schema/rubric'

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

/** A published media item's URL: only the form `mediaPath` produces is ever written into an export. */
const MEDIA_URL = /^\/api\/projects\/[A-Za-z0-9%._~-]+\/media\/[0-9a-f]{64}$/
const mediaUrl = (item: ExampleMedia) => (item.url && MEDIA_URL.test(item.url) ? item.url : null)

/** The media lists of media content with their labels (the input list is left out when empty). */
export function exampleMediaLists(content: ExampleContent): { label: string; items: ExampleMedia[] }[] {
  if (content.kind !== 'media') return []
  const pairwise = content.mediaA !== undefined && content.mediaB !== undefined
  return [
    ...(!pairwise || content.media.length > 0
      ? [{ label: pairwise ? 'Input media' : 'Media', items: content.media }]
      : []),
    ...(pairwise
      ? [
          { label: 'Media A', items: content.mediaA ?? [] },
          { label: 'Media B', items: content.mediaB ?? [] },
        ]
      : []),
  ]
}

const KIND_NAMES = { image: 'Image', video: 'Video', audio: 'Audio' } as const

/** Markdown lines for media items: images as `![alt](url)`, video and audio as links (a text without a URL). */
export function exampleMediaMarkdown(items: ExampleMedia[]): string[] {
  return items.map((item) => {
    const alt = escapeInline((item.alt ?? '').replace(/\s+/g, ' ').trim(), false)
    const url = mediaUrl(item)
    const name = alt || KIND_NAMES[item.kind]
    if (!url) return `- ${KIND_NAMES[item.kind]}: ${name} (${item.hash})`
    // Angle brackets keep any character of the (percent-encoded) URL out of Markdown's way.
    return item.kind === 'image' ? `- ![${alt}](<${url}>)` : `- [${KIND_NAMES[item.kind]}: ${name}](<${url}>)`
  })
}

/** HTML for media items: images, and native players for video and audio; every value escaped. */
export function exampleMediaHtml(items: ExampleMedia[]): string {
  const figures = items.map((item) => {
    const url = mediaUrl(item)
    const alt = escapeHtml(item.alt ?? '')
    const caption = item.alt ? `<figcaption>${alt}</figcaption>` : ''
    if (!url)
      return `<figure class="example-media__item">${KIND_NAMES[item.kind]} ${item.hash}${caption}</figure>`
    const src = escapeHtml(url)
    const size = item.width && item.height ? ` width="${item.width}" height="${item.height}"` : ''
    const element =
      item.kind === 'image'
        ? `<img src="${src}" alt="${alt}"${size}>`
        : `<${item.kind} src="${src}" controls preload="metadata" aria-label="${alt || KIND_NAMES[item.kind]}"></${item.kind}>`
    return `<figure class="example-media__item">${element}${caption}</figure>`
  })
  return `<div class="example-media">${figures.join('')}</div>`
}
