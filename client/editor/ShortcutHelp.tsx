/** The keyboard-shortcut help (Ctrl+/ or ?): every shortcut of the editor, grouped, in a modal dialog. */
import { useEffect, useRef } from 'react'
import { SHORTCUTS, type ShortcutId, shortcutLabel } from './shortcuts'

const GROUPS: { title: string; ids: ShortcutId[] }[] = [
  { title: 'Text', ids: ['bold', 'italic', 'code', 'link', 'undo', 'redo'] },
  { title: 'Blocks', ids: ['h1', 'h2', 'h3', 'bulletList', 'orderedList', 'quote', 'codeBlock'] },
  {
    title: 'Tables and examples',
    ids: ['table', 'addRow', 'addColumn', 'deleteRow', 'deleteColumn', 'deleteTable', 'example'],
  },
  { title: 'Find, comment, help', ids: ['find', 'replace', 'comment', 'help'] },
]

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
  }, [])
  return (
    <dialog
      ref={ref}
      className="dialog shortcut-help"
      data-testid="shortcut-help"
      aria-label="Keyboard shortcuts"
      onClose={onClose}
    >
      <h2 className="dialog__title">Keyboard shortcuts</h2>
      <div className="shortcut-help__groups">
        {GROUPS.map((group) => (
          <section key={group.title}>
            <h3 className="shortcut-help__group">{group.title}</h3>
            <dl className="shortcut-help__list">
              {group.ids.map((id) => (
                <div key={id} className="shortcut-help__item" data-testid="shortcut-item">
                  <dt>{SHORTCUTS[id].label}</dt>
                  <dd>
                    <kbd>{shortcutLabel(SHORTCUTS[id].keys)}</kbd>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="muted shortcut-help__more">
        Type <kbd>/</kbd> on an empty line for the insert menu; <kbd>?</kbd> also opens this list when you are
        not typing.
      </p>
      <div className="dialog__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="shortcut-help-close"
          onClick={onClose}
        >
          Close
        </button>
      </div>
    </dialog>
  )
}
