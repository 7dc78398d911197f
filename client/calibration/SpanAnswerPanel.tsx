/**
 * The card part of a span question: the label picker (select text in the content above, or select and
 * press a label), the spans marked so far with a way to remove each, and "nothing to mark".
 */
import { textFields } from '../../shared/rubric/contentFields'
import { isSpanSet } from '../../shared/rubric/valueShapes'
import type { Criterion, ExampleContent, GoldValue } from '../../shared/schema/rubric'
import { spanFromSelection } from '../content/SpanMarker'
import { labelColour } from '../content/spanSegments'
import { addSpan, removeSpan, spansOf } from './answerValues'

type SpanCriterion = Extract<Criterion, { kind: 'span' }>

export function SpanAnswerPanel({
  criterion,
  content,
  value,
  set,
  marking,
}: {
  criterion: SpanCriterion
  content: ExampleContent
  value: GoldValue | null
  set: (v: GoldValue | null) => void
  marking?: { active: boolean; label: string; onPick: (label: string) => void }
}) {
  const labels = criterion.labels.map((l) => l.value)
  const spans = spansOf(value)
  const fields = textFields(content)
  const nothing = isSpanSet(value) && spans.length === 0
  return (
    <div className="span-panel">
      <div className="span-marker__labels" role="toolbar" aria-label={`${criterion.title}: labels`}>
        {criterion.labels.map((label) => (
          <button
            key={label.value}
            type="button"
            className="span-label"
            data-testid="span-label"
            aria-pressed={marking?.active === true && marking.label === label.value}
            title={label.description || undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              marking?.onPick(label.value)
              const span = spanFromSelection(label.value)
              if (span) set(addSpan(value, span))
            }}
          >
            <span className="span-label__swatch" style={{ background: labelColour(labels, label.value) }} />
            {label.value}
          </button>
        ))}
      </div>
      <p className="span-marker__hint">
        {marking?.active
          ? `Select text in the example above to mark it as “${marking.label}”; click a mark to remove it.`
          : 'Press a label to mark text in the example above for this question.'}
      </p>
      {spans.length > 0 && (
        <ul className="span-panel__list" data-testid="marked-spans">
          {spans.map((span, i) => (
            <li key={`${span.field}:${span.start}:${span.end}:${span.label}`}>
              <span className="span-label__swatch" style={{ background: labelColour(labels, span.label) }} />
              <span className="span-panel__quote">
                “{fields.find((f) => f.path === span.field)?.text.slice(span.start, span.end) ?? ''}”
              </span>{' '}
              <span className="muted">
                {span.label} · {fields.find((f) => f.path === span.field)?.label ?? span.field}
              </span>
              <button
                type="button"
                className="button button--ghost span-panel__remove"
                aria-label={`Remove span ${i + 1}`}
                onClick={() => set(removeSpan(value, i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label className="check check--none">
        <input
          type="checkbox"
          data-testid="span-none"
          checked={nothing}
          disabled={spans.length > 0}
          onChange={(e) => set(e.target.checked ? { spans: [] } : null)}
        />
        <span>Nothing to mark</span>
      </label>
    </div>
  )
}
