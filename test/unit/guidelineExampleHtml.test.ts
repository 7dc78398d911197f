/** Examples embedded in the published guideline (HTML and print) keep their Markdown structure, safely. */
import { describe, expect, it } from 'vitest'
import { renderGuidelineHtml } from '../../server/publish/renderGuideline'
import type { PublicExample } from '../../shared/schema/version'
import { EXAMPLE_ID_ATTR, EXAMPLE_NODE } from '../../shared/ydoc/layout'

const example = (markdown?: Record<string, string>): PublicExample => ({
  id: 'e1',
  title: 'Steps',
  content: {
    kind: 'reasoning',
    prompt: 'Add',
    steps: [{ id: 's1', text: 'first\nsecond' }],
    answer: '4',
    ...(markdown ? { markdown } : {}),
  },
  difficulty: 'easy',
  sectionId: null,
  status: 'ready',
  role: 'teaching',
})

const doc = {
  type: 'doc',
  content: [{ type: EXAMPLE_NODE, attrs: { [EXAMPLE_ID_ATTR]: 'e1' } }],
}

describe('embedded examples in the guideline HTML', () => {
  it('render a text with a Markdown form as Markdown (a numbered list stays a list)', () => {
    const html = renderGuidelineHtml(
      doc,
      new Map([['e1', example({ 'steps.s1': '1. first\n2. second' })]]),
      'p1',
    )
    expect(html).toContain('<ol>')
    expect(html).toContain('<li>first</li>')
  })

  it('render plain texts as paragraphs, and never pass raw HTML through', () => {
    const plain = renderGuidelineHtml(doc, new Map([['e1', example()]]), 'p1')
    expect(plain).not.toContain('<ol>')
    expect(plain).toContain('first<br>second')
    const hostile = renderGuidelineHtml(
      doc,
      new Map([['e1', example({ 'steps.s1': '<script>alert(1)</script> <img src=x onerror=alert(1)>' })]]),
      'p1',
    )
    expect(hostile).not.toMatch(/<script|<img/)
    expect(hostile).toContain('&lt;script&gt;')
  })
})
