/**
 * One text with marked spans highlighted (a colour per label, with a legend). Marking: select text with the
 * mouse, or select it any way and press a label button, and `onAdd` receives {field, start, end, label} with
 * offsets into THIS plain text; clicking a highlighted span (or Enter/Delete on it) calls `onRemove` with the
 * span's index in `spans`. With `gold`, it shows the comparison instead (feedback): gold spans underlined,
 * `spans` (the rater's) as backgrounds, gold the rater missed with a wavy red underline and rater spans
 * that match no gold in a dashed box. Used by the rater's span input, the feedback and the lead's gold widget.
 */
import { useMemo, useRef, useState } from 'react'
import { matchSpans } from '../../shared/rubric/spanMatch'
import type { MarkedSpan } from '../../shared/schema/rubric'
import { labelColour, spanSegments } from './spanSegments'
import '../styles/content.css'

export interface SpanMarkerProps {
  /** The plain text (offsets index into it). */
  text: string
  /** Its text path (`response`, `turns.<id>`…); only spans with this field are drawn. */
  field: string
  /** The spans shown; indexes passed to `onRemove` refer to this list. */
  spans: readonly MarkedSpan[]
  /** The criterion's labels, in order (their order sets the colours). */
  labels: readonly string[]
  onAdd?: (span: MarkedSpan) => void
  onRemove?: (index: number) => void
  readOnly?: boolean
  /** Comparison mode: these gold spans over `spans`; read-only. */
  gold?: readonly MarkedSpan[]
  /** Overlap needed for a span to match gold (comparison mode), default 0.5. */
  minOverlap?: number
  /** Accessible name of the text, e.g. "Response A". */
  label?: string
  /**
   * The label new spans get, chosen outside (e.g. one picker for all texts of an example): hides this
   * marker's own label buttons. Pair with `spanFromSelection` for "select, then press a label".
   */
  activeLabel?: string
}

/** The character offset of a DOM position inside `root`, counted in its text. */
function offsetIn(root: Node, node: Node, offset: number): number {
  const range = document.createRange()
  range.setStart(root, 0)
  range.setEnd(node, offset)
  return range.toString().length
}

/** The selection as offsets into the text of `root`, or null when nothing inside it is selected. */
function selectedRange(root: HTMLElement): { start: number; end: number } | null {
  const selection = window.getSelection()
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null
  const start = offsetIn(root, range.startContainer, range.startOffset)
  const end = offsetIn(root, range.endContainer, range.endOffset)
  return end > start ? { start, end } : null
}

const TEXT_SELECTOR = '.span-marker__text[data-field]:not([data-readonly])'

/**
 * The current selection as a span with `label`, when it lies inside one editable SpanMarker text (for label
 * buttons outside the marker: press them with `onMouseDown={e => e.preventDefault()}` to keep the selection).
 */
export function spanFromSelection(label: string): MarkedSpan | null {
  const selection = window.getSelection()
  if (!selection || selection.rangeCount === 0) return null
  const range = selection.getRangeAt(0)
  const element = (node: Node) => (node instanceof Element ? node : node.parentElement)
  const root = element(range.startContainer)?.closest<HTMLElement>(TEXT_SELECTOR)
  if (!root?.contains(range.endContainer)) return null
  const offsets = selectedRange(root)
  const field = root.dataset.field
  if (!offsets || !field) return null
  window.getSelection()?.removeAllRanges()
  return { field, ...offsets, label }
}

