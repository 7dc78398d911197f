/**
 * The `/` command menu: typing "/" at the start of an empty paragraph (optionally followed by a filter word)
 * opens it. The plugin only forwards keys to whichever menu component is mounted; the menu reads the query
 * from the editor state with `readSlashQuery`.
 */
import { Extension } from '@tiptap/core'
import type { EditorState } from '@tiptap/pm/state'
import { Plugin, PluginKey } from '@tiptap/pm/state'

export interface SlashQuery {
  /** Document range of "/query", replaced when a command runs. */
  from: number
  to: number
  query: string
}

export function readSlashQuery(state: EditorState): SlashQuery | null {
  const { selection } = state
  if (!selection.empty) return null
  const { $from } = selection
  if ($from.parent.type.name !== 'paragraph') return null
  const before = $from.parent.textBetween(0, $from.parentOffset, undefined, '\ufffc')
  const match = /^\/([\w-]{0,20})$/.exec(before)
  if (!match) return null
  return { from: $from.pos - before.length, to: $from.pos, query: match[1] ?? '' }
}

export interface SlashStorage {
  /** Set by the mounted menu: returns true when it handled the key. */
  onKeyDown: ((event: KeyboardEvent) => boolean) | null
}

export const SlashMenuExtension = Extension.create<Record<string, never>, SlashStorage>({
  name: 'slashMenu',
  addStorage() {
    return { onKeyDown: null }
  },
  addProseMirrorPlugins() {
    const storage = this.storage
    return [
      new Plugin({
        key: new PluginKey('slashMenu'),
        props: { handleKeyDown: (_view, event) => storage.onKeyDown?.(event) ?? false },
      }),
    ]
  },
})
