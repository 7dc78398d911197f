/**
 * The TipTap extension set of the guideline editor: StarterKit without its own history (Collaboration brings
 * a per-user undo), the Yjs binding on the draft's guideline fragment, peer carets, and tables.
 */
import type { Extensions } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { DraftRoot } from '../../shared/ydoc/layout'
import type { DraftConnection } from '../sync/draftConnection'
import { isAllowedLinkUrl } from './linkUrl'

export interface CaretUser {
  name: string
  color: string
}

export function guidelineExtensions(connection: DraftConnection, user: CaretUser): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        isAllowedUri: (url) => isAllowedLinkUrl(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    Collaboration.configure({ document: connection.doc, field: DraftRoot.guideline }),
    CollaborationCaret.configure({ provider: connection.provider, user }),
    TableKit.configure({ table: { resizable: false } }),
  ]
}