export function SpanMarker(props: SpanMarkerProps) {
  const { text, field, spans, labels, onAdd, onRemove, gold, minOverlap = 0.5 } = props
  const readOnly = props.readOnly || gold !== undefined || !onAdd
  const root = useRef<HTMLElement>(null)
  const [current, setCurrent] = useState(labels[0] ?? '')
  const label = props.activeLabel ?? (labels.includes(current) ? current : (labels[0] ?? ''))

  const mine = useMemo(
    () => spans.map((s, index) => ({ ...s, index })).filter((s) => s.field === field),
    [spans, field],
  )
  const golds = useMemo(() => (gold ?? []).filter((s) => s.field === field), [gold, field])
  const match = useMemo(
    () => (gold ? matchSpans(mine, golds, minOverlap) : null),
    [gold, golds, mine, minOverlap],
  )
  const segments = useMemo(() => spanSegments(text.length, [...mine, ...golds]), [text, mine, golds])

  const add = (withLabel: string) => {
    if (readOnly || !root.current) return
    const range = selectedRange(root.current)
    if (!range) return
    onAdd?.({ field, start: range.start, end: range.end, label: withLabel })
    window.getSelection()?.removeAllRanges()
  }

  const remove = (index: number | undefined) => {
    if (readOnly || index === undefined) return
    if (!window.getSelection()?.isCollapsed) return
    onRemove?.(index)
  }

  return (
    <div className={`span-marker${readOnly ? ' span-marker--readonly' : ''}`} data-testid="span-marker">
      {!readOnly && props.activeLabel === undefined && labels.length > 0 && (
        <div className="span-marker__labels" role="toolbar" aria-label="Span labels">
          {labels.map((l) => (
            <button
              key={l}
              type="button"
              className="span-label"
              aria-pressed={l === label}
              data-testid="span-label"
              // Keep the text selection when the button is pressed.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setCurrent(l)
                add(l)
              }}
            >
              <span className="span-label__swatch" style={{ background: labelColour(labels, l) }} />
              {l}
            </button>
          ))}
        </div>
      )}
      <section
        ref={root}
        className="span-marker__text"
        data-testid="span-text"
        data-field={field}
        data-readonly={readOnly ? '' : undefined}
        aria-label={props.label}
        onMouseUp={() => add(label)}
      >
        {segments.map((segment) => {
          const piece = text.slice(segment.start, segment.end)
          if (segment.covering.length === 0) return piece
          const raterHere = segment.covering.filter((i) => i < mine.length).map((i) => mine[i]!)
          const goldHere = segment.covering.filter((i) => i >= mine.length).map((i) => i - mine.length)
          const top = raterHere.at(-1)
          const classes = ['span-seg']
          if (goldHere.length) classes.push('span-seg--gold')
          if (match && goldHere.some((g) => match.missed.includes(golds[g]!)))
            classes.push('span-seg--missed')
          if (match && raterHere.some((r) => match.extra.includes(r))) classes.push('span-seg--extra')
          const names = [
            ...raterHere.map((s) => (gold ? `yours: ${s.label}` : s.label)),
            ...goldHere.map(
              (g) => `gold: ${golds[g]?.label ?? ''}${golds[g]?.note ? ` — ${golds[g]?.note}` : ''}`,
            ),
          ]
          return (
            <mark
              key={segment.start}
              className={classes.join(' ')}
              style={top ? { background: labelColour(labels, top.label) } : { background: 'transparent' }}
              title={readOnly ? names.join('; ') : `${names.join('; ')} — click to remove`}
              data-testid="span-mark"
              data-labels={raterHere.map((s) => s.label).join(',')}
              {...(readOnly || !top
                ? {}
                : {
                    role: 'button',
                    tabIndex: 0,
                    onClick: () => remove(top.index),
                    onKeyDown: (e: React.KeyboardEvent) => {
                      if (e.key === 'Enter' || e.key === 'Delete' || e.key === 'Backspace') {
                        e.preventDefault()
                        remove(top.index)
                      }
                    },
                  })}
            >
              {piece}
            </mark>
          )
        })}
      </section>
      {gold ? (
        <div className="span-legend" data-testid="span-legend">
          <span className="span-legend__item">
            <span className="span-legend__sample span-seg--gold">gold</span> matched
          </span>
          <span className="span-legend__item">
            <span className="span-legend__sample span-seg--gold span-seg--missed">gold</span> you missed
          </span>
          <span className="span-legend__item">
            <span className="span-legend__sample span-seg--extra">yours</span> not in gold
          </span>
          {labels.map((l) => (
            <span key={l} className="span-legend__item">
              <span className="span-label__swatch" style={{ background: labelColour(labels, l) }} /> {l}
            </span>
          ))}
        </div>
      ) : (
        !readOnly &&
        props.activeLabel === undefined && (
          <p className="span-marker__hint">
            Select text to mark it as <strong>{label || 'a span'}</strong>, or select and press a label. Click
            a mark to remove it.
          </p>
        )
      )}
      {readOnly && !gold && labels.length > 0 && mine.length > 0 && (
        <div className="span-legend">
          {labels.map((l) => (
            <span key={l} className="span-legend__item">
              <span className="span-label__swatch" style={{ background: labelColour(labels, l) }} /> {l}
            </span>
          ))}
        </div>
      )}
    </div>
  )
}
