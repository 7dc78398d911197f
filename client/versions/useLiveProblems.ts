/** The draft's problems list (shared/rubric/problems), recomputed as the live document changes. */
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { findProblems, type Problem } from '../../shared/rubric/problems'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'

const DEBOUNCE_MS = 250

export function useLiveProblems(doc: Y.Doc | null): Problem[] {
  const [problems, setProblems] = useState<Problem[]>([])
  useEffect(() => {
    if (!doc) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const compute = () => {
      timer = null
      setProblems(findProblems(readRubricWithExamples(doc)))
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
  return problems
}
