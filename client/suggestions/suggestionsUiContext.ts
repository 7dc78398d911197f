/**
 * What the suggestion views share (the panel's cards and the "Suggest edit" affordance under rubric and
 * rationale fields): the documents, who I am, the suggestions, and whether I may decide or suggest.
 * Provided by the guideline editor once the comments document is open.
 */
import type { Editor } from '@tiptap/react'
import { createContext, useContext } from 'react'
import type { Person } from '../../shared/schema/comments'
import type { SuggestionView } from '../../shared/schema/suggestions'
import type { DecideHost } from './decide'

export interface SuggestionsUi extends DecideHost {
  editor: Editor
  people: Person[]
  suggestions: SuggestionView[]
  /** Owners and leads accept and reject. */
  mayDecide: boolean
  /** Reviewers (and leads in Suggesting mode) get "Suggest edit" on rubric and rationale fields. */
  maySuggest: boolean
}

export const SuggestionsUiContext = createContext<SuggestionsUi | null>(null)

/** The suggestion views' shared state (null where suggestions are not available). */
export function useSuggestionsUi(): SuggestionsUi | null {
  return useContext(SuggestionsUiContext)
}
