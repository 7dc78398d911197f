/** Table buttons: insert a table, and while the caret is in one, add or remove rows and columns. */
import type { Editor } from '@tiptap/react'
import { ToolbarButton } from './ToolbarButton'

export function TableTools({ editor, inTable }: { editor: Editor; inTable: boolean }) {
  const chain = () => editor.chain().focus()
  return (
    <div className="toolbar__group">
      <ToolbarButton
        label="Insert table"
        testId="toolbar-table"
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
            toggle={false}
            onClick={() => chain().addRowAfter().run()}
          >
            + Row
          </ToolbarButton>
          <ToolbarButton
            label="Add column to the right"
            testId="toolbar-add-column"
            toggle={false}
            onClick={() => chain().addColumnAfter().run()}
          >
            + Col
          </ToolbarButton>
          <ToolbarButton
            label="Delete row"
            testId="toolbar-delete-row"
            toggle={false}
            onClick={() => chain().deleteRow().run()}
          >
            − Row
          </ToolbarButton>
          <ToolbarButton
            label="Delete column"
            testId="toolbar-delete-column"
            toggle={false}
            onClick={() => chain().deleteColumn().run()}
          >
            − Col
          </ToolbarButton>
          <ToolbarButton
            label="Delete table"
            testId="toolbar-delete-table"
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
