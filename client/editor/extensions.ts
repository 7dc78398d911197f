/**
 * The TipTap extension set of the guideline editor: the shared schema (StarterKit without its own history —
 * Collaboration brings a per-user undo —, tables, embedded calibration examples, section ids) plus the Yjs
 * binding on the draft's guideline fragment and peer carets.
 */
import type { Extensions } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { guidelineSchemaExtensions } from '../../shared/guideline/schemaExtensions'
import { DraftRoot } from '../../shared/ydoc/layout'
import type { DraftConnection } from '../sync/draftConnection'

/** Who this editor's caret belongs to; the server replaces it with the account anyway. */
export interface CaretUser {
  id: string
  name: string
  color: string
}

export function guidelineExtensions(connection: DraftConnection, user: CaretUser): Extensions {
  return [
    ...guidelineSchemaExtensions(),
    Collaboration.configure({ document: connection.doc, field: DraftRoot.guideline }),
    CollaborationCaret.configure({ provider: connection.provider, user }),
  ]
}
