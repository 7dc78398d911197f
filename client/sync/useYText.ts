/**
 * Binds a text input to a collaborative Y.Text: each edit is applied as a minimal diff (common prefix and
 * suffix kept), remote edits re-render the value and move the caret with the text, so two people typing in
 * the same field merge instead of overwriting each other.
 */
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { writeLocal } from './localOrigin'

type Field = HTMLInputElement | HTMLTextAreaElement

/** Where the caret at `index` lands after a Y.Text delta. */
function mapIndex(index: number, delta: { insert?: unknown; delete?: number; retain?: number }[]): number {
  let position = 0
  let mapped = index
  for (const op of delta) {
    if (op.retain !== undefined) position += op.retain
    else if (typeof op.insert === 'string') {
      if (position <= index) mapped += op.insert.length
      position += op.insert.length
    } else if (op.delete !== undefined) {
      if (position < index) mapped -= Math.min(op.delete, index - position)
    }
  }
  return Math.max(0, mapped)
}

export function applyDiff(text: Y.Text, next: string): void {
  const current = text.toString()
  if (current === next) return
  let start = 0
  while (start < current.length && start < next.length && current[start] === next[start]) start++
  let end = 0
  while (
    end < current.length - start &&
    end < next.length - start &&
    current[current.length - 1 - end] === next[next.length - 1 - end]
  )
    end++
  const removed = current.length - start - end
  const inserted = next.slice(start, next.length - end)
  const doc = text.doc
  const apply = () => {
    if (removed > 0) text.delete(start, removed)
    if (inserted) text.insert(start, inserted)
  }
  if (doc) writeLocal(doc, apply, { typing: true })
  else apply()
}

export function useYText<T extends Field>(
  text: Y.Text | undefined,
): { value: string; onChange: (next: string) => void; ref: RefObject<T | null> } {
  const [value, setValue] = useState(() => text?.toString() ?? '')
  const ref = useRef<T | null>(null)

  useEffect(() => {
    if (!text) return
    setValue(text.toString())
    const observer = (event: Y.YTextEvent) => {
      const field = ref.current
      const next = text.toString()
      if (field && document.activeElement === field && !event.transaction.local) {
        const delta = event.delta as { insert?: unknown; delete?: number; retain?: number }[]
        const start = mapIndex(field.selectionStart ?? 0, delta)
        const end = mapIndex(field.selectionEnd ?? 0, delta)
        field.value = next
        field.setSelectionRange(start, end)
      }
      setValue(next)
    }
    text.observe(observer)
    return () => text.unobserve(observer)
  }, [text])

  const onChange = useCallback(
    (next: string) => {
      setValue(next)
      if (text) applyDiff(text, next)
    },
    [text],
  )
  return { value, onChange, ref }
}
