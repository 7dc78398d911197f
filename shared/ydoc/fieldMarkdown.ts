/**
 * The Markdown form of an example's rich-text field (`content.markdown[path]`), for rendering lists, code,
 * tables, links and emphasis. Only fields with structure beyond plain paragraphs get one: for those the plain
 * text (what spans index into) says everything already.
 */
import type { JSONContent } from '@tiptap/core'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { documentToMarkdown } from '../guideline/markdownSerializer'

/** Whether a document has anything beyond paragraphs of unmarked text. */
export function hasStructure(doc: JSONContent): boolean {
  const structured = (node: JSONContent): boolean =>
    (node.type !== 'doc' && node.type !== 'paragraph' && node.type !== 'text') ||
    (node.marks?.length ?? 0) > 0 ||
    (node.content ?? []).some(structured)
  return structured(doc)
}

/**
 * The Markdown per fragment, until the fragment changes (readers run on every change of the draft, and
 * turning a fragment into a document and Markdown costs far more than reading its plain text).
 */
const cache = new WeakMap<Y.XmlFragment, { markdown: string | null; fresh: boolean }>()

function compute(fragment: Y.XmlFragment): string | null {
  if (fragment.length === 0) return null
  const json = yXmlFragmentToProsemirrorJSON(fragment) as JSONContent
  if (!hasStructure(json)) return null
  try {
    return documentToMarkdown(json, () => '')
  } catch {
    // A peer wrote nodes the schema does not know: the plain text stays the rendering.
    return null
  }
}

/** Markdown of a fragment with structure; null for plain paragraphs or content the schema cannot read. */
export function fragmentMarkdown(fragment: Y.XmlFragment | undefined): string | null {
  if (!fragment) return null
  let entry = cache.get(fragment)
  if (!entry) {
    const created = { markdown: null as string | null, fresh: false }
    entry = created
    cache.set(fragment, created)
    // Only a fragment inside a document reports changes; a detached one is computed every time.
    if (fragment.doc)
      fragment.observeDeep(() => {
        created.fresh = false
      })
  }
  if (entry.fresh) return entry.markdown
  entry.markdown = compute(fragment)
  entry.fresh = fragment.doc !== null
  return entry.markdown
}
