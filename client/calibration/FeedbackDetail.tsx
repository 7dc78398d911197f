/**
 * Feedback beyond "your answer / gold" for the new kinds: labels chosen vs gold with the Jaccard overlap;
 * gold and your spans overlaid on each text (missed and extra marked, gold notes listed); your verdict and
 * gold's side by side per step, and the first wrong step compared.
 */
import { textFields } from '../../shared/rubric/contentFields'
import { judge } from '../../shared/rubric/scoring'
import { isLabelSet, isSpanSet } from '../../shared/rubric/valueShapes'
import type { AnswerDetail, CriterionFeedback as SlotFeedback } from '../../shared/schema/calibration'
import type { Criterion, ExampleContent } from '../../shared/schema/rubric'
import { SpanMarker } from '../content/SpanMarker'
import { stepPreview } from './StepVerdictPanel'

const pct = (x: number) => `${Math.round(x * 100)}%`

/** The server's detail; recomputed with the same scoring code if a stored result lacks it. */
function detailOf(fb: SlotFeedback, criterion: Criterion, content: ExampleContent): AnswerDetail | null {
  return fb.detail ?? judge(criterion, fb.answer, fb.accepted, content).detail ?? null
}

export function FeedbackDetail({
  fb,
  criterion,
  content,
}: {
  fb: SlotFeedback
  criterion: Criterion
  content: ExampleContent
}) {
  const detail = detailOf(fb, criterion, content)
  if (!detail) return null
  if (detail.kind === 'multiLabel' && criterion.kind === 'multiLabel') {
    const mine = isLabelSet(fb.answer) ? fb.answer.labels : []
    const gold = fb.accepted[detail.accepted]
    const goldLabels = isLabelSet(gold) ? gold.labels : []
    return (
      <div className="feedback-detail__labels" data-testid="feedback-labels">
        {criterion.labels.map(({ value }) => {
          const inMine = mine.includes(value)
          const inGold = goldLabels.includes(value)
          if (!inMine && !inGold) return null
          const state = inMine && inGold ? 'both' : inGold ? 'missed' : 'extra'
          return (
            <span key={value} className={`label-chip label-chip--${state}`} data-state={state}>
              {value}
              <span className="label-chip__note">
                {state === 'both' ? ' ✓' : state === 'missed' ? ' — gold, you left it out' : ' — not in gold'}
              </span>
            </span>
          )
        })}
        <span className="muted">
          Overlap {pct(detail.jaccard)} (needed {pct(criterion.minJaccard)})
        </span>
      </div>
    )
  }
  if (detail.kind === 'span' && criterion.kind === 'span') {
    const gold = fb.accepted[detail.accepted]
    const goldSpans = isSpanSet(gold) ? gold.spans : []
    const mine = isSpanSet(fb.answer) ? fb.answer.spans : []
    const labels = criterion.labels.map((l) => l.value)
    const fields = textFields(content).filter(
      (f) => f.judged || goldSpans.some((s) => s.field === f.path) || mine.some((s) => s.field === f.path),
    )
    const shown = fields.filter(
      (f) => goldSpans.some((s) => s.field === f.path) || mine.some((s) => s.field === f.path),
    )
    return (
      <div className="feedback-detail__spans" data-testid="feedback-spans">
        <p className="muted">
          Span F1 {pct(detail.f1)} (needed {pct(criterion.minF1)}) · {detail.matched.length} matched ·{' '}
          {detail.missed.length} missed · {detail.extra.length} extra
        </p>
        {shown.length === 0 && <p className="muted">Neither you nor gold marked anything.</p>}
        {shown.map((field) => (
          <div key={field.path} className="feedback-detail__field">
            <span className="step__field-label">{field.label}</span>
            <SpanMarker
              text={field.text}
              field={field.path}
              spans={mine}
              gold={goldSpans}
              labels={labels}
              minOverlap={criterion.minOverlap}
              label={field.label}
            />
          </div>
        ))}
        {goldSpans.some((s) => s.note) && (
          <ul className="feedback-detail__notes">
            {goldSpans
              .filter((s) => s.note)
              .map((s) => (
                <li key={`${s.field}:${s.start}:${s.end}:${s.label}`}>
                  “
                  {textFields(content)
                    .find((f) => f.path === s.field)
                    ?.text.slice(s.start, s.end)}
                  ” — <strong>{s.label}</strong>: {s.note}
                </li>
              ))}
          </ul>
        )}
      </div>
    )
  }
  if (detail.kind === 'stepVerdict' && criterion.kind === 'stepVerdict') {
    const step = (n: number | null) => (n === null ? 'none' : `step ${n}`)
    return (
      <div className="feedback-detail__steps" data-testid="feedback-steps">
        {criterion.mode !== 'firstWrong' && (
          <>
            <table className="step-compare">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>Yours</th>
                  <th>Gold</th>
                </tr>
              </thead>
              <tbody>
                {detail.steps.map((row) => (
                  <tr
                    key={row.stepId}
                    className={row.agrees === false ? 'row--miss' : ''}
                    data-testid="step-compare-row"
                    data-agrees={row.agrees === null ? 'uncounted' : row.agrees}
                  >
                    <td title={stepPreview(content, row.stepId, 200)}>
                      {row.number}. <span className="muted">{stepPreview(content, row.stepId, 40)}</span>
                    </td>
                    <td data-label="Yours">
                      {row.agrees === null ? '' : row.agrees ? '✓ ' : '✗ '}
                      {row.answer ?? '—'}
                    </td>
                    <td data-label="Gold">{row.gold ?? <span className="muted">not judged</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {detail.stepAgreement !== null && (
              <p className="muted">
                {pct(detail.stepAgreement)} of steps agree (needed {pct(criterion.minStepAgreement)})
              </p>
            )}
          </>
        )}
        {detail.firstWrong && (
          <p data-testid="first-wrong-compare">
            First wrong step: yours <strong>{step(detail.firstWrong.answer)}</strong>, gold{' '}
            <strong>{step(detail.firstWrong.gold)}</strong> {detail.firstWrong.agrees ? '✓' : '✗'}
            {criterion.stepTolerance > 0 && (
              <span className="muted"> (±{criterion.stepTolerance} step counts)</span>
            )}
          </p>
        )}
      </div>
    )
  }
  return null
}
