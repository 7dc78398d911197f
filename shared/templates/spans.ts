/**
 * Gold spans for templates, computed from the quoted text rather than counted by hand: `markSpan` finds the
 * quote in the field's text and throws when it is missing or ambiguous, so a template with a wrong offset
 * cannot even load.
 */
import type { MarkedSpan } from '../schema/rubric'

export function markSpan(
  field: string,
  text: string,
  quote: string,
  label: string,
  note: string,
): MarkedSpan {
  const start = text.indexOf(quote)
  if (start < 0) throw new Error(`span quote not found in ${field}: “${quote}”`)
  if (text.indexOf(quote, start + 1) >= 0) throw new Error(`span quote is ambiguous in ${field}: “${quote}”`)
  return { field, start, end: start + quote.length, label, note }
}
