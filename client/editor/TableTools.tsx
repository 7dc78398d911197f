/** Table buttons: insert a table, and while the caret is in one, add or remove rows and columns. */
import type { Editor } from '@tiptap/react'
import { SHORTCUTS } from './shortcuts'
import { ToolbarButton } from './ToolbarButton'

export function TableTools({ editor, inTable }: { editor: Editor; inTable: boolean }) {
  const chain = () => editor.chain().focus()
  return (
    <div className="toolbar__group">
      <ToolbarButton
        label="Insert table"
        testId="toolbar-table"
        shortcut={SHORTCUTS.table.keys}
        toggle={false}
        disabled={inTable}
        onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
      >
        ▦ Table
      </ToolbarButton>
      {inTable && (
        <>
          <ToolbarButton
            label="Add row below"
            testId="toolbar-add-row"
            shortcut={SHORTCUTS.addRow.keys}
            toggle={false}
            onClick={() => chain().addRowAfter().run()}
          >
            + Row
          </ToolbarButton>
          <ToolbarButton
            label="Add column to the right"
            testId="toolbar-add-column"
            shortcut={SHORTCUTS.addColumn.keys}
            toggle={false}
            onClick={() => chain().addColumnAfter().run()}
          >
            + Col
          </ToolbarButton>
          <ToolbarButton
            label="Delete row"
            testId="toolbar-delete-row"
            shortcut={SHORTCUTS.deleteRow.keys}
            toggle={false}
            onClick={() => chain().deleteRow().run()}
          >
            − Row
          </ToolbarButton>
          <ToolbarButton
            label="Delete column"
            testId="toolbar-delete-column"
            shortcut={SHORTCUTS.deleteColumn.keys}
            toggle={false}
            onClick={() => chain().deleteColumn().run()}
          >
            − Col
          </ToolbarButton>
          <ToolbarButton
            label="Delete table"
            testId="toolbar-delete-table"
            shortcut={SHORTCUTS.deleteTable.keys}
            toggle={false}
            onClick={() => chain().deleteTable().run()}
          >
            Delete table
          </ToolbarButton>
        </>
      )}
    </div>
  )
}
