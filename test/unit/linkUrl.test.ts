/** Link targets: only absolute http, https and mailto survive; bare domains and addresses are completed. */
import { describe, expect, it } from 'vitest'
import { isAllowedLinkUrl, normalizeLinkInput } from '../../client/editor/linkUrl'

describe('isAllowedLinkUrl', () => {
  it.each(['https://example.com', 'http://example.com/a?b=c#d', 'mailto:rater@example.com'])(
    'accepts %s',
    (url) => expect(isAllowedLinkUrl(url)).toBe(true),
  )

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ftp://example.com',
    '/relative/path',
    'https://',
    'mailto:',
    '',
  ])('rejects %j', (url) => expect(isAllowedLinkUrl(url)).toBe(false))
})

describe('normalizeLinkInput', () => {
  it('completes bare domains with https and addresses with mailto', () => {
    expect(normalizeLinkInput(' example.com/guide ')).toBe('https://example.com/guide')
    expect(normalizeLinkInput('lead@example.com')).toBe('mailto:lead@example.com')
  })

  it('keeps explicit allowed schemes and refuses others', () => {
    expect(normalizeLinkInput('http://example.com')).toBe('http://example.com')
    expect(normalizeLinkInput('javascript:alert(1)')).toBeNull()
    expect(normalizeLinkInput('   ')).toBeNull()
  })
})
