/**
 * What every kind of live Yjs document declares about itself (one module per kind: draftKind.ts,
 * commentsKind.ts; registered in docKinds.ts): its root names, and the rule the server applies to each
 * update a socket sends, checked against everything the server has accepted so far.
 */
import type * as Y from 'yjs'

/** Why an update is refused: `forbidden` (the writer may not do this) or `invalid` (malformed content). */
export interface UpdateRefusal {
  kind: 'forbidden' | 'invalid'
  reason: string
}

/** Who wrote an update: their account, and whether their role lets them edit the project's draft now. */
export interface UpdateWriter {
  id: string
  /** Owners and leads (`draft.write`); decides, e.g., who may accept or reject a suggestion. */
  mayEditDraft: boolean
}

/** Why `update`, written by `writer`, may not be applied to `accepted` (null: it may). */
export type UpdateCheck = (accepted: Y.Doc, update: Uint8Array, writer: UpdateWriter) => UpdateRefusal | null

export interface DocKindRules {
  /** The root names of the document's layout. */
  readonly roots: readonly string[]
  /** Null when anyone who may write the document may write anything in it. */
  readonly checkUpdate: UpdateCheck | null
}
