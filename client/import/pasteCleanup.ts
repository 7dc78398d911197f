/**
 * Runs every paste of HTML into the guideline through cleanPastedHtml (Google Docs, Word, web pages), before
 * the media paste (client/media/mediaPasteDrop.ts) removes foreign images with its notice. A copy from a
 * ProseMirror editor (ours: `data-pm-slice`) is left as it is — its example and media blocks live in data
 * attributes the cleaner would drop — and the schema alone parses it, as before.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { cleanPastedHtml } from './cleanPastedHtml'

export const PasteCleanup = Extension.create({
  name: 'pasteCleanup',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('pasteCleanup'),
        props: {
          transformPastedHTML: (html) => (html.includes('data-pm-slice') ? html : cleanPastedHtml(html)),
        },
      }),
    ]
  },
})
