/**
 * The input half of an inline rename: Enter or blur saves, Escape cancels. When not editing it renders nothing,
 * or the server's message if the last rename failed.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../api/http'

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
  return (
    <input
      ref={inputRef}
      className={`text-input rename-input ${className}`}
      data-testid={inputTestId}
      aria-label={inputLabel}
      maxLength={120}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => void commit()}
    />
  )
}
