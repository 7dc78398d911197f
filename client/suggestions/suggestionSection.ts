/**
 * Which guideline section a suggestion sits in: the heading before the top-level block that holds the start
 * of its range (null before the first heading, for other targets, or when the anchored text is gone).
 */
import { fromBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import type { SuggestionView } from '../../shared/schema/suggestions'
import { guidelineFragment, SECTION_ID_ATTR } from '../../shared/ydoc/layout'

function plainText(element: Y.XmlElement): string {
  let text = ''
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown }[])
        if (typeof op.insert === 'string') text += op.insert
    } else if (child instanceof Y.XmlElement) text += plainText(child)
  }
  return text.trim()
}

export interface SectionRef {
  /** The heading's section id, or its text when it has none. */
  key: string
  title: string
}

export function guidelineSectionOf(draft: Y.Doc, suggestion: SuggestionView): SectionRef | null {
  if (suggestion.target.kind !== 'guideline') return null
  let absolute: Y.AbsolutePosition | null = null
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(
      Y.decodeRelativePosition(fromBase64(suggestion.range.start)),
      draft,
    )
  } catch {
    return null
  }
  const fragment = guidelineFragment(draft)
  let node: Y.AbstractType<unknown> | null = absolute?.type ?? null
  while (node && node.parent !== fragment) node = node.parent as Y.AbstractType<unknown> | null
  if (!node) return null
  const blocks = fragment.toArray()
  for (let i = blocks.indexOf(node as Y.XmlElement); i >= 0; i--) {
    const block = blocks[i]
    if (block instanceof Y.XmlElement && block.nodeName === 'heading') {
      const title = plainText(block) || 'Untitled section'
      const id = block.getAttribute(SECTION_ID_ATTR)
      return { key: typeof id === 'string' && id ? id : title, title }
    }
  }
  return null
}
