/**
 * After submitting: the score against the pass threshold, a per-criterion summary, and per example and
 * question slot the annotator's answer beside gold with the gold rationales (spans overlaid on the text,
 * step verdicts side by side), the item itself on request, a link to the guideline section, and a way to
 * dispute a gold value.
 */
import { Fragment } from 'react'
import { slotCriterionId, slotTitle } from '../../shared/rubric/taskTypes'
import type {
  AttemptResult,
  Dispute,
  CriterionFeedback as SlotFeedback,
} from '../../shared/schema/calibration'
import type { PublicExample, VersionJson } from '../../shared/schema/version'
import { Link } from '../app/Link'
import { versionPath } from '../app/router'
import { ContentView } from '../content/ContentView'
import { describeAnswer } from './answerState'
import { DisputeBox } from './DisputeBox'
import { FeedbackDetail } from './FeedbackDetail'

interface Props {
  projectId: string
  result: AttemptResult
  version: VersionJson
  /** The attempt's items (their content), which the annotator's version JSON leaves out when held out. */
  examples: PublicExample[]
  disputes: Dispute[]
  onDisputed: (dispute: Dispute) => void
  retake: React.ReactNode
}

export const percent = (x: number) => `${Math.round(x * 100)}%`

export function FeedbackView({ projectId, result, version, examples, disputes, onDisputed, retake }: Props) {
  const criteria = new Map(version.rubric.criteria.map((c) => [c.id, c]))
  const sections = new Map(version.guideline.sections.map((s) => [s.id, s.title]))
  const contents = new Map([...version.examples, ...examples].map((e) => [e.id, e.content]))
  return (
    <main className="feedback" data-testid="feedback">
      <section
        className={`feedback__score feedback__score--${result.passed ? 'passed' : 'failed'}`}
        data-testid="feedback-score"
      >
        <div>
          <div className="feedback__verdict" data-testid="feedback-verdict">
            {result.passed ? '✓ Passed' : '✗ Not passed yet'}
          </div>
          <div className="feedback__number">
            Your score <strong>{percent(result.score)}</strong> · needed {percent(result.passThreshold)} ·
            version {result.version}
          </div>
          {result.belowMinimum && result.belowMinimum.length > 0 && (
            <div className="feedback__number" data-testid="feedback-below-minimum">
              Below the minimum agreement required for:{' '}
              {result.belowMinimum
                .map((id) => result.perCriterion.find((c) => c.criterionId === id)?.title ?? id)
                .join(', ')}
            </div>
          )}
        </div>
        <div className="feedback__retake">{retake}</div>
      </section>

      <section className="feedback__summary">
        <h2>Agreement with gold, per criterion</h2>
        <table className="data-table" data-testid="feedback-criteria">
          <thead>
            <tr>
              <th>Criterion</th>
              <th>Agreed</th>
              <th>Share</th>
            </tr>
          </thead>
          <tbody>
            {result.perCriterion.map((c) => (
              <tr key={c.criterionId}>
                <td>{c.title}</td>
                <td>
                  {c.agreed} of {c.total}
                </td>
                <td>
                  {c.agreement === null ? (
                    <span className="muted">not scored</span>
                  ) : (
                    <>
                      <span className="meter" aria-hidden="true">
                        <span style={{ width: percent(c.agreement) }} />
                      </span>{' '}
                      {percent(c.agreement)}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <h2>Example by example</h2>
      {[...result.examples]
        .sort(
          (a, b) => b.criteria.filter((c) => !c.agrees).length - a.criteria.filter((c) => !c.agrees).length,
        )
        .map((example) => {
          const misses = example.criteria.filter((c) => !c.agrees).length
          const content = contents.get(example.exampleId)
          return (
            <article key={example.exampleId} className="feedback-example" data-testid="feedback-example">
              <header className="feedback-example__head">
                <h3>{example.title}</h3>
                {example.seenBefore && (
                  <span className="seen-before" data-testid="seen-before">
                    Seen before — not scored
                  </span>
                )}
                <span className={misses ? 'pill pill--miss' : 'pill pill--ok'}>
                  {misses ? `${misses} to revisit` : 'All agree'}
                </span>
                {example.sectionId && (
                  <Link
                    className="feedback-example__section"
                    href={`${versionPath(projectId, result.version)}#${encodeURIComponent(example.sectionId)}`}
                  >
                    Read: {sections.get(example.sectionId) ?? 'the guideline section'}
                  </Link>
                )}
              </header>
              {example.goldRationale && (
                <p className="feedback-example__rationale" data-testid="gold-rationale">
                  <strong>Why (gold):</strong> {example.goldRationale}
                </p>
              )}
              {content && (
                <details className="feedback-example__item">
                  <summary>Show the item</summary>
                  <ContentView content={content} compact projectId={projectId} />
                </details>
              )}
              <table className="data-table feedback-example__table">
                <thead>
                  <tr>
                    <th>Criterion</th>
                    <th>Your answer</th>
                    <th>Gold</th>
                    <th>Why</th>
                  </tr>
                </thead>
                <tbody>
                  {example.criteria.map((row) => {
                    const fb = row as SlotFeedback
                    const key = fb.slotKey ?? fb.criterionId
                    const criterion = criteria.get(slotCriterionId(key)) ?? criteria.get(fb.criterionId)
                    const target = fb.target ?? (/@([AB])$/.exec(key)?.[1] as 'A' | 'B' | undefined) ?? null
                    const title = criterion ? slotTitle({ criterion, target }, content) : fb.criterionId
                    const gold = criterion
                      ? fb.accepted.map((v) => describeAnswer(criterion, v, content)).join(' or ')
                      : ''
                    const detail = criterion && content && (
                      <FeedbackDetail fb={fb} criterion={criterion} content={content} />
                    )
                    const hasDetail =
                      criterion !== undefined &&
                      (criterion.kind === 'span' ||
                        criterion.kind === 'stepVerdict' ||
                        criterion.kind === 'multiLabel')
                    return (
                      <Fragment key={key}>
                        <tr
                          className={fb.agrees ? '' : 'row--miss'}
                          data-testid="feedback-row"
                          data-agrees={fb.agrees}
                          data-slot-key={key}
                        >
                          <td data-label="Criterion">{title}</td>
                          <td data-label="Your answer">
                            <span className={fb.agrees ? 'verdict verdict--ok' : 'verdict verdict--miss'}>
                              {fb.agrees ? '✓' : '✗'}
                            </span>{' '}
                            {criterion ? describeAnswer(criterion, fb.answer, content) : String(fb.answer)}
                            {fb.rationale && (
                              <div className="muted feedback__your-rationale">“{fb.rationale}”</div>
                            )}
                          </td>
                          <td data-label="Gold">{gold}</td>
                          <td data-label="Why">
                            {fb.goldRationale || <span className="muted">—</span>}
                            <DisputeBox
                              projectId={projectId}
                              attemptId={result.attemptId}
                              exampleId={example.exampleId}
                              criterionId={key}
                              disputes={disputes}
                              onCreated={onDisputed}
                            />
                          </td>
                        </tr>
                        {hasDetail && detail && (
                          <tr className="feedback-detail-row" data-testid="feedback-detail">
                            <td className="feedback-detail" colSpan={4}>
                              {detail}
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    )
                  })}
                </tbody>
              </table>
            </article>
          )
        })}
    </main>
  )
}
