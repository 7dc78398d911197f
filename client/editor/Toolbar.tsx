/**
 * Formatting toolbar of the guideline editor; button states follow the selection. Every action has a
 * shortcut (shortcuts.ts); those the editor does not bind itself (link, table, example) are bound here.
 */
import type { Editor } from '@tiptap/react'
import { useEditorState } from '@tiptap/react'
import { useCallback, useEffect, useRef, useState } from 'react'
import { MediaButton } from '../media/MediaButton'
import { toggleHeadingKeepingNumber } from './numberedHeading'
import { SHORTCUTS } from './shortcuts'
import { TableTools } from './TableTools'
import { ToolbarButton } from './ToolbarButton'
import { useLinkCommand } from './useLinkCommand'
import { useToolbarKeys } from './useToolbarKeys'

const NOTICE_MS = 5000

function readToolbarState(editor: Editor) {
  return {
    canUndo: editor.can().undo(),
    canRedo: editor.can().redo(),
    bold: editor.isActive('bold'),
    italic: editor.isActive('italic'),
    code: editor.isActive('code'),
    h1: editor.isActive('heading', { level: 1 }),
    h2: editor.isActive('heading', { level: 2 }),
    h3: editor.isActive('heading', { level: 3 }),
    bulletList: editor.isActive('bulletList'),
    orderedList: editor.isActive('orderedList'),
    blockquote: editor.isActive('blockquote'),
    codeBlock: editor.isActive('codeBlock'),
    link: editor.isActive('link'),
    table: editor.isActive('table'),
  }
}

interface ToolbarProps {
  editor: Editor
  onInsertExample: () => void
  /** Uploads the picked files and inserts them at the caret. */
  onInsertMedia: (files: File[]) => void
  /** Opens the import panel (a .docx, .md or .html file appended as new sections). */
  onImport: () => void
}

export function Toolbar({ editor, onInsertExample, onInsertMedia, onImport }: ToolbarProps) {
  const state = useEditorState({ editor, selector: ({ editor: current }) => readToolbarState(current) })
  const [notice, setNotice] = useState<string | null>(null)
  const onLinkRejected = useCallback((message: string) => setNotice(message), [])
  const editLink = useLinkCommand(editor, onLinkRejected)
  const chain = () => editor.chain().focus()
  const mediaInput = useRef<HTMLInputElement>(null)
  const pickMedia = useCallback(() => mediaInput.current?.click(), [])
  useToolbarKeys(editor, { editLink, insertExample: onInsertExample, pickMedia, importDocument: onImport })

  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(null), NOTICE_MS)
    return () => clearTimeout(timer)
  }, [notice])

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting" data-testid="toolbar">
      <div className="toolbar__group">
        <ToolbarButton
          label="Undo"
          testId="toolbar-undo"
          shortcut={SHORTCUTS.undo.keys}
          toggle={false}
          disabled={!state.canUndo}
          onClick={() => chain().undo().run()}
        >
          ↶
        </ToolbarButton>
        <ToolbarButton
          label="Redo"
          testId="toolbar-redo"
          shortcut={SHORTCUTS.redo.keys}
          toggle={false}
          disabled={!state.canRedo}
          onClick={() => chain().redo().run()}
        >
          ↷
        </ToolbarButton>
      </div>
      <div className="toolbar__group">
        <ToolbarButton
          label="Bold"
          testId="toolbar-bold"
          shortcut={SHORTCUTS.bold.keys}
          active={state.bold}
          onClick={() => chain().toggleBold().run()}
        >
          <b>B</b>
        </ToolbarButton>
        <ToolbarButton
          label="Italic"
          testId="toolbar-italic"
          shortcut={SHORTCUTS.italic.keys}
          active={state.italic}
          onClick={() => chain().toggleItalic().run()}
        >
          <i>I</i>
        </ToolbarButton>
        <ToolbarButton
          label="Inline code"
          testId="toolbar-code"
          shortcut={SHORTCUTS.code.keys}
          active={state.code}
          onClick={() => chain().toggleCode().run()}
        >
          <code>{'</>'}</code>
        </ToolbarButton>
        <ToolbarButton
          label="Link"
          testId="toolbar-link"
          shortcut={SHORTCUTS.link.keys}
          active={state.link}
          onClick={editLink}
        >
          Link
        </ToolbarButton>
      </div>
      <div className="toolbar__group">
        {([1, 2, 3] as const).map((level) => (
          <ToolbarButton
            key={level}
            label={`Heading ${level}`}
            testId={`toolbar-h${level}`}
            shortcut={SHORTCUTS[`h${level}`].keys}
            active={state[`h${level}`]}
            onClick={() => toggleHeadingKeepingNumber(editor, level)}
          >
            H{level}
          </ToolbarButton>
        ))}
      </div>
      <div className="toolbar__group">
        <ToolbarButton
          label="Bulleted list"
          testId="toolbar-bullet-list"
          shortcut={SHORTCUTS.bulletList.keys}
          active={state.bulletList}
          onClick={() => chain().toggleBulletList().run()}
        >
          • List
        </ToolbarButton>
        <ToolbarButton
          label="Numbered list"
          testId="toolbar-ordered-list"
          shortcut={SHORTCUTS.orderedList.keys}
          active={state.orderedList}
          onClick={() => chain().toggleOrderedList().run()}
        >
          1. List
        </ToolbarButton>
        <ToolbarButton
          label="Quote"
          testId="toolbar-quote"
          shortcut={SHORTCUTS.quote.keys}
          active={state.blockquote}
          onClick={() => chain().toggleBlockquote().run()}
        >
          “ ”
        </ToolbarButton>
        <ToolbarButton
          label="Code block"
          testId="toolbar-code-block"
          shortcut={SHORTCUTS.codeBlock.keys}
          active={state.codeBlock}
          onClick={() => chain().toggleCodeBlock().run()}
        >
          {'{ }'}
        </ToolbarButton>
      </div>
      <TableTools editor={editor} inTable={state.table} />
      <div className="toolbar__group">
        <ToolbarButton
          label="Insert a calibration example (or type / in an empty line)"
          testId="toolbar-example"
          shortcut={SHORTCUTS.example.keys}
          toggle={false}
          onClick={onInsertExample}
        >
          + Example
        </ToolbarButton>
        <MediaButton input={mediaInput} onFiles={onInsertMedia} />
        <ToolbarButton
          label="Import a Word, Markdown or HTML document as new sections"
          testId="toolbar-import"
          shortcut={SHORTCUTS.importDocument.keys}
          toggle={false}
          onClick={onImport}
        >
          Import…
        </ToolbarButton>
      </div>
      {notice && (
        <p className="toolbar__notice" role="status" data-testid="toolbar-notice">
          {notice}
        </p>
      )}
    </div>
  )
}
