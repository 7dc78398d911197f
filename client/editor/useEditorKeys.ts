/**
 * The editor page's own keys, taken from the browser: Ctrl+F opens Find, Ctrl+H Find and replace (Find for
 * people who may not edit), Ctrl+/ — or ? when the focus is not in text — the shortcut help.
 */
import { useEffect } from 'react'
import type { FindMode } from './FindReplaceBar'
import { matchesShortcut, SHORTCUTS } from './shortcuts'

interface EditorKeyActions {
  openFind: (mode: FindMode) => void
  openHelp: () => void
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

export function useEditorKeys({ openFind, openHelp }: EditorKeyActions): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (matchesShortcut(event, SHORTCUTS.find.keys)) {
        event.preventDefault()
        openFind('find')
      } else if (matchesShortcut(event, SHORTCUTS.replace.keys)) {
        event.preventDefault()
        openFind('replace')
      } else if (
        matchesShortcut(event, SHORTCUTS.help.keys) ||
        (event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target))
      ) {
        event.preventDefault()
        openHelp()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [openFind, openHelp])
}
