/** A read-only text field with a Copy button that says "Copied" for a moment (falls back to selecting the text). */
import { useEffect, useRef, useState } from 'react'

export function CopyField({ value, testId, label }: { value: string; testId: string; label: string }) {
  const inputRef = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(null), 2500)
    return () => clearTimeout(timer)
  }, [copied])

  const copy = async () => {
    inputRef.current?.select()
    try {
      await navigator.clipboard.writeText(value)
      setCopied('yes')
    } catch {
      // Clipboard access can be refused (plain http, permissions); the text is selected for Ctrl+C instead.
      setCopied('failed')
    }
  }

  return (
    <div className="copy-field">
      <input
        ref={inputRef}
        className="text-input copy-field__input"
        data-testid={testId}
        aria-label={label}
        readOnly
        value={value}
        onFocus={(event) => event.target.select()}
      />
      <button
        type="button"
        className="button button--secondary"
        data-testid={`${testId}-copy`}
        onClick={() => void copy()}
      >
        {copied === 'yes' ? 'Copied ✓' : 'Copy'}
      </button>
      {copied === 'failed' && (
        <span className="field-hint">Press Ctrl+C (⌘C) to copy the selected link.</span>
      )}
    </div>
  )
}
