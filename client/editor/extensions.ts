/**
 * The TipTap extension set of the guideline editor: the shared schema (StarterKit without its own history —
 * Collaboration brings a per-user undo —, tables, embedded calibration examples, section ids) plus the Yjs
 * binding on the draft's guideline fragment, peer carets, the example blocks' React view, the `/` menu, and
 * UniqueID giving every new heading a section id, and headings made from numbered-list items keeping their number.
 * Media blocks get their React view, and paste, drop and uploads with placeholders (client/media). Pasted HTML
 * is cleaned first (client/import/pasteCleanup.ts).
 */
import type { Extensions } from '@tiptap/core'
import Collaboration, { isChangeOrigin } from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import UniqueID from '@tiptap/extension-unique-id'
import { MEDIA_NODE } from '../../shared/guideline/mediaNode'
import { guidelineSchemaExtensions } from '../../shared/guideline/schemaExtensions'
import { newYId } from '../../shared/ydoc/ids'
import { DraftRoot, EXAMPLE_NODE, SECTION_ID_ATTR } from '../../shared/ydoc/layout'
import { CalibrationExampleView } from '../examples/exampleNode'
import { PasteCleanup } from '../import/pasteCleanup'
import { MediaNodeWithView } from '../media/mediaNodeExtension'
import type { MediaNoticeBoard } from '../media/mediaNotices'
import { mediaPasteDrop } from '../media/mediaPasteDrop'
import { mediaUploads } from '../media/mediaUploads'
import type { DraftConnection } from '../sync/draftConnection'
import { NumberedHeadingKeys } from './numberedHeading'
import { SlashMenuExtension } from './slashMenu'

/** Who this editor's caret belongs to; the server replaces it with the account anyway. */
export interface CaretUser {
  id: string
  name: string
  color: string
}

/** Replaced on the client: the example and media nodes get React views, section ids come from UniqueID. */
const REPLACED = new Set([EXAMPLE_NODE, MEDIA_NODE, 'sectionIdAttribute'])

export function guidelineExtensions(
  connection: DraftConnection,
  user: CaretUser,
  editable: boolean,
  mediaNotices: MediaNoticeBoard,
): Extensions {
  const media = { projectId: connection.projectId, draft: connection.doc, notices: mediaNotices }
  return [
    ...guidelineSchemaExtensions().filter((extension) => !REPLACED.has(extension.name)),
    CalibrationExampleView,
    MediaNodeWithView,
    mediaUploads(media),
    PasteCleanup,
    mediaPasteDrop(media),
    // Ids are only written by people who may edit, for headings they create themselves — never in reaction to
    // a peer's (synced) change, and not on (re)connect: UniqueID's onCreate would stamp every id-less heading
    // on each 'synced', on every client at once. Read-only clients never change the document.
    UniqueID.extend({ onCreate() {} }).configure({
      types: ['heading'],
      attributeName: SECTION_ID_ATTR,
      generateID: () => newYId(),
      filterTransaction: (transaction) => !isChangeOrigin(transaction),
      updateDocument: editable,
    }),
    SlashMenuExtension,
    NumberedHeadingKeys,
    Collaboration.configure({ document: connection.doc, field: DraftRoot.guideline }),
    CollaborationCaret.configure({ provider: connection.provider, user }),
  ]
}
