/**
 * The layout of a project's draft Y.Doc: root names and typed accessors. This is the only code that knows
 * the keys; components and services go through these helpers.
 */
import type * as Y from 'yjs'

export const DraftRoot = {
  /** The guideline text: a ProseMirror document as TipTap's Collaboration extension stores it. */
  guideline: 'guideline',
  /** Document-level metadata (e.g. the seed marker). */
  meta: 'meta',
} as const

export function guidelineFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(DraftRoot.guideline)
}

export function draftMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(DraftRoot.meta)
}
