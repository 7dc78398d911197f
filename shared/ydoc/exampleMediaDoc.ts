/**
 * The media lists of a media example in the draft Y.Doc: `media`, `mediaA` and `mediaB` are Y.Arrays of
 * Y.Maps holding MediaRef fields (hash, kind, mime, alt, width, height) and an item id, so
 * `mediaHashesInDraft` finds every referenced blob. Alt text is a plain value (last writer wins). Readers drop
 * items that are not valid references (a peer cannot smuggle a bad hash into a version).
 */
import * as Y from 'yjs'
import { ExampleMedia, MAX_EXAMPLE_MEDIA } from '../schema/rubric'
import { examplesMap } from './examplesDoc'
import { newYId } from './ids'

export const MEDIA_LISTS = ['media', 'mediaA', 'mediaB'] as const
export type MediaList = (typeof MEDIA_LISTS)[number]

/** The Y.Map of one media item (used by the editor and by `draftFromData`). */
export function mediaItemMap(item: ExampleMedia): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  for (const [key, value] of Object.entries(item)) if (value !== undefined) map.set(key, value)
  return map
}

/** The valid items of one media list of an example's Y.Map, in order, without duplicate ids. */
export function readMediaList(example: Y.Map<unknown>, list: MediaList): ExampleMedia[] {
  const array = example.get(list)
  if (!(array instanceof Y.Array)) return []
  const seen = new Set<string>()
  const out: ExampleMedia[] = []
  for (const entry of array.toArray()) {
    if (!(entry instanceof Y.Map)) continue
    const parsed = ExampleMedia.safeParse(entry.toJSON())
    if (!parsed.success || seen.has(parsed.data.id)) continue
    seen.add(parsed.data.id)
    // A URL is derived at publish time from the hash, never taken from the draft.
    const { url: _url, ...item } = parsed.data
    out.push(item)
    if (out.length === MAX_EXAMPLE_MEDIA) break
  }
  return out
}

function listOf(doc: Y.Doc, exampleId: string, list: MediaList): Y.Array<Y.Map<unknown>> | null {
  const example = examplesMap(doc).get(exampleId)
  if (!example) return null
  if (!(example.get(list) instanceof Y.Array)) example.set(list, new Y.Array<Y.Map<unknown>>())
  return example.get(list) as Y.Array<Y.Map<unknown>>
}

const indexOfId = (items: Y.Array<Y.Map<unknown>>, id: string) =>
  items.toArray().findIndex((item) => item instanceof Y.Map && item.get('id') === id)

/** The items of a list for the editor. */
export function exampleMediaItems(doc: Y.Doc, exampleId: string, list: MediaList): ExampleMedia[] {
  const example = examplesMap(doc).get(exampleId)
  return example ? readMediaList(example, list) : []
}

/**
 * Appends an uploaded item (a MediaRef) to a list; returns its item id, or null when the reference is not
 * valid or the list is full (MAX_EXAMPLE_MEDIA).
 */
export function addExampleMedia(
  doc: Y.Doc,
  exampleId: string,
  list: MediaList,
  ref: Omit<ExampleMedia, 'id' | 'url'>,
): string | null {
  const { hash, kind, mime, alt, width, height } = ref
  const item = ExampleMedia.safeParse({ hash, kind, mime, alt, width, height, id: newYId() })
  if (!item.success) return null
  let added: string | null = null
  doc.transact(() => {
    const items = listOf(doc, exampleId, list)
    if (!items || items.length >= MAX_EXAMPLE_MEDIA) return
    items.push([mediaItemMap(item.data)])
    added = item.data.id
  })
  return added
}

export function removeExampleMedia(doc: Y.Doc, exampleId: string, list: MediaList, itemId: string): void {
  doc.transact(() => {
    const items = listOf(doc, exampleId, list)
    const at = items ? indexOfId(items, itemId) : -1
    if (items && at >= 0) items.delete(at, 1)
  })
}

/** Moves an item to `index` of the list without it (a copy with the same id replaces it). */
export function moveExampleMedia(
  doc: Y.Doc,
  exampleId: string,
  list: MediaList,
  itemId: string,
  index: number,
): void {
  doc.transact(() => {
    const items = listOf(doc, exampleId, list)
    const from = items ? indexOfId(items, itemId) : -1
    if (!items || from < 0) return
    const to = Math.max(0, Math.min(index, items.length - 1))
    if (to === from) return
    const copy = items.get(from).clone()
    items.delete(from, 1)
    items.insert(to, [copy])
  })
}

/** Sets an item's alt text (an empty text removes it). */
export function setExampleMediaAlt(
  doc: Y.Doc,
  exampleId: string,
  list: MediaList,
  itemId: string,
  alt: string,
): void {
  const items = listOf(doc, exampleId, list)
  const at = items ? indexOfId(items, itemId) : -1
  if (!items || at < 0) return
  const item = items.get(at)
  const text = alt.slice(0, 1000)
  if (text) item.set('alt', text)
  else item.delete('alt')
}
