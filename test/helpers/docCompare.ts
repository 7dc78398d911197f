/**
 * Comparing replicas of a document: a fingerprint of everything a reader can see — every root, every list in
 * its integrated order (with deleted items), every map entry, every attribute and every content — plus the
 * state vector and delete set. Structs still waiting for missing dependencies are not part of it.
 */
import * as Y from 'yjs'

const MAX_STEPS = 1_000_000
let steps = 0
const step = () => {
  if (++steps > MAX_STEPS) throw new Error('document walk did not end: its lists or types form a cycle')
}

function contentOf(item: Y.Item): unknown {
  const content = item.content
  if (content instanceof Y.ContentType) return { type: content.type.constructor.name, ...walk(content.type) }
  if (item.deleted) return { deleted: item.length }
  return content.getContent()
}

function list(start: Y.Item | null): unknown[] {
  const out: unknown[] = []
  for (let item = start; item !== null; item = item.right) {
    step()
    out.push([item.id.client, item.id.clock, item.deleted, contentOf(item)])
  }
  return out
}

// biome-ignore lint/suspicious/noExplicitAny: a root may be any shared type
function walk(type: Y.AbstractType<any>): { list: unknown[]; map: Record<string, unknown[]> } {
  const map: Record<string, unknown[]> = {}
  for (const key of [...type._map.keys()].sort()) {
    let first = type._map.get(key) ?? null
    while (first?.left) {
      step()
      first = first.left
    }
    map[key] = list(first)
  }
  return { list: list(type._start), map }
}

/** A JSON fingerprint of the integrated document (roots sorted by name). */
export function docFingerprint(doc: Y.Doc): string {
  steps = 0
  const roots: Record<string, unknown> = {}
  for (const name of [...doc.share.keys()].sort()) {
    const root = walk(doc.share.get(name)!)
    if (root.list.length > 0 || Object.keys(root.map).length > 0) roots[name] = root
  }
  return JSON.stringify(roots)
}

/** Whether two replicas hold the same document: same structs, same deletions, same order everywhere. */
export function sameDocument(a: Y.Doc, b: Y.Doc): boolean {
  return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b)) && docFingerprint(a) === docFingerprint(b)
}

/** A fresh replica loaded from `doc`'s encoding — what a new peer, or a restart from a snapshot, gets. */
export function reloaded(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}
