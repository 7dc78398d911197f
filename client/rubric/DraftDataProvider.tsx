/** Derives the rubric, examples, problems and section names from the live draft and provides them. */
import type { Editor } from '@tiptap/react'
import { useEditorState } from '@tiptap/react'
import { type ReactNode, useMemo } from 'react'
import type * as Y from 'yjs'
import { findProblems } from '../../shared/rubric/problems'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { EXAMPLE_ID_ATTR, EXAMPLE_NODE, SECTION_ID_ATTR } from '../../shared/ydoc/layout'
import { useDraftUndo } from '../sync/useDraftUndo'
import { useDraftVersion } from '../sync/useDraftVersion'
import { DraftDataContext } from './draftContext'

/** "3. Safety and escalation" by section id; headings without a number get none added. */
function readSections(editor: Editor): string {
  const entries: [string, string][] = []
  editor.state.doc.forEach((node) => {
    const id = node.attrs[SECTION_ID_ATTR]
    if (node.type.name === 'heading' && typeof id === 'string' && id)
      entries.push([id, node.textContent.trim()])
  })
  return JSON.stringify(entries)
}

/** Ids of the examples embedded in the guideline text, in document order. */
function readEmbedded(editor: Editor): string {
  const ids: string[] = []
  editor.state.doc.descendants((node) => {
    if (node.type.name === EXAMPLE_NODE) ids.push(String(node.attrs[EXAMPLE_ID_ATTR] ?? ''))
    return node.isBlock && node.type.name !== EXAMPLE_NODE
  })
  return ids.join(' ')
}

export function DraftDataProvider(props: {
  projectId: string
  doc: Y.Doc
  editor: Editor
  editable: boolean
  children: ReactNode
}) {
  const { projectId, doc, editor, editable, children } = props
  const version = useDraftVersion(doc)
  const undo = useDraftUndo(doc)
  const sectionsJson = useEditorState({ editor, selector: ({ editor: current }) => readSections(current) })
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the document's content
  const derived = useMemo(() => {
    const data = readRubricWithExamples(doc)
    return { ...data, problems: findProblems(data) }
  }, [doc, version])
  const sections = useMemo(() => new Map<string, string>(JSON.parse(sectionsJson)), [sectionsJson])
  const embeddedIds = useEditorState({ editor, selector: ({ editor: current }) => readEmbedded(current) })
  const embedded = useMemo(() => new Set(embeddedIds.split(' ').filter(Boolean)), [embeddedIds])
  const value = useMemo(
    () => ({ projectId, doc, editor, editable, undo, sections, embedded, ...derived }),
    [projectId, doc, editor, editable, undo, sections, embedded, derived],
  )
  return <DraftDataContext.Provider value={value}>{children}</DraftDataContext.Provider>
}
