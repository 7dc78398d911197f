/**
 * Seeded guideline content has exactly the shape TipTap's Collaboration binding reads: it converts to a
 * ProseMirror document that the editor's schema accepts, with marks only where the seed put them.
 */
import { getSchema } from '@tiptap/core'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { exampleGuideline } from '../../server/seed/exampleGuideline'
import { CalibrationExampleNode } from '../../shared/guideline/calibrationExampleNode'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'

const schema = getSchema([StarterKit.configure({ undoRedo: false }), TableKit, CalibrationExampleNode])

function seeded(blocks: Parameters<typeof appendBlocks>[1]) {
  const doc = new Y.Doc()
  appendBlocks(guidelineFragment(doc), blocks)
  return yXmlFragmentToProsemirrorJSON(guidelineFragment(doc))
}

describe('appendBlocks', () => {
  it('produces a document the editor schema accepts (the whole example guideline)', () => {
    const json = seeded(exampleGuideline)
    expect(() => schema.nodeFromJSON(json).check()).not.toThrow()
    const headings = (json.content as { type: string; attrs?: { level: number } }[]).filter(
      (n) => n.type === 'heading',
    )
    expect(headings.map((h) => h.attrs?.level)).toEqual([1, 2, 2, 2, 2, 2, 2])
  })

  it('puts marks only on the runs that have them', () => {
    const json = seeded([
      {
        type: 'paragraph',
        text: [{ text: 'Bold', bold: true }, ' plain ', { text: 'link', href: 'https://x.org' }, ' end'],
      },
    ])
    const node = schema.nodeFromJSON(json)
    const runs: [string, string[]][] = []
    node.descendants((child) => {
      if (child.isText) runs.push([child.text!, child.marks.map((m) => m.type.name)])
    })
    expect(runs).toEqual([
      ['Bold', ['bold']],
      [' plain ', []],
      ['link', ['link']],
      [' end', []],
    ])
  })
})
