/** A text input or textarea bound to a collaborative Y.Text (see useYText); read-only when not editable. */
import { useLayoutEffect } from 'react'
import type * as Y from 'yjs'
import { useYText } from '../sync/useYText'

interface YTextInputProps {
  text: Y.Text | undefined
  label: string
  editable: boolean
  multiline?: boolean
  placeholder?: string
  className?: string
  testId?: string
  rows?: number
  /** Shows the label visibly above the field instead of only to assistive tech. */
  showLabel?: boolean
  /** Read-only and empty: render nothing (e.g. an optional rationale nobody wrote). */
  hideWhenEmptyReadOnly?: boolean
}

export function YTextInput(props: YTextInputProps) {
  const { text, label, editable, multiline, placeholder, className = '', testId, rows = 1, showLabel } = props
  const input = useYText<HTMLInputElement>(multiline ? undefined : text)
  const area = useYText<HTMLTextAreaElement>(multiline ? text : undefined)
  // Textareas grow with their text (field-sizing is not in every Chromium yet).
  const areaRef = area.ref
  const areaValue = area.value
  useLayoutEffect(() => {
    const element = areaRef.current
    if (!element || areaValue === undefined) return
    element.style.height = 'auto'
    element.style.height = `${element.scrollHeight + 2}px`
  }, [areaRef, areaValue])
  if (props.hideWhenEmptyReadOnly && !editable && !(multiline ? area.value : input.value)) return null
  const common = {
    'aria-label': label,
    placeholder: editable ? placeholder : '',
    readOnly: !editable,
    'data-testid': testId,
  }
  const field = multiline ? (
    <textarea
      {...common}
      ref={area.ref}
      className={`text-input y-field y-field--multiline ${className}`}
      rows={rows}
      value={area.value}
      onChange={(event) => area.onChange(event.target.value)}
    />
  ) : (
    <input
      {...common}
      ref={input.ref}
      className={`text-input y-field ${className}`}
      value={input.value}
      onChange={(event) => input.onChange(event.target.value)}
    />
  )
  if (!showLabel) return field
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child
    <label className="y-field-label">
      <span className="field-label">{label}</span>
      {field}
    </label>
  )
}
