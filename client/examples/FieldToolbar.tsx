/**
 * The formatting bar of an example's rich field, shown while the field has the focus: bold, italic, inline
 * code, lists, code block, link and table (with row/column tools inside a table). Buttons keep the focus in
 * the field (mousedown is prevented), so the bar stays while it is used.
 */
import { type Editor, useEditorState } from '@tiptap/react'
import { useLinkCommand } from '../editor/useLinkCommand'

interface Action {
  label: string
  title: string
  run: () => void
  active?: boolean
}

export function FieldToolbar({
  editor,
  onRejected,
}: {
  editor: Editor
  onRejected: (message: string) => void
}) {
  const link = useLinkCommand(editor, onRejected)
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      code: e.isActive('code'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      codeBlock: e.isActive('codeBlock'),
      link: e.isActive('link'),
      table: e.isActive('table'),
    }),
  })
  const chain = () => editor.chain().focus()
  const actions: Action[] = [
    { label: 'B', title: 'Bold (Ctrl+B)', run: () => chain().toggleBold().run(), active: state.bold },
    { label: 'I', title: 'Italic (Ctrl+I)', run: () => chain().toggleItalic().run(), active: state.italic },
    { label: '</>', title: 'Inline code', run: () => chain().toggleCode().run(), active: state.code },
    { label: '•', title: 'Bulleted list', run: () => chain().toggleBulletList().run(), active: state.bullet },
    {
      label: '1.',
      title: 'Numbered list',
      run: () => chain().toggleOrderedList().run(),
      active: state.ordered,
    },
    {
      label: '{ }',
      title: 'Code block',
      run: () => chain().toggleCodeBlock().run(),
      active: state.codeBlock,
    },
    { label: 'Link', title: 'Link (http, https or mailto)', run: link, active: state.link },
    ...(state.table
      ? [
          { label: '+ Row', title: 'Add a row below', run: () => chain().addRowAfter().run() },
          { label: '+ Col', title: 'Add a column to the right', run: () => chain().addColumnAfter().run() },
          { label: '− Row', title: 'Delete this row', run: () => chain().deleteRow().run() },
          { label: '− Col', title: 'Delete this column', run: () => chain().deleteColumn().run() },
          { label: '× Table', title: 'Delete the table', run: () => chain().deleteTable().run() },
        ]
      : [
          {
            label: 'Table',
            title: 'Insert a table (3 × 3 with a header row)',
            run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
          },
        ]),
  ]
  return (
    <div className="field-toolbar" role="toolbar" aria-label="Formatting" data-testid="field-toolbar">
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          className={`field-toolbar__button${action.active ? ' is-active' : ''}`}
          title={action.title}
          aria-label={action.title}
          aria-pressed={action.active === undefined ? undefined : action.active}
          onMouseDown={(event) => event.preventDefault()}
          onClick={action.run}
        >
          {action.label}
        </button>
      ))}
    </div>
  )
}
