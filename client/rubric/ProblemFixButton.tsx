/** The one-click fix of a problem in the Checks list, written as one local undoable edit; editors only. */
import { fixFor } from '../../shared/rubric/problemFixes'
import type { Problem } from '../../shared/rubric/problems'
import { writeLocal } from '../sync/localOrigin'
import { useDraftData } from './draftContext'

export function ProblemFixButton({ problem }: { problem: Problem }) {
  const { doc, editable } = useDraftData()
  const fix = editable ? fixFor(doc, problem) : null
  if (!fix) return null
  return (
    <button
      type="button"
      className="button button--secondary button--small problem__fix"
      data-testid="problem-fix"
      data-code={problem.code}
      onClick={() => writeLocal(doc, () => fix.apply(doc))}
    >
      Fix: {fix.label}
    </button>
  )
}
