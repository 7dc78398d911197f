/** The floating `/` menu: filter by typing, ↑ ↓ to choose, Enter to run, Escape to dismiss. */
import type { Editor } from '@tiptap/react'
import { useEditorState } from '@tiptap/react'
import { useEffect, useRef, useState } from 'react'
import type { ContentKind } from '../../shared/ydoc/examplesDoc'
import { readSlashQuery, type SlashStorage } from './slashMenu'

interface SlashItem {
  id: string
  name: string
  hint: string
  keywords: string
  run: (editor: Editor) => void
}

export function slashItems(insertExample: (kind: ContentKind) => void): SlashItem[] {
  return [
    {
      id: 'example',
      name: 'Calibration example',
      hint: 'Prompt + response with gold answers',
      keywords: 'example calibration gold single',
      run: () => insertExample('single'),
    },
    {
      id: 'pairwise-example',
      name: 'Pairwise example',
      hint: 'Prompt + responses A and B',
      keywords: 'example pairwise compare ab calibration',
      run: () => insertExample('pairwise'),
    },
    {
      id: 'free-example',
      name: 'Free-form example',
      hint: 'Any item to label, with gold',
      keywords: 'example free label item calibration',
      run: () => insertExample('free'),
    },
    {
      id: 'heading',
      name: 'Section heading',
      hint: 'A new guideline section',
      keywords: 'heading section title h2',
      run: (editor) => editor.chain().focus().setHeading({ level: 2 }).run(),
    },
    {
      id: 'list',
      name: 'Bulleted list',
      hint: 'A list of rules',
      keywords: 'list bullet',
      run: (editor) => editor.chain().focus().toggleBulletList().run(),
    },
  ]
}

export function SlashMenu({ editor, items }: { editor: Editor; items: SlashItem[] }) {
  const query = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      const q = current.isEditable && current.isFocused ? readSlashQuery(current.state) : null
      return q ? `${q.from}:${q.to}:${q.query}` : null
    },
  })
  const [active, setActive] = useState(0)
  const [dismissedAt, setDismissedAt] = useState<number | null>(null)
  const parsed = query ? query.split(':') : null
  const from = parsed ? Number(parsed[0]) : -1
  const to = parsed ? Number(parsed[1]) : -1
  const text = parsed ? (parsed[2] ?? '').toLowerCase() : ''
  const open = parsed !== null && dismissedAt !== from
  const matches = open
    ? items.filter((item) => `${item.name} ${item.keywords}`.toLowerCase().includes(text))
    : []
  const visible = open && matches.length > 0
  const state = useRef({ matches, active, from, to, visible })
  state.current = { matches, active, from, to, visible }

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the highlight whenever the filter changes
  useEffect(() => setActive(0), [text])
  useEffect(() => {
    if (parsed === null && dismissedAt !== null) setDismissedAt(null)
  }, [parsed, dismissedAt])

  const run = (item: SlashItem) => {
    const { from: start, to: end } = state.current
    editor.chain().focus().deleteRange({ from: start, to: end }).run()
    item.run(editor)
  }

  useEffect(() => {
    const storage = (editor.storage as unknown as { slashMenu: SlashStorage }).slashMenu
    storage.onKeyDown = (event) => {
      const current = state.current
      if (!current.visible) return false
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const step = event.key === 'ArrowDown' ? 1 : -1
        setActive((current.active + step + current.matches.length) % current.matches.length)
        return true
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const item = current.matches[current.active]
        if (item) run(item)
        return true
      }
      if (event.key === 'Escape') {
        setDismissedAt(current.from)
        return true
      }
      return false
    }
    return () => {
      storage.onKeyDown = null
    }
  })

  if (!visible) return null
  const coords = editor.view.coordsAtPos(from)
  // Near the bottom of the window the menu opens upwards.
  const above = coords.bottom + 60 * matches.length + 16 > window.innerHeight
  const position = above
    ? { bottom: window.innerHeight - coords.top + 6, left: coords.left }
    : { top: coords.bottom + 6, left: coords.left }
  return (
    <div className="slash-menu" role="listbox" aria-label="Insert" data-testid="slash-menu" style={position}>
      {matches.map((item, index) => (
        <button
          key={item.id}
          type="button"
          role="option"
          aria-selected={index === active}
          className={`slash-menu__item${index === active ? ' is-active' : ''}`}
          data-testid={`slash-${item.id}`}
          onMouseDown={(event) => event.preventDefault()}
          onMouseEnter={() => setActive(index)}
          onClick={() => run(item)}
        >
          <span className="slash-menu__name">{item.name}</span>
          <span className="slash-menu__hint">{item.hint}</span>
        </button>
      ))}
    </div>
  )
}
