/** Reads the plain text of a guideline fragment (what ProseMirror shows as `textContent`) from a Y.Doc. */
import * as Y from 'yjs'

type Parent = Y.XmlFragment | Y.XmlElement

function children(parent: Parent): unknown[] {
  return parent.toArray()
}

function runText(text: Y.XmlText): string {
  let out = ''
  for (const op of text.toDelta() as { insert: unknown }[])
    if (typeof op.insert === 'string') out += op.insert
  return out
}

/** The text of every Y.XmlText in document order, without separators. */
export function fragmentText(parent: Parent): string {
  let text = ''
  for (const child of children(parent)) {
    if (child instanceof Y.XmlText) text += runText(child)
    else if (child instanceof Y.XmlElement) text += fragmentText(child)
  }
  return text
}

/** Number of characters in the fragment's texts; cheap (no text is built). */
export function fragmentLength(parent: Parent): number {
  let length = 0
  for (const child of children(parent)) {
    if (child instanceof Y.XmlText) length += child.length
    else if (child instanceof Y.XmlElement) length += fragmentLength(child)
  }
  return length
}

/** The last non-blank text run, for checking that a page shows the end of the document. */
export function lastTextRun(parent: Parent): string {
  const list = children(parent)
  for (let i = list.length - 1; i >= 0; i--) {
    const child = list[i]
    const run =
      child instanceof Y.XmlText ? runText(child) : child instanceof Y.XmlElement ? lastTextRun(child) : ''
    if (run.trim().length > 0) return run
  }
  return ''
}
