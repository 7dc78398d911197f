/**
 * What the rubric panel and the example blocks (rendered inside the editor) share: the draft document, the
 * derived plain data and live problems, whether this person may edit, and the draft-wide undo.
 */
import type { Editor } from '@tiptap/react'
import { createContext, useContext } from 'react'
import type * as Y from 'yjs'
import type { Problem } from '../../shared/rubric/problems'
import type { CalibrationExample, Rubric } from '../../shared/schema/rubric'
import type { DraftUndo } from '../sync/useDraftUndo'

export interface DraftData {
  /** The project whose draft this is (media uploads and URLs need it). */
  projectId: string
  doc: Y.Doc
  /** The guideline editor (to put examples back into the text). */
  editor: Editor
  editable: boolean
  rubric: Rubric
  examples: CalibrationExample[]
  problems: Problem[]
  undo: DraftUndo
  /** Heading text by section id, numbered as in the guideline ("3. Safety and escalation"). */
  sections: Map<string, string>
  /** Ids of the examples embedded in the guideline text. */
  embedded: Set<string>
}

export const DraftDataContext = createContext<DraftData | null>(null)

export function useDraftData(): DraftData {
  const data = useContext(DraftDataContext)
  if (!data) throw new Error('useDraftData outside DraftDataContext')
  return data
}

/** Mod-z / Mod-Shift-z / Mod-y inside the panel or an example's widgets run the draft-wide undo. */
export function handleUndoKeys(event: React.KeyboardEvent, undo: DraftUndo): void {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return
  const key = event.key.toLowerCase()
  const target = event.target as HTMLElement
  if (target.isContentEditable) return
  if (key === 'z' && !event.shiftKey) undo.undo()
  else if ((key === 'z' && event.shiftKey) || key === 'y') undo.redo()
  else return
  event.preventDefault()
  event.stopPropagation()
}
