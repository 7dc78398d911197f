/** The draft's calibration pool (shared/rubric/calibrationPool), recomputed as the live document changes. */
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { calibrationPool, summarizePool } from '../../shared/rubric/calibrationPool'
import type { PoolSummary } from '../../shared/schema/poolSummary'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'

const DEBOUNCE_MS = 250

export function useLivePool(doc: Y.Doc | null): PoolSummary | null {
  const [pool, setPool] = useState<PoolSummary | null>(null)
  useEffect(() => {
    if (!doc) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const compute = () => {
      timer = null
      setPool(summarizePool(calibrationPool(readRubricWithExamples(doc))))
    }
    const onUpdate = () => {
      if (timer === null) timer = setTimeout(compute, DEBOUNCE_MS)
    }
    compute()
    doc.on('update', onUpdate)
    return () => {
      doc.off('update', onUpdate)
      if (timer !== null) clearTimeout(timer)
    }
  }, [doc])
  return pool
}
