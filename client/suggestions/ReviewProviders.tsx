/** Provides both review contexts of the guideline editor: comment threads and suggested edits. */
import type { ReactNode } from 'react'
import { CommentsContext, type CommentsUi } from '../comments/commentsContext'
import { type SuggestionsUi, SuggestionsUiContext } from './suggestionsUiContext'

export function ReviewProviders(props: {
  comments: CommentsUi | null
  suggestions: SuggestionsUi | null
  children: ReactNode
}) {
  return (
    <CommentsContext.Provider value={props.comments}>
      <SuggestionsUiContext.Provider value={props.suggestions}>
        {props.children}
      </SuggestionsUiContext.Provider>
    </CommentsContext.Provider>
  )
}
