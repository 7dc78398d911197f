/**
 * What the guideline editor tells other views about suggestions (provided by GuidelineEditor): whether you are
 * Editing or Suggesting, whether you may switch, and which suggestion is active — drawn stronger in the text,
 * set by clicking a suggestion there, and settable by a suggestions panel with `activateSuggestion`.
 */
import { createContext, useContext } from 'react'
import type { EditorMode } from './suggestingMode'

export interface SuggestingUi {
  mode: EditorMode
  /** Owners and leads may switch between Editing and Suggesting; reviewers always suggest. */
  canEdit: boolean
  setMode(mode: EditorMode): void
  /** The suggestion highlighted in the editor (clicked there, or chosen in a panel). */
  activeSuggestionId: string | null
  /** Highlights a suggestion in the editor, or none with null. */
  activateSuggestion(id: string | null): void
  /** The latest sentence about an edit that could not be suggested (cleared after a few seconds). */
  notice: string | null
}

export const SuggestingContext = createContext<SuggestingUi | null>(null)

/** The editor's suggesting state (null outside the guideline editor). */
export function useSuggestingUi(): SuggestingUi | null {
  return useContext(SuggestingContext)
}
