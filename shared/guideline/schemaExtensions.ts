/**
 * The TipTap extensions that define the guideline's document schema, shared by the editor (which adds
 * collaboration, carets and UI on top) and the server (which renders published versions to HTML/Markdown).
 */
import { Extension, type Extensions } from '@tiptap/core'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { SECTION_ID_ATTR } from '../ydoc/layout'
import { CalibrationExampleNode } from './calibrationExampleNode'
import { MediaNode } from './mediaNode'

const SAFE_LINK = /^(https?:|mailto:)/i

/** Links may only point to http(s) and mailto, whatever a peer writes into the document. */
export function isSafeLinkHref(href: string): boolean {
  return SAFE_LINK.test(href.trim())
}

/** Headings carry a stable section id that examples and calibration results point at. */
export const SectionIdAttribute = Extension.create({
  name: 'sectionIdAttribute',
  addGlobalAttributes() {
    return [
      {
        types: ['heading'],
        attributes: {
          [SECTION_ID_ATTR]: {
            default: null,
            parseHTML: (element) => element.getAttribute('id'),
            renderHTML: (attributes) =>
              attributes[SECTION_ID_ATTR] ? { id: attributes[SECTION_ID_ATTR] } : {},
          },
        },
      },
    ]
  },
})

export function guidelineSchemaExtensions(): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        isAllowedUri: (url) => isSafeLinkHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    CalibrationExampleNode,
    MediaNode,
    SectionIdAttribute,
  ]
}
