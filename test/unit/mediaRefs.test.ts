/**
 * Finding the media a document references (garbage collection and the serving rule depend on it): every
 * MediaRef-shaped object in JSON, media node attributes in a draft's guideline, and media lists in its
 * examples; look-alikes (a wrong-length hash, an unknown kind) do not count.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { collectMediaHashes, mediaHashesInDraft } from '../../shared/media/mediaRefs'
import { DraftRoot, guidelineFragment } from '../../shared/ydoc/layout'

const hash = (digit: string) => digit.repeat(64)

describe('collectMediaHashes', () => {
  it('finds references at any depth of JSON, in nodes and in example content', () => {
    const version = {
      guideline: {
        type: 'doc',
        content: [
          { type: 'media', attrs: { hash: hash('a'), kind: 'image', mime: 'image/png', caption: 'x' } },
        ],
      },
      examples: [
        {
          content: {
            kind: 'media',
            prompt: 'p',
            media: [{ hash: hash('b'), kind: 'video', mime: 'video/mp4' }],
          },
        },
      ],
    }
    expect([...collectMediaHashes(version)].sort()).toEqual([hash('a'), hash('b')])
  })

  it('ignores look-alikes: short or upper-case hashes, unknown kinds, a hash without a kind', () => {
    const json = [
      { hash: 'a'.repeat(63), kind: 'image' },
      { hash: 'A'.repeat(64), kind: 'image' },
      { hash: hash('c'), kind: 'document' },
      { hash: hash('d') },
    ]
    expect(collectMediaHashes(json).size).toBe(0)
  })
})

describe('mediaHashesInDraft', () => {
  it('reads media node attributes in the guideline and media lists in examples', () => {
    const doc = new Y.Doc()
    const node = new Y.XmlElement('media')
    node.setAttribute('hash', hash('1'))
    node.setAttribute('kind', 'image')
    node.setAttribute('mime', 'image/png')
    const nested = new Y.XmlElement('blockquote')
    const inner = new Y.XmlElement('media')
    inner.setAttribute('hash', hash('2'))
    inner.setAttribute('kind', 'audio')
    nested.insert(0, [inner])
    guidelineFragment(doc).insert(0, [node, nested])

    const example = new Y.Map<unknown>()
    const content = new Y.Map<unknown>()
    const media = new Y.Array<unknown>()
    media.push([{ hash: hash('3'), kind: 'image', mime: 'image/webp' }])
    content.set('media', media)
    content.set('mediaA', [{ hash: hash('4'), kind: 'video', mime: 'video/webm' }])
    example.set('content', content)
    doc.getMap(DraftRoot.examples).set('ex1', example)

    expect([...mediaHashesInDraft(doc)].sort()).toEqual([hash('1'), hash('2'), hash('3'), hash('4')])
  })

  it('finds nothing in a draft without media', () => {
    const doc = new Y.Doc()
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(hash('5'))])
    guidelineFragment(doc).insert(0, [paragraph])
    expect(mediaHashesInDraft(doc).size).toBe(0)
  })
})
