/**
 * Example texts written as Markdown, rendered to HTML for reading: markdown-it with raw HTML off (so any
 * `<script>` or `<img onerror>` in the text comes out as escaped text), code blocks highlighted with a
 * handful of highlight.js languages, `$…$` / `$$…$$` math via KaTeX, and links that open in a new tab
 * without handing the opener over. Pure (no DOM), so it is unit-tested in node.
 */
import markdownItKatex from '@vscode/markdown-it-katex'
import hljs from 'highlight.js/lib/core'
import bash from 'highlight.js/lib/languages/bash'
import cpp from 'highlight.js/lib/languages/cpp'
import java from 'highlight.js/lib/languages/java'
import javascript from 'highlight.js/lib/languages/javascript'
import json from 'highlight.js/lib/languages/json'
import python from 'highlight.js/lib/languages/python'
import sql from 'highlight.js/lib/languages/sql'
import typescript from 'highlight.js/lib/languages/typescript'
import MarkdownIt from 'markdown-it'

const LANGUAGES = { python, javascript, typescript, json, bash, sql, java, cpp }
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language)

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Code as highlighted HTML in one of the registered languages, or escaped plain text. */
export function highlight(code: string, lang: string): string {
  const language = lang.trim().toLowerCase()
  if (language && hljs.getLanguage(language)) {
    try {
      return hljs.highlight(code, { language, ignoreIllegals: true }).value
    } catch {
      // Fall through to escaped plain code.
    }
  }
  return escapeHtml(code)
}

type KatexPlugin = typeof markdownItKatex
/** The plugin is CommonJS with `exports.default`: bundlers unwrap it, Node's ESM loader does not. */
const katexPlugin: KatexPlugin =
  (markdownItKatex as KatexPlugin & { default?: KatexPlugin }).default ?? markdownItKatex

function createRenderer(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, highlight })
  md.use(katexPlugin, { throwOnError: false })
  const openLink = md.renderer.rules.link_open
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]
    if (token) {
      token.attrSet('target', '_blank')
      token.attrSet('rel', 'noopener noreferrer')
    }
    return openLink ? openLink(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options)
  }
  return md
}

let renderer: MarkdownIt | null = null

/** The HTML for a Markdown text (safe to insert: raw HTML is escaped, unsafe link schemes are dropped). */
export function renderMarkdown(source: string): string {
  renderer ??= createRenderer()
  return renderer.render(source)
}
