/**
 * The JSON arguments of a trajectory step's tool call: a collaborative textarea (Y.Text, kept exactly as
 * typed) with a visible hint while the text is not valid JSON. Empty is fine (a step that only thinks).
 */
import type * as Y from 'yjs'
import { useYText } from '../sync/useYText'

/** Why `text` is not valid JSON, or null when it is (or is empty). */
export function jsonProblem(text: string): string | null {
  if (!text.trim()) return null
  try {
    JSON.parse(text)
    return null
  } catch (error) {
    return error instanceof Error ? error.message : 'not valid JSON'
  }
}

export function ArgsField({
  text,
  editable,
  label,
}: {
  text: Y.Text | undefined
  editable: boolean
  label: string
}) {
  const field = useYText<HTMLTextAreaElement>(text)
  const problem = jsonProblem(field.value)
  return (
    <label className="args-field">
      <span className="rich-field__label">Arguments (JSON)</span>
      <textarea
        ref={field.ref}
        className={`text-input args-field__input${problem ? ' is-invalid' : ''}`}
        aria-label={label}
        aria-invalid={problem !== null}
        rows={Math.min(8, Math.max(2, field.value.split('\n').length))}
        spellCheck={false}
        readOnly={!editable}
        placeholder={editable ? '{"query": "…"}' : ''}
        value={field.value}
        data-testid="step-args"
        onChange={(event) => field.onChange(event.target.value)}
      />
      {problem && (
        <span className="args-field__hint" role="status" data-testid="step-args-invalid">
          Not valid JSON: {problem}
        </span>
      )}
    </label>
  )
}
