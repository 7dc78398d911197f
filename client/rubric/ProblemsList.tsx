/**
 * The live checks of the rubric and examples; a click takes you to the criterion or example concerned, and a
 * problem with a one-click fix (shared/rubric/problemFixes.ts) shows a Fix button for those who may edit.
 */
import { useState } from 'react'
import type { Problem } from '../../shared/rubric/problems'
import { ProblemFixButton } from './ProblemFixButton'

function focusTarget(problem: Problem): void {
  const selector = problem.exampleId
    ? `[data-example-block="${problem.exampleId}"]`
    : problem.criterionId
      ? `[data-criterion-id="${problem.criterionId}"]`
      : '[data-testid="rubric-panel"]'
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) return
  element.scrollIntoView({ behavior: 'smooth', block: 'center' })
  element.classList.add('is-flashing')
  setTimeout(() => element.classList.remove('is-flashing'), 1200)
  const field =
    problem.exampleId && problem.criterionId
      ? element.querySelector<HTMLElement>(`[data-gold-criterion="${problem.criterionId}"] button`)
      : element.querySelector<HTMLElement>('input, textarea, button')
  field?.focus({ preventScroll: true })
}

export function ProblemsList({ problems }: { problems: Problem[] }) {
  const [open, setOpen] = useState(true)
  const errors = problems.filter((p) => p.severity === 'error').length
  return (
    <section className="problems" data-testid="problems" aria-label="Problems">
      <button type="button" className="problems__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span>Checks</span>
        <span
          className={`count-badge${errors ? ' is-error' : problems.length ? ' is-warning' : ' is-ok'}`}
          data-testid="problems-count"
        >
          {problems.length}
        </span>
        <span className="problems__chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
      </button>
      {open &&
        (problems.length === 0 ? (
          <p className="problems__ok" data-testid="problems-none">
            ✓ No problems: every criterion is complete and every example has gold.
          </p>
        ) : (
          <ul className="problems__list">
            {problems.map((problem) => (
              <li
                key={`${problem.code}:${problem.criterionId ?? ''}:${problem.exampleId ?? ''}:${problem.message}`}
              >
                <button
                  type="button"
                  className={`problem is-${problem.severity}`}
                  data-testid="problem"
                  data-code={problem.code}
                  onClick={() => focusTarget(problem)}
                >
                  <span className="problem__icon" aria-hidden="true">
                    {problem.severity === 'error' ? '●' : '▲'}
                  </span>
                  {problem.message}
                </button>
                <ProblemFixButton problem={problem} />
              </li>
            ))}
          </ul>
        ))}
    </section>
  )
}
