/**
 * The suggestion state of one open guideline editor: the suggestions read from the comments document, who
 * may decide (owners and leads: those who may edit the draft) and who gets "Suggest edit" on fields
 * (reviewers, and leads in Suggesting mode). Null until the comments document is open.
 */
import type { Editor } from '@tiptap/react'
import { useMemo } from 'react'
import type * as Y from 'yjs'
import type { Person } from '../../shared/schema/comments'
import type { CommentsData } from '../comments/useComments'
import type { SuggestionsUi } from './suggestionsUiContext'
import { useSuggestions } from './useSuggestions'

export function useSuggestionsUiState(options: {
  projectId: string
  data: CommentsData | null
  draft: Y.Doc
  me: Person
  editor: Editor
  /** Whether I may edit the draft (owner or lead). */
  editable: boolean
  /** Whether the guideline editor is in Suggesting mode. */
  suggesting: boolean
}): SuggestionsUi | null {
  const { projectId, data, draft, me, editor, editable, suggesting } = options
  const comments = data?.connection.doc ?? null
  const suggestions = useSuggestions(comments)
  const people = data?.people
  return useMemo(() => {
    if (!comments || !people) return null
    return {
      projectId,
      comments,
      draft,
      me,
      editor,
      people,
      suggestions,
      mayDecide: editable,
      maySuggest: !editable || suggesting,
    }
  }, [projectId, comments, draft, me, editor, people, suggestions, editable, suggesting])
}
