/**
 * The guideline's media node: attribute validation (MediaRef rules; anything else is a harmless placeholder),
 * its published HTML and Markdown (URL derived from the project, never stored; hostile alt/caption escaped),
 * the sanitizer keeping only our own media URLs as sources, the version JSON's derived `url`, the draft's
 * media references, and the guideline diff pairing media by hash.
 */
import type { JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { guidelineJson } from '../../server/publish/buildVersion'
import { renderGuidelineHtml, renderGuidelineMarkdown } from '../../server/publish/renderGuideline'
import { sanitizeHtml } from '../../server/publish/sanitizeHtml'
import { diffGuidelines } from '../../shared/diff/guidelineDiff'
import { editorSchema } from '../../shared/guideline/markdownSerializer'
import { readMediaAttrs, withMediaUrls } from '../../shared/guideline/mediaNode'
import { mediaHashesInDraft } from '../../shared/media/mediaRefs'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { inspectHtml, inspectMarkdown } from '../helpers/hostileMarkdown'

const HASH = 'a1'.repeat(32)
const OTHER = 'b2'.repeat(32)
const URL = `/api/projects/p1/media/${HASH}`
const image = { hash: HASH, kind: 'image', mime: 'image/png', alt: 'A cat', width: 640, height: 480 }
const media = (attrs: Record<string, unknown>): JSONContent => ({ type: 'media', attrs })
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content })
const html = (...content: JSONContent[]) => renderGuidelineHtml(doc(...content), new Map(), 'p1')
const markdown = (...content: JSONContent[]) => renderGuidelineMarkdown(doc(...content), new Map(), 'p1')

describe('media node attributes', () => {
  it('accepts a MediaRef with a caption and a display width, and ignores nulls', () => {
    expect(readMediaAttrs({ ...image, caption: 'Six fingers', displayWidth: 50, url: null })).toEqual({
      ...image,
      caption: 'Six fingers',
      displayWidth: 50,
    })
    expect(readMediaAttrs({ hash: HASH, kind: 'audio', mime: 'audio/ogg', alt: null, width: null })).toEqual({
      hash: HASH,
      kind: 'audio',
      mime: 'audio/ogg',
    })
  })

  it.each([
    ['a short hash', { ...image, hash: 'abc' }],
    ['an upper-case hash', { ...image, hash: HASH.toUpperCase() }],
    ['a URL as hash', { ...image, hash: `https://evil.example/${HASH}` }],
    ['an unknown kind', { ...image, kind: 'html' }],
    ['a type that is not accepted', { ...image, mime: 'image/svg+xml' }],
    ['a type of another kind', { ...image, mime: 'video/webm' }],
    ['a width that is not a number', { ...image, width: '100%' }],
    ['a display width above 100', { ...image, displayWidth: 400 }],
    ['a too long alt text', { ...image, alt: 'x'.repeat(1001) }],
  ])('refuses %s', (_label, attrs) => {
    expect(readMediaAttrs(attrs)).toBeNull()
  })
})

