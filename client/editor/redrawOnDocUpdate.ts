/**
 * A ProseMirror plugin view that redraws a plugin's decorations after a Y.Doc changed: local typing reaches
 * the Y.Doc only after the ProseMirror transaction, so decorations computed from the Y.Doc are rebuilt once
 * it did (at most once per macrotask), with a transaction carrying the plugin's key as meta.
 */
import type { PluginKey, PluginView } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import type * as Y from 'yjs'

export function redrawOnDocUpdate(doc: Y.Doc, key: PluginKey): (view: EditorView) => PluginView {
  return (view) => {
    let timer: ReturnType<typeof setTimeout> | null = null
    const onUpdate = () => {
      if (timer !== null) return
      timer = setTimeout(() => {
        timer = null
        if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, true))
      }, 0)
    }
    doc.on('update', onUpdate)
    return {
      destroy() {
        if (timer !== null) clearTimeout(timer)
        doc.off('update', onUpdate)
      },
    }
  }
}
