/**
 * React hook reading the suggestions out of the project's comments document (the one the editor already
 * opened for comment threads), re-read whenever that document changes — locally, from peers or offline.
 */
import { useMemo, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import type { SuggestionView } from '../../shared/schema/suggestions'
import { readSuggestions } from '../../shared/ydoc/suggestionsDoc'

const versions = new WeakMap<Y.Doc, number>()
const NONE: SuggestionView[] = []

export function useSuggestions(comments: Y.Doc | null): SuggestionView[] {
  const version = useSyncExternalStore(
    (listener) => {
      if (!comments) return () => {}
      const onUpdate = () => {
        versions.set(comments, (versions.get(comments) ?? 0) + 1)
        listener()
      }
      comments.on('update', onUpdate)
      return () => comments.off('update', onUpdate)
    },
    () => (comments ? (versions.get(comments) ?? 0) : -1),
  )
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the document's content
  return useMemo(() => (comments ? readSuggestions(comments) : NONE), [comments, version])
}