describe('media in published HTML', () => {
  it('renders an image, a video and an audio player with derived URLs, figures and captions', () => {
    const out = html(
      media({ ...image, caption: 'Six fingers: fails anatomy', displayWidth: 50 }),
      media({ hash: OTHER, kind: 'video', mime: 'video/webm', alt: 'A clip' }),
      media({ hash: OTHER, kind: 'audio', mime: 'audio/ogg' }),
    )
    expect(out).toContain(
      `<figure class="guideline-media guideline-media--image media-w-50"><img src="${URL}" alt="A cat" width="640" height="480" loading="lazy"><figcaption>Six fingers: fails anatomy</figcaption></figure>`,
    )
    expect(out).toContain(
      `<video src="/api/projects/p1/media/${OTHER}" controls="" preload="metadata" aria-label="A clip">Video: A clip</video>`,
    )
    expect(out).toContain(`<audio src="/api/projects/p1/media/${OTHER}" controls="" preload="metadata"`)
  })

  it('escapes hostile alt and caption text and never uses a stored URL', () => {
    const hostile = '"><script>alert(1)</script><img src=https://evil.example/x onerror=alert(1)>'
    const out = html(media({ ...image, alt: hostile, caption: hostile, url: 'https://evil.example/y' }))
    const inspected = inspectHtml(out)
    expect([...inspected.tags.entries()].sort()).toEqual([
      ['figcaption', 1],
      ['figure', 1],
      ['img', 1],
    ])
    expect(inspected.text).toBe(hostile.replace(/\s+/g, ''))
    expect(out).not.toContain('evil.example/y')
    expect(out.match(/src="[^"]*"/g)).toEqual([`src="${URL}"`])
  })

  it('renders an invalid node as a plain placeholder without any source', () => {
    const out = html(media({ ...image, hash: 'https://evil.example/x.png' }), media({ kind: 'image' }))
    expect(out).not.toMatch(/<img|<video|<audio|src=|href=/)
    expect(out).toContain('Media unavailable')
  })
})

describe('the sanitizer', () => {
  it('keeps our own media URLs as sources', () => {
    expect(sanitizeHtml(`<img alt="x" src="${URL}">`)).toBe(`<img alt="x" src="${URL}">`)
    expect(sanitizeHtml(`<video src="${URL}" controls=""></video>`)).toContain(`src="${URL}"`)
  })

  it.each([
    `<img src="https://evil.example/a.png" alt="x">`,
    `<img src="//evil.example/a.png">`,
    `<img src="data:image/png;base64,AAAA">`,
    `<img src="javascript:alert(1)">`,
    `<img src="/api/projects/p1/media/${HASH.toUpperCase()}">`,
    `<img src="/api/projects/p1/media/${HASH}?x=1">`,
    `<img src="/api/projects/../media/${HASH}">`,
    `<img src="/api/projects/p1/media/${HASH}/../../../../logout">`,
    `<img src=" https://evil.example/a.png">`,
    `<video src="https://evil.example/v.webm" poster="https://evil.example/p.png"></video>`,
    `<video><source src="https://evil.example/v.webm"></video>`,
    `<audio src="https://evil.example/a.ogg"></audio>`,
    `<img srcset="https://evil.example/a.png 1x">`,
  ])('refuses a foreign source: %s', (input) => {
    const out = sanitizeHtml(input)
    expect(out).not.toMatch(
      /evil\.example|data:|javascript:|src="(?!\/api\/projects\/p1\/media\/[0-9a-f]{64}")/i,
    )
    expect(out).not.toContain('<source')
  })

  it('still allows http(s) links', () => {
    expect(sanitizeHtml('<a href="https://ok.example/">ok</a>')).toContain('href="https://ok.example/"')
  })
})

describe('media in the Markdown export', () => {
  it('writes an image as ![alt](url), video and audio as links, captions emphasised below', () => {
    const out = markdown(
      media({ ...image, caption: 'Six fingers' }),
      media({ hash: OTHER, kind: 'video', mime: 'video/mp4', alt: 'A clip' }),
      media({ hash: OTHER, kind: 'audio', mime: 'audio/ogg' }),
    )
    expect(out).toBe(
      `![A cat](${URL})\n*Six fingers*\n\n[Video: A clip](/api/projects/p1/media/${OTHER})\n\n[Audio](/api/projects/p1/media/${OTHER})\n`,
    )
  })

  it('writes an invalid node as a note, never a link', () => {
    const out = markdown(media({ ...image, hash: 'https://evil.example/x.png' }))
    expect(out).toBe('*(media unavailable)*\n')
    expect(inspectMarkdown(out, true).tags.has('img')).toBe(false)
  })
})

describe('media in drafts and versions', () => {
  const draft = () => {
    const ydoc = new Y.Doc()
    const json = doc(
      { type: 'paragraph', content: [{ type: 'text', text: 'Look:' }] },
      media({ ...image, caption: 'Six fingers', displayWidth: 75 }),
    )
    prosemirrorJSONToYXmlFragment(editorSchema(), json, guidelineFragment(ydoc))
    return ydoc
  }

  it('stores MediaRef fields as attributes, so the draft’s references include the node', () => {
    expect([...mediaHashesInDraft(draft())]).toEqual([HASH])
  })

  it('keeps the node through the schema normalisation and adds the derived url to the version JSON', () => {
    const json = withMediaUrls(guidelineJson(draft()), 'p1')
    const node = json.content?.find((n) => n.type === 'media')
    expect(node?.attrs).toMatchObject({ ...image, caption: 'Six fingers', displayWidth: 75, url: URL })
    const invalid = withMediaUrls(doc(media({ ...image, kind: 'pdf', url: 'https://evil.example/' })), 'p1')
    expect(invalid.content?.[0]?.attrs?.url).toBeNull()
  })
})

describe('the guideline diff', () => {
  it('pairs media by hash: a new caption is a word change, a new picture a delete and an insert', () => {
    const before = doc(media({ ...image, caption: 'Six fingers' }))
    const captioned = diffGuidelines(before, doc(media({ ...image, caption: 'Seven fingers' })))
    expect(captioned).toMatchObject([
      {
        kind: 'changed',
        type: 'media',
        before: 'Image: A cat · Six fingers',
        after: 'Image: A cat · Seven fingers',
      },
    ])
    const replaced = diffGuidelines(before, doc(media({ ...image, hash: OTHER, caption: 'Six fingers' })))
    expect(replaced.map((b) => b.kind)).toEqual(['deleted', 'inserted'])
    expect(diffGuidelines(before, doc())).toMatchObject([
      { kind: 'deleted', text: 'Image: A cat · Six fingers' },
    ])
  })
})
