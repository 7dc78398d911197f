/**
 * The audit log's sentences for decisions on suggested edits: who decided, whose suggestion, what it changed
 * and where, with long texts shortened and unreadable details never breaking the sentence.
 */
import { describe, expect, it } from 'vitest'
import type { ClientAuditEntry } from '../../client/api/members'
import { auditSentence } from '../../client/members/auditSentence'

const entry = (action: string, details: Record<string, unknown>): ClientAuditEntry => ({
  id: 1,
  at: '2026-12-04T12:00:00.000Z',
  actor: 'Bob Lead',
  action,
  subject: null,
  details,
})

const decided = (action: string, original: string, replacement: string) =>
  auditSentence(
    entry(action, {
      suggestionId: 's1',
      label: 'Accuracy · description',
      original,
      replacement,
      author: { id: 'u2', name: 'Rita Reviewer' },
    }),
    new Map(),
  )

describe('audit sentences for suggestion decisions', () => {
  it('says who accepted whose replacement, insertion or deletion, and where', () => {
    expect(decided('suggestion.accepted', 'mostly', 'entirely')).toBe(
      'Bob Lead accepted Rita Reviewer’s suggestion to replace “mostly” with “entirely” (Accuracy · description)',
    )
    expect(decided('suggestion.rejected', '', 'always ')).toBe(
      'Bob Lead rejected Rita Reviewer’s suggestion to insert “always ” (Accuracy · description)',
    )
    expect(decided('suggestion.accepted', 'very ', '')).toBe(
      'Bob Lead accepted Rita Reviewer’s suggestion to delete “very ” (Accuracy · description)',
    )
  })

  it('shortens long texts and survives missing details', () => {
    const sentence = decided('suggestion.accepted', 'x'.repeat(200), 'y')
    expect(sentence).toContain(`“${'x'.repeat(59)}…”`)
    expect(auditSentence(entry('suggestion.rejected', {}), new Map())).toBe('Bob Lead rejected a suggestion')
  })
})
