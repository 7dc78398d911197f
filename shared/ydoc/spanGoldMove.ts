/**
 * Keeps span gold anchored when a turn or step moves. Yjs cannot move an element, so a move replaces the item
 * with a copy whose texts are new Y types; anchors (Y.RelativePositions) into the old texts would then
 * collapse. `anchoredSpansIn` resolves the spans inside an item to offsets before the move, and
 * `reanchorSpans` writes them back anchored in the copy (same text, same offsets).
 */
import * as Y from 'yjs'
import { examplesMap } from './examplesDoc'
import { createSpanAnchor, resolveSpanAnchor, type SpanAnchor } from './spanAnchors'

type Json = Record<string, unknown>
const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isAnchor = (value: unknown): value is SpanAnchor =>
  isJson(value) && typeof value.start === 'string' && typeof value.end === 'string'

/** Gold entries with spans in the item at `prefix` (`steps.<id>`, `turns.<id>`), their spans at current offsets. */
export type PendingSpans = Map<Y.Map<unknown>, unknown[]>

const inItem = (field: unknown, prefix: string) =>
  typeof field === 'string' && (field === prefix || field.startsWith(`${prefix}.`))

/** Maps the spans of every accepted value; returns null when no span is inside the item. */
function mapSpans(accepted: unknown[], prefix: string, fn: (span: Json) => Json): unknown[] | null {
  let touched = false
  const next = accepted.map((value) => {
    if (!isJson(value) || !Array.isArray(value.spans)) return value
    return {
      ...value,
      spans: value.spans.map((span: unknown) => {
        if (!isJson(span) || !inItem(span.field, prefix)) return span
        touched = true
        return fn(span)
      }),
    }
  })
  return touched ? next : null
}

export function anchoredSpansIn(doc: Y.Doc, exampleId: string, prefix: string): PendingSpans {
  const pending: PendingSpans = new Map()
  const gold = examplesMap(doc).get(exampleId)?.get('gold')
  if (!(gold instanceof Y.Map)) return pending
  for (const entry of (gold as Y.Map<unknown>).values()) {
    if (!(entry instanceof Y.Map) || !Array.isArray(entry.get('accepted'))) continue
    const next = mapSpans(entry.get('accepted') as unknown[], prefix, (span) => {
      if (!isAnchor(span.anchor)) return span
      const now = resolveSpanAnchor(doc, exampleId, String(span.field), span.anchor)
      return now ? { ...span, start: now.start, end: now.end } : span
    })
    if (next) pending.set(entry as Y.Map<unknown>, next)
  }
  return pending
}

export function reanchorSpans(doc: Y.Doc, exampleId: string, prefix: string, pending: PendingSpans): void {
  for (const [entry, accepted] of pending) {
    const next = mapSpans(accepted, prefix, (span) => {
      const { anchor: _, ...rest } = span
      const start = Number(span.start)
      const end = Number(span.end)
      const anchor = end > start ? createSpanAnchor(doc, exampleId, String(span.field), start, end) : null
      return anchor ? { ...rest, anchor } : rest
    })
    if (next) entry.set('accepted', next)
  }
}
