/**
 * Where every thread points right now: the current text of a text anchor (re-resolved when the draft
 * changes, at most every animation frame) or the criterion / example it is about; "detached" when that
 * text, criterion or example is gone.
 */
import { useMemo } from 'react'
import type * as Y from 'yjs'
import type { ThreadView } from '../../shared/schema/comments'
import { createAnchorResolver } from '../../shared/ydoc/commentAnchors'
import { useDraftData } from '../rubric/draftContext'
import { useDraftTick } from '../sync/useDraftTick'

export interface AnchorState {
  detached: boolean
  /** The anchored text now, or the criterion / example title. */
  label: string
}

export function useAnchorStates(draft: Y.Doc, threads: ThreadView[]): Map<string, AnchorState> {
  const tick = useDraftTick(draft)
  const { rubric, examples } = useDraftData()
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick stands for the draft's content
  return useMemo(() => {
    const resolve = createAnchorResolver(draft)
    const states = new Map<string, AnchorState>()
    for (const thread of threads) {
      const anchor = thread.anchor
      if (anchor.kind === 'text') {
        const resolved = resolve(anchor)
        states.set(
          thread.id,
          resolved.state === 'attached'
            ? { detached: false, label: resolved.text }
            : { detached: true, label: anchor.quote },
        )
      } else if (anchor.kind === 'criterion') {
        const criterion = rubric.criteria.find((c) => c.id === anchor.criterionId)
        states.set(thread.id, { detached: !criterion, label: criterion?.title || anchor.label })
      } else {
        const example = examples.find((e) => e.id === anchor.exampleId)
        states.set(thread.id, { detached: !example, label: example?.title || anchor.label })
      }
    }
    return states
  }, [draft, threads, rubric, examples, tick])
}
