/**
 * Taking a calibration attempt: one example at a time ("3 / 12"), the example's content and a widget per
 * question slot (a criterion, or a criterion for response A or B; spans and step verdicts are answered in
 * the content itself), the guideline open beside it at the example's section, answers saved as they go, and a review
 * screen (unanswered items flagged, jump back) before submitting.
 */
import { useState } from 'react'
import { questionSlots } from '../../shared/rubric/taskTypes'
import type { AttemptResult, AttemptView } from '../../shared/schema/calibration'
import type { VersionJson } from '../../shared/schema/version'
import { submitAttempt } from '../api/calibration'
import { ApiRequestError, errorMessage } from '../api/http'
import { ContentView } from '../content/ContentView'
import { missingPart } from './answerState'
import { CriterionInput } from './CriterionInput'
import { GuidelinePane, scrollPaneTo } from './GuidelinePane'
import { ReviewScreen } from './ReviewScreen'
import { SaveIndicator } from './SaveIndicator'
import { useAnswerSaver } from './useAnswerSaver'
import { useContentAnswering } from './useContentAnswering'

interface Props {
  projectId: string
  attempt: AttemptView
  version: VersionJson
  onSubmitted: (result: AttemptResult) => void
}

export function AttemptRunner({ projectId, attempt, version, onSubmitted }: Props) {
  const { answers, setAnswer, save, saveNow, forget } = useAnswerSaver(projectId, attempt.id, attempt.answers)
  const [index, setIndex] = useState(0)
  const [reviewing, setReviewing] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<string | null>(null)
  const rubric = version.rubric
  const examples = attempt.examples
  const example = examples[index]
  const complete = (e: (typeof examples)[number]) =>
    questionSlots(rubric, e).every((slot) => missingPart(slot.criterion, answers[e.id]?.[slot.key]) === null)
  const slots = example ? questionSlots(rubric, example) : []
  const answering = useContentAnswering(
    example?.id ?? '',
    example?.content ?? { kind: 'free', body: '' },
    slots,
    example ? answers[example.id] : undefined,
    (key, value) => {
      if (!example) return
      const rationale = answers[example.id]?.[key]?.rationale
      setAnswer(example.id, key, { value, ...(rationale !== undefined ? { rationale } : {}) })
    },
  )
  const sections = version.guideline.sections
  const section = example?.sectionId ? sections.find((s) => s.id === example.sectionId) : undefined

  const submit = async () => {
    setSubmitting(true)
    setSubmitError(null)
    try {
      if (!(await saveNow()))
        throw new ApiRequestError('Your latest answers are not saved yet; try again.', 0, 'unsaved')
      const result = await submitAttempt(projectId, attempt.id)
      forget()
      onSubmitted(result)
    } catch (error) {
      setSubmitError(errorMessage(error))
      setSubmitting(false)
    }
  }

  const head = (
    <div className="runner__bar">
      <div className="runner__progress" data-testid="runner-progress">
        {reviewing ? 'Review' : `${index + 1} / ${examples.length}`}
        <span className="runner__track" aria-hidden="true">
          {examples.map((e, i) => (
            <button
              type="button"
              key={e.id}
              className={`runner__dot${complete(e) ? ' runner__dot--done' : ''}${i === index && !reviewing ? ' runner__dot--current' : ''}`}
              title={`${i + 1}. ${e.title}`}
              tabIndex={-1}
              onClick={() => {
                setReviewing(false)
                setIndex(i)
              }}
            />
          ))}
        </span>
      </div>
      <SaveIndicator state={save} />
    </div>
  )

  if (reviewing || !example) {
    return (
      <div className="runner">
        {head}
        <ReviewScreen
          examples={examples}
          rubric={rubric}
          answers={answers}
          submitting={submitting}
          error={submitError}
          onEdit={(i) => {
            setIndex(i)
            setReviewing(false)
          }}
          onSubmit={submit}
        />
      </div>
    )
  }

  return (
    <div className="runner">
      {head}
      <div className="runner__split">
        <main
          className="runner__main"
          data-testid="runner"
          data-example-id={example.id}
          data-section-id={example.sectionId ?? undefined}
        >
          <div className="runner__example-head">
            <h2 className="runner__title" data-testid="example-title">
              {example.title}
            </h2>
            {attempt.seenBefore.includes(example.id) && (
              <span
                className="seen-before"
                data-testid="seen-before"
                title="You saw this item's gold in an earlier attempt, so it does not count toward your score."
              >
                Seen before — not scored
              </span>
            )}
            {attempt.showSectionHint && section && (
              <button
                type="button"
                className="link-button"
                data-testid="read-section"
                onClick={() =>
                  scrollPaneTo(document.querySelector('[data-testid="guideline-pane"]'), section.id)
                }
              >
                Read: {section.title}
              </button>
            )}
          </div>
          <ContentView
            content={example.content}
            projectId={projectId}
            renderText={answering.renderText}
            stepAside={answering.stepAside}
          />
          <div className="runner__criteria">
            {slots.length === 0 && (
              <p className="notice" data-testid="no-questions">
                No question of the rubric applies to this item; go on to the next one.
              </p>
            )}
            {slots.map((slot) => (
              <CriterionInput
                key={`${example.id}:${slot.key}`}
                slot={slot}
                content={example.content}
                answer={answers[example.id]?.[slot.key]}
                onChange={(answer) => setAnswer(example.id, slot.key, answer)}
                marking={answering.markingFor(slot)}
              />
            ))}
          </div>
          <div className="runner__nav">
            <button
              type="button"
              className="button button--secondary"
              data-testid="prev-example"
              disabled={index === 0}
              onClick={() => setIndex(index - 1)}
            >
              ← Previous
            </button>
            {index < examples.length - 1 ? (
              <button
                type="button"
                className="button button--primary"
                data-testid="next-example"
                onClick={() => setIndex(index + 1)}
              >
                Next example →
              </button>
            ) : (
              <button
                type="button"
                className="button button--primary"
                data-testid="go-review"
                onClick={() => setReviewing(true)}
              >
                Review answers →
              </button>
            )}
          </div>
        </main>
        <GuidelinePane
          html={version.guideline.html}
          sectionId={example.sectionId}
          version={version.version}
        />
      </div>
    </div>
  )
}
