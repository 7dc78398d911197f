/**
 * Hostile text for Markdown exports: every construct a Markdown renderer knows (HTML, entities, emphasis,
 * code, links, images, autolinks, reference definitions, headings, lists, quotes, fences, setext underlines,
 * tables), hrefs that try to leave `[text](…)`, and `inspectMarkdown`, which renders Markdown with
 * markdown-it (HTML off and on) and lists the elements and attributes that came out.
 */
import { JSDOM } from 'jsdom'
import MarkdownIt from 'markdown-it'

export const HOSTILE_TEXTS = [
  '<script>alert(document.domain)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<!-- comment',
  '&lt;script&gt; &#60;b&#62; &amp;',
  '[link](javascript:alert(1)) ![img](https://img.example/x.png)',
  '<https://auto.example> <mailto:a@b.example>',
  '[ref]: https://ref.example "t"',
  '**bold** __bold__ *em* _em_ ~~strike~~ `code` ``co`de``',
  '# heading',
  '###### six',
  'Title ##',
  '- item',
  '+ item',
  '* item',
  '1. item',
  '2) item',
  '> quote',
  '---',
  '===',
  '***',
  '    indented code',
  '```js',
  '~~~',
  '| a | b |',
  '|---|---|',
  'back\\slash\\',
  'snake_case and _under_',
  '\\<script>',
  'trailing backslash \\',
  'line one\nline two\n# heading after newline\n===\n- list after newline',
  '\ttab start',
  'https://bare.example/path www.bare.example',
  '{curly} (paren) "quote" \'apos\'',
  '!',
]

export const HOSTILE_SAFE_HREFS = [
  'https://ok.example/)<script>alert(document.domain)</script>',
  'https://ok.example/ "onmouseover=alert(1)',
  'https://ok.example/>\n<img src=x onerror=alert(1)>',
  'https://ok.example/<b>(x)</b>[y]',
  '  https://ok.example/leading-space',
  'mailto:lead@ok.example?subject=)](x',
  'https://ok.example/\\)`*_',
]

export const HOSTILE_TITLES = ['") <script>alert(1)</script>', 'a "quoted" \\ title\nwith newline &amp;']

export interface RenderedMarkdown {
  html: string
  /** Tag name → how many (lower case). */
  tags: Map<string, number>
  /** `tag[attr]` → how many. */
  attributes: Map<string, number>
  /** Every `a` element's href. */
  hrefs: string[]
  /** The text, without any whitespace (block boundaries render differently in each HTML). */
  text: string
}

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)

const { document } = new JSDOM('').window

export function inspectHtml(html: string): RenderedMarkdown {
  document.body.innerHTML = html
  const tags = new Map<string, number>()
  const attributes = new Map<string, number>()
  const hrefs: string[] = []
  for (const element of document.body.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase()
    count(tags, tag)
    for (const attribute of element.attributes) count(attributes, `${tag}[${attribute.name}]`)
    if (tag === 'a') hrefs.push(element.getAttribute('href') ?? '')
  }
  return { html, tags, attributes, hrefs, text: (document.body.textContent ?? '').replace(/\s+/g, '') }
}

/** Renders with markdown-it, CommonMark + tables + strikethrough, raw HTML off or on. */
export function inspectMarkdown(markdown: string, html: boolean): RenderedMarkdown {
  return inspectHtml(new MarkdownIt({ html, linkify: false }).render(markdown))
}
