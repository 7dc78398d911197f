/**
 * The input half of an inline rename: Enter or blur saves, Escape cancels. When not editing it renders nothing,
 * or the server's message if the last rename failed. A name over the limit is said while typing and never
 * sent (nor cut).
 */
import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { PROJECT_NAME_MAX } from '../../shared/schema/project'
import { errorMessage } from '../api/http'
import { nameLengthMessage } from './nameLength'

interface InlineRenameProps {
  value: string
  onRename: (name: string) => Promise<void>
  editing: boolean
  onEditingChange: (editing: boolean) => void
  inputTestId: string
  inputLabel: string
  className?: string
}

export function InlineRename(props: InlineRenameProps) {
  const { value, onRename, editing, onEditingChange, inputTestId, inputLabel, className = '' } = props
  const [draft, setDraft] = useState(value)
  const [error, setError] = useState<string | null>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const settledRef = useRef(false)

  useEffect(() => {
    if (!editing) return
    settledRef.current = false
    setDraft(value)
    setError(null)
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [editing, value])

  const commit = async () => {
    if (settledRef.current) return
    settledRef.current = true
    const name = draft.trim()
    onEditingChange(false)
    if (name.length > PROJECT_NAME_MAX) {
      setError(`${nameLengthMessage(name.length)} The name was not changed.`)
      return
    }
    if (!name || name === value) return
    try {
      await onRename(name)
    } catch (caught) {
      setError(errorMessage(caught))
    }
  }

  const cancel = () => {
    settledRef.current = true
    onEditingChange(false)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      // Over the limit, Enter keeps the field open with its message; Escape or leaving the field gives up.
      if (draft.trim().length > PROJECT_NAME_MAX) return
      void commit()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      cancel()
    }
  }

  if (!editing) {
    return error ? (
      <span className="form-error" role="alert">
        {error}
      </span>
    ) : null
  }
  const length = draft.trim().length
  const tooLong = length > PROJECT_NAME_MAX
  return (
    <>
      <input
        ref={inputRef}
        className={`text-input rename-input ${className}`}
        data-testid={inputTestId}
        aria-label={inputLabel}
        aria-invalid={tooLong}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => void commit()}
      />
      {tooLong && (
        <span className="form-error rename-length" role="alert" data-testid={`${inputTestId}-length`}>
          {nameLengthMessage(length)}
        </span>
      )}
    </>
  )
}
