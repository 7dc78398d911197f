/**
 * Escaping of text for the Markdown the server writes, for renderers with HTML on or off: inline text (no
 * emphasis, code, link, HTML, entity, table or strikethrough syntax survives), line starts (no heading,
 * list, quote, setext underline, fence or indented code), plain multi-line text, and link destinations and
 * titles that cannot break out of `[text](…)`.
 */

/** Characters with inline meaning everywhere; `_` only where it could open or close emphasis. */
const INLINE = /[\\`*~[\]<|]|_/g
/** `&` that would start an entity reference (`&lt;`, `&#60;`, `&#x3c;`). */
const ENTITY = /&(?=#?[0-9A-Za-z]+;)/g
const WORD = /[\p{L}\p{N}]/u

/** Escapes one line of text (no newlines) that sits inside a paragraph, heading, cell or quote. */
export function escapeInline(text: string, lineStart: boolean): string {
  let out = text
    .replace(INLINE, (c, i: number) =>
      c === '_' && WORD.test(text[i - 1] ?? '') && WORD.test(text[i + 1] ?? '') ? c : `\\${c}`,
    )
    .replace(ENTITY, '\\&')
    // A run of `#` ending a heading's line after a space is a closing sequence (`Title ##` would lose it).
    .replace(/(^|\s)(#+\s*)$/, '$1\\$2')
  if (lineStart) {
    out = out
      .replace(/^[ \t]+/, '')
      .replace(/^[-+>=#]/, '\\$&')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  }
  return out
}

/** Plain text with newlines (an example's prompt or response) as Markdown paragraphs with hard breaks. */
export function escapePlainText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => escapeInline(line, true))
        .filter((line, i, lines) => line.length > 0 || (i > 0 && i < lines.length - 1))
        .join('\\\n'),
    )
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n')
}

/** Characters a link destination keeps; everything else is percent-encoded (UTF-8). */
const URL_SAFE = /^[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]$/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** A link destination that is one token: no space, parenthesis, angle bracket, quote or control left. */
export function encodeHref(href: string): string {
  let out = ''
  for (const char of href.trim().replace(LONE_SURROGATE, '\ufffd')) {
    // encodeURIComponent leaves ( ) ' * ! alone: ASCII is encoded by hand.
    const code = char.charCodeAt(0)
    out += URL_SAFE.test(char)
      ? char
      : code < 0x80
        ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
        : encodeURIComponent(char)
  }
  return out
}

/** A link title inside double quotes. */
export function quoteTitle(title: string): string {
  return `"${title.replace(/\s+/g, ' ').replace(/[\\"]/g, '\\$&').replace(ENTITY, '\\&')}"`
}
