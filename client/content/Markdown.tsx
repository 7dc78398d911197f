/**
 * A Markdown text rendered for reading (lists, code with highlighting, tables, links, math). The HTML comes
 * from `renderMarkdown`, which escapes raw HTML, so it is safe to insert.
 */
import { useMemo } from 'react'
import { renderMarkdown } from '../../shared/content/renderMarkdown'
import 'katex/dist/katex.min.css'
import '../styles/content.css'

export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source])
  return (
    <div
      className={`markdown${className ? ` ${className}` : ''}`}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html:false escapes raw HTML
      dangerouslySetInnerHTML={{ __html: html }}
    />
  )
}
