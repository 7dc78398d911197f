/**
 * Anchors for span gold in the draft: a gold span stores, beside its plain offsets, two base64-encoded
 * Y.RelativePositions into the text it marks, so it follows edits of that text like a comment anchor does.
 * Readers resolve the anchors to current offsets; a range whose characters were all deleted collapses
 * (end ≤ start), which `problems.ts` reports.
 */
import * as Y from 'yjs'
import type { MarkedSpan } from '../schema/rubric'
import { offsetOfRelativePosition, relativePositionAt } from './fieldOffsets'
import { DraftRoot } from './layout'

export interface SpanAnchor {
  start: string
  end: string
}
/** A gold span as the draft stores it. */
export type DraftSpan = MarkedSpan & { anchor?: SpanAnchor }
export type TextType = Y.XmlFragment | Y.Text

const fragmentIn = (map: Y.Map<unknown>, key: string): Y.XmlFragment | undefined => {
  const value = map.get(key)
  return value instanceof Y.XmlFragment ? value : undefined
}

/** The items of a Y.Array of Y.Maps with a string id (turns, steps), first occurrence of an id only. */
export function idMaps(map: Y.Map<unknown>, key: 'turns' | 'steps'): [string, Y.Map<unknown>][] {
  const array = map.get(key)
  if (!(array instanceof Y.Array)) return []
  const seen = new Set<string>()
  const out: [string, Y.Map<unknown>][] = []
  for (const item of array.toArray()) {
    if (!(item instanceof Y.Map)) continue
    const id = item.get('id')
    if (typeof id !== 'string' || id === '' || seen.has(id)) continue
    seen.add(id)
    out.push([id, item as Y.Map<unknown>])
  }
  return out
}

/**
 * The texts of an example by text path (`shared/rubric/contentFields.ts`), for its current content kind,
 * with the shared type behind each (undefined when the fragment was never created: an empty text).
 */
export function exampleTextTypes(map: Y.Map<unknown>): { path: string; type: TextType | undefined }[] {
  const at = (path: string, key = path) => ({ path, type: fragmentIn(map, key) })
  switch (map.get('contentKind')) {
    case 'pairwise':
      return [at('prompt'), at('responseA'), at('responseB')]
    case 'free':
      return [at('body')]
    case 'conversation':
      return [
        ...idMaps(map, 'turns').map(([id, turn]) => ({
          path: `turns.${id}`,
          type: fragmentIn(turn, 'text'),
        })),
        ...(map.get('hasFinals') === true ? [at('finalA'), at('finalB')] : []),
      ]
    case 'reasoning':
      return [
        at('prompt'),
        ...idMaps(map, 'steps').map(([id, step]) => ({
          path: `steps.${id}`,
          type: fragmentIn(step, 'text'),
        })),
        at('answer'),
      ]
    case 'trajectory':
      return [
        at('task'),
        ...idMaps(map, 'steps').flatMap(([id, step]) => {
          const args = step.get('args')
          return [
            { path: `steps.${id}.thought`, type: fragmentIn(step, 'thought') },
            { path: `steps.${id}.args`, type: args instanceof Y.Text ? args : undefined },
            { path: `steps.${id}.observation`, type: fragmentIn(step, 'observation') },
          ]
        }),
        at('outcome'),
      ]
    case 'media':
      return [at('prompt')]
    default:
      return [at('prompt'), at('response')]
  }
}

/** The shared type behind a text path of an example (local until the editor's `contentFragment` is merged). */
function contentFragment(doc: Y.Doc, exampleId: string, path: string): TextType | undefined {
  const map = doc.getMap<Y.Map<unknown>>(DraftRoot.examples).get(exampleId)
  return map ? exampleTextTypes(map).find((t) => t.path === path)?.type : undefined
}

const encode = (position: Y.RelativePosition) => {
  const bytes = Y.encodeRelativePosition(position)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

const decode = (text: string): Y.RelativePosition | null => {
  try {
    const binary = atob(text)
    return Y.decodeRelativePosition(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
  } catch {
    return null
  }
}

/** Anchors a plain-offset range of an example's text; null when the path names no text with characters. */
export function createSpanAnchor(
  doc: Y.Doc,
  exampleId: string,
  fieldPath: string,
  start: number,
  end: number,
): SpanAnchor | null {
  const type = contentFragment(doc, exampleId, fieldPath)
  if (!type) return null
  const from = relativePositionAt(type, start, 'start')
  const to = relativePositionAt(type, end, 'end')
  return from && to ? { start: encode(from), end: encode(to) } : null
}

/** Current offsets of an anchor inside a given text; a lost end collapses the range onto the other end. */
export function resolveAnchorIn(
  doc: Y.Doc,
  type: TextType,
  anchor: SpanAnchor,
): { start: number; end: number } {
  const from = decode(anchor.start)
  const to = decode(anchor.end)
  const start = from ? offsetOfRelativePosition(doc, type, from) : null
  const end = to ? offsetOfRelativePosition(doc, type, to) : null
  if (start === null && end === null) return { start: 0, end: 0 }
  if (start === null) return { start: end!, end: end! }
  if (end === null) return { start, end: start }
  return { start, end }
}

/** Current plain offsets of an anchored range; null when the example has no such text any more. */
export function resolveSpanAnchor(
  doc: Y.Doc,
  exampleId: string,
  fieldPath: string,
  anchor: SpanAnchor,
): { start: number; end: number } | null {
  const type = contentFragment(doc, exampleId, fieldPath)
  return type ? resolveAnchorIn(doc, type, anchor) : null
}
