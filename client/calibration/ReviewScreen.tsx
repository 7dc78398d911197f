/** Before submitting: every example with its answers, unanswered items flagged, a jump back to each, and submit. */
import type { CriterionAnswer } from '../../shared/schema/calibration'
import type { Criterion } from '../../shared/schema/rubric'
import type { PublicExample } from '../../shared/schema/version'
import { describeAnswer, MISSING_TEXT, missingPart } from './answerState'

interface Props {
  examples: PublicExample[]
  criteria: Criterion[]
  answers: Record<string, Record<string, CriterionAnswer>>
  submitting: boolean
  error: string | null
  onEdit: (index: number) => void
  onSubmit: () => void
}

export function ReviewScreen({ examples, criteria, answers, submitting, error, onEdit, onSubmit }: Props) {
  const missingCount = examples.reduce(
    (n, e) => n + criteria.filter((c) => missingPart(c, answers[e.id]?.[c.id]) !== null).length,
    0,
  )
  return (
    <main className="review" data-testid="review">
      <header className="review__head">
        <h2>Review your answers</h2>
        <p className="muted">
          Once you submit, you'll see the gold answers and why — and you can no longer change yours.
        </p>
      </header>
      <ol className="review__list">
        {examples.map((example, i) => {
          const missing = criteria.filter((c) => missingPart(c, answers[example.id]?.[c.id]) !== null)
          return (
            <li
              key={example.id}
              className={`review__item${missing.length ? ' review__item--missing' : ''}`}
              data-testid="review-item"
            >
              <div className="review__item-head">
                <strong>
                  {i + 1}. {example.title}
                </strong>
                <button
                  type="button"
                  className="button button--ghost"
                  data-testid="review-edit"
                  onClick={() => onEdit(i)}
                >
                  {missing.length ? 'Answer' : 'Change'}
                </button>
              </div>
              <ul className="review__answers">
                {criteria.map((c) => {
                  const answer = answers[example.id]?.[c.id]
                  const part = missingPart(c, answer)
                  return (
                    <li key={c.id} data-missing={part !== null}>
                      <span className="review__criterion">{c.title}</span>{' '}
                      {part === 'value' ? (
                        <span className="flag" data-testid="review-missing">
                          {MISSING_TEXT.value}
                        </span>
                      ) : (
                        <>
                          <span>{describeAnswer(c, answer?.value)}</span>
                          {part && (
                            <span className="flag" data-testid="review-missing">
                              {MISSING_TEXT[part]}
                            </span>
                          )}
                        </>
                      )}
                    </li>
                  )
                })}
              </ul>
            </li>
          )
        })}
      </ol>
      <footer className="review__foot">
        {missingCount > 0 ? (
          <p className="form-error" data-testid="review-incomplete">
            {missingCount} {missingCount === 1 ? 'item needs' : 'items need'} an answer before you can submit.
          </p>
        ) : (
          <p className="muted">Everything is answered.</p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button
          type="button"
          className="button button--primary"
          data-testid="submit-attempt"
          disabled={missingCount > 0 || submitting}
          onClick={onSubmit}
        >
          {submitting ? 'Submitting…' : 'Submit answers'}
        </button>
      </footer>
    </main>
  )
}
