/**
 * Gold for a span criterion: pick one of the example's texts, choose a label and select text to mark a span;
 * each span gets an optional note (why it is marked) and can be removed. Stored as `{spans}` whose spans carry
 * anchors (Y.RelativePositions, shared/ydoc/spanAnchors.ts) so they follow later edits of the text.
 */
import { useEffect, useRef, useState } from 'react'
import { textFields } from '../../shared/rubric/contentFields'
import { isSpanSet } from '../../shared/rubric/valueShapes'
import type { ExampleContent, GoldValue, MarkedSpan } from '../../shared/schema/rubric'
import { createSpanAnchor } from '../../shared/ydoc/spanAnchors'
import { SpanMarker } from '../content/SpanMarker'
import { useDraftData } from '../rubric/draftContext'

interface SpanGoldProps {
  exampleId: string
  labels: string[]
  content: ExampleContent
  accepted: GoldValue[]
  editable: boolean
  write: (next: GoldValue[]) => void
}

function NoteInput({
  note,
  editable,
  onSave,
}: {
  note: string
  editable: boolean
  onSave: (note: string) => void
}) {
  const [draft, setDraft] = useState(note)
  const [editing, setEditing] = useState(false)
  return (
    <input
      className="text-input span-gold__note"
      aria-label="Why this span is marked"
      placeholder={editable ? 'Why (optional)' : ''}
      readOnly={!editable}
      maxLength={2000}
      value={editing ? draft : note}
      data-testid="gold-span-note"
      onFocus={() => {
        setDraft(note)
        setEditing(true)
      }}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={() => {
        setEditing(false)
        if (draft !== note) onSave(draft)
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur()
      }}
    />
  )
}

export function SpanGold({ exampleId, labels, content, accepted, editable, write }: SpanGoldProps) {
  const { doc } = useDraftData()
  const fields = textFields(content)
  const [chosen, setChosen] = useState<string | null>(null)
  const box = useRef<HTMLDivElement>(null)
  // The guideline's ProseMirror turns a mousedown inside the example block into a node selection, which
  // replaces the text selection that marks a span: mousedowns in this widget never reach it. A selection
  // reaching beyond the widget (ProseMirror's node selection of the whole block) is dropped first: pressing
  // inside it would start dragging the block's rendered text, which ProseMirror pastes into the guideline.
  useEffect(() => {
    const element = box.current
    if (!element) return
    const stop = (event: MouseEvent) => {
      event.stopPropagation()
      const selection = window.getSelection()
      if (
        selection &&
        !selection.isCollapsed &&
        !(element.contains(selection.anchorNode) && element.contains(selection.focusNode))
      )
        selection.removeAllRanges()
    }
    element.addEventListener('mousedown', stop)
    return () => element.removeEventListener('mousedown', stop)
  })
  const field = fields.find((f) => f.path === chosen) ?? fields.find((f) => f.judged && f.text) ?? fields[0]
  const set = accepted.find(isSpanSet)
  const spans: MarkedSpan[] = set?.spans ?? []
  const others = accepted.filter((value) => value !== set)
  /** Writes the spans, anchoring each at its current offsets (readers hand out offsets, not anchors). */
  const save = (next: MarkedSpan[]) => {
    const anchored = next.map((span) => {
      const anchor =
        span.end > span.start ? createSpanAnchor(doc, exampleId, span.field, span.start, span.end) : null
      const { field: path, start, end, label } = span
      return {
        field: path,
        start,
        end,
        label,
        ...(span.note ? { note: span.note } : {}),
        ...(anchor ? { anchor } : {}),
      }
    })
    write([{ spans: anchored } as GoldValue, ...others])
  }
  const labelOf = (path: string) => fields.find((f) => f.path === path)?.label ?? path
  const quote = (span: MarkedSpan) => {
    const text = fields.find((f) => f.path === span.field)?.text
    if (text === undefined) return '(text no longer exists)'
    if (span.end <= span.start || span.end > text.length) return '(marked text was deleted)'
    const piece = text.slice(span.start, span.end)
    return `“${piece.length > 80 ? `${piece.slice(0, 77)}…` : piece}”`
  }
  if (labels.length === 0) return <p className="muted small">Add labels to the criterion first.</p>
  if (!field) return <p className="muted small">The example has no text to mark yet.</p>
  return (
    // Focusable, so a press here focuses the widget, not the guideline (whose focus scrolls to its caret).
    <div className="span-gold" data-testid="gold-spans" ref={box} tabIndex={-1}>
      <label className="mini-field mini-field--inline">
        <span>Text</span>
        <select
          className="text-input"
          value={field.path}
          data-testid="gold-span-field"
          onChange={(event) => setChosen(event.target.value)}
        >
          {fields.map((f) => (
            <option key={f.path} value={f.path}>
              {f.label}
              {spans.some((s) => s.field === f.path)
                ? ` (${spans.filter((s) => s.field === f.path).length})`
                : ''}
            </option>
          ))}
        </select>
      </label>
      {field.text ? (
        <SpanMarker
          text={field.text}
          field={field.path}
          spans={spans}
          labels={labels}
          label={field.label}
          readOnly={!editable}
          onAdd={(span) => save([...spans, span])}
          onRemove={(index) => save(spans.filter((_, i) => i !== index))}
        />
      ) : (
        <p className="muted small">This text is empty.</p>
      )}
      {spans.length > 0 && (
        <ul className="span-gold__list" data-testid="gold-span-list">
          {spans.map((span, index) => (
            <li key={`${span.field}:${span.start}:${span.end}:${span.label}`} className="span-gold__item">
              <span className="span-gold__what">
                <strong>{span.label}</strong> in {labelOf(span.field)}:{' '}
                <span className="span-gold__quote">{quote(span)}</span>
              </span>
              <NoteInput
                note={span.note ?? ''}
                editable={editable}
                onSave={(note) => save(spans.map((s, i) => (i === index ? { ...s, note } : s)))}
              />
              {editable && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove the ${span.label} span`}
                  data-testid="gold-span-remove"
                  onClick={() => save(spans.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {set && spans.length === 0 && (
        <p className="muted small">Gold: nothing in this example should be marked.</p>
      )}
      {editable && !set && (
        <button
          type="button"
          className="button button--ghost button--small"
          data-testid="gold-span-none"
          onClick={() => write([{ spans: [] }, ...others])}
        >
          Nothing to mark
        </button>
      )}
    </div>
  )
}
