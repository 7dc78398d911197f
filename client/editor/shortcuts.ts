/**
 * Every keyboard shortcut of the editor, declared once: the toolbar shows them in tooltips and
 * `aria-keyshortcuts`, the shortcut help (Ctrl+/ or ?) lists them. Keys are written TipTap-style
 * (`Mod-Shift-z`: Mod is Ctrl, or ⌘ on a Mac).
 */
export const SHORTCUTS = {
  undo: { label: 'Undo', keys: 'Mod-z' },
  redo: { label: 'Redo', keys: 'Mod-Shift-z' },
  bold: { label: 'Bold', keys: 'Mod-b' },
  italic: { label: 'Italic', keys: 'Mod-i' },
  code: { label: 'Inline code', keys: 'Mod-e' },
  link: { label: 'Link', keys: 'Mod-k' },
  h1: { label: 'Heading 1', keys: 'Mod-Alt-1' },
  h2: { label: 'Heading 2', keys: 'Mod-Alt-2' },
  h3: { label: 'Heading 3', keys: 'Mod-Alt-3' },
  bulletList: { label: 'Bulleted list', keys: 'Mod-Shift-8' },
  orderedList: { label: 'Numbered list', keys: 'Mod-Shift-7' },
  quote: { label: 'Quote', keys: 'Mod-Shift-b' },
  codeBlock: { label: 'Code block', keys: 'Mod-Alt-c' },
  table: { label: 'Insert table', keys: 'Mod-Alt-t' },
  addRow: { label: 'Add row below', keys: 'Mod-Alt-ArrowDown' },
  addColumn: { label: 'Add column to the right', keys: 'Mod-Alt-ArrowRight' },
  deleteRow: { label: 'Delete row', keys: 'Mod-Alt-Shift-ArrowUp' },
  deleteColumn: { label: 'Delete column', keys: 'Mod-Alt-Shift-ArrowLeft' },
  deleteTable: { label: 'Delete table', keys: 'Mod-Alt-Shift-Backspace' },
  example: { label: 'Insert a calibration example', keys: 'Mod-Alt-e' },
  media: { label: 'Insert an image, video or audio file', keys: 'Mod-Alt-i' },
  importDocument: { label: 'Import a Word, Markdown or HTML document', keys: 'Mod-Alt-o' },
  comment: { label: 'Comment on the selection', keys: 'Mod-Alt-m' },
  suggesting: { label: 'Suggesting: your typing becomes suggestions', keys: 'Mod-Alt-Shift-x' },
  editing: { label: 'Editing: change the draft directly', keys: 'Mod-Alt-Shift-z' },
  find: { label: 'Find', keys: 'Mod-f' },
  replace: { label: 'Find and replace', keys: 'Mod-h' },
  help: { label: 'Keyboard shortcuts', keys: 'Mod-/' },
} as const

export type ShortcutId = keyof typeof SHORTCUTS

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→' }

/** `Mod-Shift-z` as people read it here: "Ctrl+Shift+Z", or "⌘⇧Z" on a Mac. */
export function shortcutLabel(keys: string): string {
  const parts = keys.split('-').map((part) => {
    if (part === 'Mod') return isMac ? '⌘' : 'Ctrl'
    if (part === 'Alt') return isMac ? '⌥' : 'Alt'
    if (part === 'Shift') return isMac ? '⇧' : 'Shift'
    return KEY_NAMES[part] ?? (part.length === 1 ? part.toUpperCase() : part)
  })
  return parts.join(isMac ? '' : '+')
}

/** The `aria-keyshortcuts` value: "Control+Shift+Z" (Meta on a Mac). */
export function ariaKeyShortcut(keys: string): string {
  return keys
    .split('-')
    .map((part) => {
      if (part === 'Mod') return isMac ? 'Meta' : 'Control'
      return part.length === 1 ? part.toUpperCase() : part
    })
    .join('+')
}

/** Whether a keydown is the shortcut `keys` (Mod is Ctrl, or ⌘ on a Mac; other modifiers must match). */
export function matchesShortcut(event: KeyboardEvent, keys: string): boolean {
  const parts = keys.split('-')
  const key = parts.at(-1) ?? ''
  const mod = parts.includes('Mod')
  if ((isMac ? event.metaKey : event.ctrlKey) !== mod) return false
  if (event.altKey !== parts.includes('Alt') || event.shiftKey !== parts.includes('Shift')) return false
  if (key.length === 1) {
    // With Alt or Shift held, event.key may be another character: compare the physical key too.
    const code = /[a-z]/i.test(key) ? `Key${key.toUpperCase()}` : /\d/.test(key) ? `Digit${key}` : null
    return (
      event.key.toLowerCase() === key.toLowerCase() ||
      (code !== null && event.code === code) ||
      (key === '/' && event.code === 'Slash')
    )
  }
  return event.key === key
}
