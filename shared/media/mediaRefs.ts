/**
 * Finds the media a document references: every object shaped like a MediaRef (a `hash` of 64 hex characters
 * beside a media `kind`) in plain JSON (published versions, ProseMirror JSON, example content), and the same
 * in a live draft's guideline and examples (element attributes, maps, arrays). Garbage collection and the
 * serving rule use it, so a new place for media needs no change here as long as it stores MediaRef fields.
 */
import * as Y from 'yjs'
import { MEDIA_HASH, MEDIA_KINDS } from '../schema/media'
import { DraftRoot, guidelineFragment } from '../ydoc/layout'

const KINDS = new Set<string>(MEDIA_KINDS)

function isRefLike(value: Record<string, unknown>): boolean {
  return typeof value.hash === 'string' && MEDIA_HASH.test(value.hash) && KINDS.has(String(value.kind))
}

/** Adds the hash of every MediaRef-shaped object inside `value` to `into` (and returns it). */
export function collectMediaHashes(value: unknown, into: Set<string> = new Set()): Set<string> {
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const item = stack.pop()
    if (Array.isArray(item)) stack.push(...item)
    else if (item !== null && typeof item === 'object') {
      const record = item as Record<string, unknown>
      if (isRefLike(record)) into.add(record.hash as string)
      stack.push(...Object.values(record))
    }
  }
  return into
}

// biome-ignore lint/suspicious/noExplicitAny: any Yjs type (their event parameters differ)
function collectFromType(type: Y.AbstractType<any>, into: Set<string>): void {
  if (type instanceof Y.XmlElement) {
    const attributes = type.getAttributes() as Record<string, unknown>
    if (isRefLike(attributes)) into.add(attributes.hash as string)
  }
  if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) {
    for (const child of type.toArray()) if (!(child instanceof Y.XmlText)) collectFromType(child, into)
    return
  }
  if (type instanceof Y.Map) {
    const plain: Record<string, unknown> = {}
    for (const [key, entry] of type.entries()) {
      if (entry instanceof Y.AbstractType) collectFromType(entry, into)
      else plain[key] = entry
    }
    collectMediaHashes(plain, into)
    return
  }
  if (type instanceof Y.Array) {
    for (const entry of type.toArray()) {
      if (entry instanceof Y.AbstractType) collectFromType(entry, into)
      else collectMediaHashes(entry, into)
    }
  }
}

/** Every media hash a draft Y.Doc references: the guideline's nodes and the examples' content. */
export function mediaHashesInDraft(doc: Y.Doc): Set<string> {
  const into = new Set<string>()
  collectFromType(guidelineFragment(doc), into)
  collectFromType(doc.getMap(DraftRoot.examples), into)
  return into
}
