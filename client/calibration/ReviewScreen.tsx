/** Before submitting: every example with its answers, unanswered items flagged, a jump back to each, and submit. */
import { questionSlots, slotTitle } from '../../shared/rubric/taskTypes'
import type { CriterionAnswer } from '../../shared/schema/calibration'
import type { Rubric } from '../../shared/schema/rubric'
import type { PublicExample } from '../../shared/schema/version'
import { describeAnswer, MISSING_TEXT, missingPart } from './answerState'

interface Props {
  examples: PublicExample[]
  rubric: Rubric
  answers: Record<string, Record<string, CriterionAnswer>>
  submitting: boolean
  error: string | null
  onEdit: (index: number) => void
  onSubmit: () => void
}

export function ReviewScreen({ examples, rubric, answers, submitting, error, onEdit, onSubmit }: Props) {
  const missingCount = examples.reduce(
    (n, e) =>
      n +
      questionSlots(rubric, e).filter((s) => missingPart(s.criterion, answers[e.id]?.[s.key]) !== null)
        .length,
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
          const slots = questionSlots(rubric, example)
          const missing = slots.filter((s) => missingPart(s.criterion, answers[example.id]?.[s.key]) !== null)
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
                {slots.map((slot) => {
                  const c = slot.criterion
                  const answer = answers[example.id]?.[slot.key]
                  const part = missingPart(c, answer)
                  return (
                    <li key={slot.key} data-missing={part !== null}>
                      <span className="review__criterion">{slotTitle(slot, example.content)}</span>{' '}
                      {part === 'value' ? (
                        <span className="flag" data-testid="review-missing">
                          {MISSING_TEXT.value}
                        </span>
                      ) : (
                        <>
                          <span>{describeAnswer(c, answer?.value, example.content)}</span>
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
