/** Example texts rendered from Markdown stay inert: no raw HTML, no script links, safe new-tab links. */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../shared/content/renderMarkdown'

describe('renderMarkdown', () => {
  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('Hi <script>alert(1)</script> and <img src=x onerror=alert(1)>')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('drops javascript: links, in Markdown and in math', () => {
    const html = renderMarkdown('[click](javascript:alert(1)) $\\href{javascript:alert(2)}{x}$')
    expect(html).not.toMatch(/href="javascript:/i)
  })

  it('opens links in a new tab without the opener', () => {
    expect(renderMarkdown('[docs](https://example.org) and https://auto.example.org')).toBe(
      '<p><a href="https://example.org" target="_blank" rel="noopener noreferrer">docs</a> and ' +
        '<a href="https://auto.example.org" target="_blank" rel="noopener noreferrer">https://auto.example.org</a></p>\n',
    )
  })

  it('highlights code in a known language and escapes code in an unknown one', () => {
    const known = renderMarkdown('```python\nreturn "<b>"\n```')
    expect(known).toContain('<span class="hljs-keyword">return</span>')
    expect(known).toContain('&quot;&lt;b&gt;&quot;')
    const unknown = renderMarkdown('```brainfuck\n<b>+</b>\n```')
    expect(unknown).toContain('&lt;b&gt;+&lt;/b&gt;')
    expect(unknown).not.toContain('<b>')
  })

  it('renders inline and display math with KaTeX', () => {
    const html = renderMarkdown('$x^2$\n\n$$\\frac{1}{2}$$')
    expect(html).toContain('class="katex"')
    expect(html).toContain('katex-display')
  })

  it('keeps lists, tables and emphasis', () => {
    const html = renderMarkdown('- **a**\n- _b_\n\n| x | y |\n|---|---|\n| 1 | 2 |')
    expect(html).toContain('<li><strong>a</strong></li>')
    expect(html).toContain('<em>b</em>')
    expect(html).toContain('<td>1</td>')
  })
})
