/**
 * The character rules of names and titles (shared/schema/safeText.ts): which characters are refused, that
 * long text keeps newline, tab and CRLF, that text in any script and emoji pass (property-tested), and that
 * the rubric's problems list flags draft titles, tags and labels with the same rule.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { z } from 'zod'
import { findProblems } from '../../shared/rubric/problems'
import { applyTemplate, RUBRIC_TEMPLATES } from '../../shared/rubric/templates'
import { ProjectName } from '../../shared/schema/project'
import { findUnsafeCharacter, safeText, unsafeCharacterMessage } from '../../shared/schema/safeText'
import { readRubricWithExamples } from '../../shared/ydoc/draftDoc'
import { orderedCriteria, rubricTitle, setTags } from '../../shared/ydoc/rubricDoc'

const UNSAFE = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)),
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
]

describe('safe names', () => {
  it('refuses every C0/C1 control, bidi control, line separator and lone surrogate, wherever it sits', () => {
    for (const bad of UNSAFE) {
      for (const text of [bad, `a${bad}`, `${bad}a`, `ab${bad}cd`]) {
        const found = findUnsafeCharacter(text)
        expect(found, JSON.stringify(text)).not.toBeNull()
        expect(found!.codePoint).toBe(`U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
      }
    }
    expect(unsafeCharacterMessage('Ctl\u0000')).toBe(
      'contains a control character (U+0000) at position 4; control characters, text-direction overrides and unpaired surrogates are not allowed',
    )
  })

  it('lets text in any script, emoji (surrogate pairs) and LRM/RLM marks through', () => {
    for (const text of [
      'Ärztliche Prüfung',
      'שלום',
      'مرحبا\u200f',
      '評価ガイド',
      '🩺🧪 QA',
      'a\u200eb',
      'x'.repeat(500),
    ])
      expect(findUnsafeCharacter(text), text).toBeNull()
    // Any mix of unsafe characters (lone surrogates may pair up into a valid emoji) and ordinary ones:
    // refused exactly when a code point of the text is one of the unsafe ones.
    const unit = fc.oneof(
      fc.constantFrom(...UNSAFE),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    )
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        const hasUnsafe = [...text].some((ch) => UNSAFE.includes(ch))
        expect(findUnsafeCharacter(text) !== null, JSON.stringify(text)).toBe(hasUnsafe)
      }),
      { numRuns: 1000 },
    )
  })

  it('long text keeps newline, tab and CRLF but not a lone CR or other controls', () => {
    expect(findUnsafeCharacter('line\nnext\ttab\r\nwindows', true)).toBeNull()
    expect(findUnsafeCharacter('bare\rcr', true)?.codePoint).toBe('U+000D')
    expect(findUnsafeCharacter('esc\u001b[31m', true)?.codePoint).toBe('U+001B')
    expect(findUnsafeCharacter('line\nnext')?.codePoint).toBe('U+000A')
    const Long = safeText(z.string())
    expect(Long.safeParse('a\nb').success).toBe(true)
    expect(Long.safeParse('a\u202eb').success).toBe(false)
  })

  it('the schemas refuse with the message (after trimming surrounding whitespace)', () => {
    expect(ProjectName.safeParse('  Plain name \n').data).toBe('Plain name')
    const refused = ProjectName.safeParse('x\r\nSet-Cookie: evil=1')
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]?.message).toMatch(
      /^contains a control character \(U\+000D\) at position 2/,
    )
  })
})

describe('unsafe characters in the draft', () => {
  it('are problems (errors) on the rubric title, criterion titles and tags', () => {
    const doc = new Y.Doc()
    applyTemplate(doc, RUBRIC_TEMPLATES[0]!)
    const before = findProblems(readRubricWithExamples(doc)).filter((p) => p.code === 'unsafe_characters')
    expect(before).toEqual([])
    rubricTitle(doc).insert(0, '\u202e')
    const [first] = orderedCriteria(doc)
    setTags(doc, first![0], ['axis:\u0007bell'])
    const problems = findProblems(readRubricWithExamples(doc)).filter((p) => p.code === 'unsafe_characters')
    expect(problems.map((p) => [p.severity, p.message.split(' contains')[0], p.criterionId])).toEqual([
      ['error', 'The rubric title', undefined],
      ['error', 'Criterion 1: a tag', first![0]],
    ])
  })
})
