/** A React counter that changes (once per animation frame at most) whenever a Y.Doc does. */
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

export function useDraftTick(draft: Y.Doc): number {
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let frame: number | null = null
    const onUpdate = () => {
      if (frame === null)
        frame = requestAnimationFrame(() => {
          frame = null
          setTick((t) => t + 1)
        })
    }
    draft.on('update', onUpdate)
    return () => {
      draft.off('update', onUpdate)
      if (frame !== null) cancelAnimationFrame(frame)
    }
  }, [draft])
  return tick
}
