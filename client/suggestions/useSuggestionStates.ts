/**
 * Where every suggestion stands against the live draft: current (its original text is still there) or
 * outdated (with the text there now), and for guideline ones the section it sits in. Re-resolved when the
 * draft changes, at most once per animation frame.
 */
import { useMemo } from 'react'
import type * as Y from 'yjs'
import type { SuggestionView } from '../../shared/schema/suggestions'
import { resolveSuggestion } from '../../shared/ydoc/suggestionAnchors'
import { useDraftTick } from '../sync/useDraftTick'
import { contextAround, plainOf } from './contextAround'
import { guidelineSectionOf, type SectionRef } from './suggestionSection'

export interface SuggestionState {
  outdated: boolean
  /** The anchored text now (outdated only; null when it is gone). */
  current: string | null
  /** A few words either side of the change (current ones only), so an insertion shows where it goes. */
  context: { before: string; after: string } | null
  section: SectionRef | null
}

export function suggestionState(draft: Y.Doc, suggestion: SuggestionView): SuggestionState {
  const section = guidelineSectionOf(draft, suggestion)
  if (suggestion.status !== 'open') return { outdated: false, current: null, context: null, section }
  const resolved = resolveSuggestion(draft, suggestion)
  return resolved.state === 'current'
    ? {
        outdated: false,
        current: null,
        context: contextAround(plainOf(resolved.text), resolved.from, resolved.to),
        section,
      }
    : { outdated: true, current: resolved.current, context: null, section }
}

export function useSuggestionStates(
  draft: Y.Doc,
  suggestions: SuggestionView[],
): Map<string, SuggestionState> {
  const tick = useDraftTick(draft)
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick stands for the draft's content
  return useMemo(
    () => new Map(suggestions.map((s) => [s.id, suggestionState(draft, s)])),
    [draft, suggestions, tick],
  )
}
