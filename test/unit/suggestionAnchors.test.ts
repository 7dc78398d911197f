/**
 * Suggestions against the draft (shared/ydoc/suggestionAnchors.ts): each kind of target resolves current
 * while its text is untouched and outdated once the anchored text changes or goes; insertions, deletions and
 * replacements apply in one transaction, keep the replaced text's formatting, and an outdated suggestion (or
 * one spanning two paragraphs) is never applied.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { SuggestionRange, SuggestionTarget } from '../../shared/schema/suggestions'
import { addExample, deleteExample, exampleRichText, goldRationale } from '../../shared/ydoc/examplesDoc'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { addCriterion, criterionText, levelEntries, levelText } from '../../shared/ydoc/rubricDoc'
import {
  applySuggestion,
  createSuggestionRange,
  resolveSuggestion,
  targetType,
} from '../../shared/ydoc/suggestionAnchors'

function makeDraft() {
  const draft = new Y.Doc()
  appendBlocks(guidelineFragment(draft), [
    { type: 'paragraph', text: ['Be kind. Be ', { text: 'precise', bold: true }, ' always.'] },
    { type: 'paragraph', text: 'Second paragraph.' },
  ])
  const criterionId = addCriterion(draft, {
    id: 'c1',
    kind: 'ordinal',
    title: 'Accuracy',
    description: 'The answer is correct.',
    levels: [{ value: 1, label: 'Low', descriptor: 'Mostly wrong.' }],
  })
  const levelId = levelEntries(draft, criterionId)[0]!.id
  const exampleId = addExample(draft, {
    id: 'e1',
    text: { rationale: [{ type: 'paragraph', text: 'Gold because it cites sources.' }] },
    gold: { c1: { accepted: [], rationale: 'It states the dose.' } },
  })
  return { draft, criterionId, levelId, exampleId }
}

/** The Y.XmlText of the guideline's paragraph `i`. */
const paragraphText = (fragment: Y.XmlFragment, i: number) =>
  (fragment.get(i) as Y.XmlElement).get(0) as Y.XmlText

const replica = (doc: Y.Doc) => {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

interface Case {
  name: string
  target: (ids: ReturnType<typeof makeDraft>) => SuggestionTarget
  text: (draft: Y.Doc, target: SuggestionTarget) => Y.Text | Y.XmlText
  word: string
}

const cases: Case[] = [
  {
    name: 'a criterion description',
    target: () => ({ kind: 'criterion', criterionId: 'c1', field: 'description' }),
    text: (draft) => criterionText(draft, 'c1', 'description')!,
    word: 'correct',
  },
  {
    name: 'a level descriptor',
    target: ({ levelId }) => ({ kind: 'level', criterionId: 'c1', levelId, field: 'descriptor' }),
    text: (draft, t) => levelText(draft, 'c1', (t as { levelId: string }).levelId, 'descriptor')!,
    word: 'wrong',
  },
  {
    name: 'a gold rationale',
    target: () => ({ kind: 'goldRationale', exampleId: 'e1', criterionId: 'c1' }),
    text: (draft) => goldRationale(draft, 'e1', 'c1')!,
    word: 'dose',
  },
  {
    name: 'the guideline',
    target: () => ({ kind: 'guideline' }),
    text: (draft) => paragraphText(guidelineFragment(draft), 1),
    word: 'paragraph',
  },
  {
    name: 'an example rationale',
    target: () => ({ kind: 'exampleRationale', exampleId: 'e1' }),
    text: (draft) => paragraphText(exampleRichText(draft, 'e1', 'rationale')!, 0),
    word: 'sources',
  },
]

/** A suggestion replacing `word` in `text` by `replacement`. */
function suggest(text: Y.Text | Y.XmlText, target: SuggestionTarget, word: string, replacement: string) {
  const from = text
    .toString()
    .replace(/<[^>]+>/g, '')
    .indexOf(word)
  expect(from).toBeGreaterThanOrEqual(0)
  return { target, range: createSuggestionRange(text, from, from + word.length), original: word, replacement }
}

describe.each(cases)('a suggestion on $name', ({ target: targetOf, text: textOf, word }) => {
  it('resolves current on any replica while its text is untouched, even after edits around it', () => {
    const ids = makeDraft()
    const target = targetOf(ids)
    const text = textOf(ids.draft, target)
    expect(targetType(ids.draft, target)).toBeTruthy()
    const s = suggest(text, target, word, 'REPLACED')
    text.insert(0, 'Before ')
    text.insert(text.length, ' after')
    const copy = replica(ids.draft)
    const resolved = resolveSuggestion(copy, s)
    expect(resolved.state).toBe('current')
    if (resolved.state === 'current') expect(resolved.text.toString()).toContain(word)
    expect(applySuggestion(copy, s)).toBe(true)
    const after = textOf(copy, target).toString()
    expect(after).toContain('REPLACED')
    expect(after).not.toContain(word)
    expect(after.startsWith('Before ') || after.includes('>Before ')).toBe(true)
  })

  it('is outdated once the anchored text changes, with the text there now, and is not applied', () => {
    const ids = makeDraft()
    const target = targetOf(ids)
    const text = textOf(ids.draft, target)
    const s = suggest(text, target, word, 'REPLACED')
    const from = text
      .toString()
      .replace(/<[^>]+>/g, '')
      .indexOf(word)
    text.insert(from + 1, 'XX')
    expect(resolveSuggestion(ids.draft, s)).toEqual({
      state: 'outdated',
      current: `${word[0]}XX${word.slice(1)}`,
    })
    const before = Y.encodeStateVector(ids.draft)
    expect(applySuggestion(ids.draft, s)).toBe(false)
    expect(Y.encodeStateVector(ids.draft)).toEqual(before)
  })

  it('is outdated with no current text once the anchored text is deleted', () => {
    const ids = makeDraft()
    const target = targetOf(ids)
    const text = textOf(ids.draft, target)
    const s = suggest(text, target, word, 'REPLACED')
    const from = text
      .toString()
      .replace(/<[^>]+>/g, '')
      .indexOf(word)
    text.delete(from, word.length)
    expect(resolveSuggestion(ids.draft, s)).toEqual({ state: 'outdated', current: null })
  })
})

describe('applying', () => {
  const guideline = { kind: 'guideline' } as const

  it('inserts, deletes and replaces in one transaction with the given origin', () => {
    const { draft } = makeDraft()
    const text = criterionText(draft, 'c1', 'description')!
    const origins: unknown[] = []
    draft.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    const target = { kind: 'criterion', criterionId: 'c1', field: 'description' } as const
    const insertion = {
      target,
      range: createSuggestionRange(text, 4, 4),
      original: '',
      replacement: 'whole ',
    }
    const deletion = { ...suggest(text, target, ' correct', ''), replacement: '' }
    expect(insertion.range.start).toBe(insertion.range.end)
    expect(applySuggestion(draft, insertion, 'lead-undo')).toBe(true)
    expect(text.toString()).toBe('The whole answer is correct.')
    expect(applySuggestion(draft, deletion, 'lead-undo')).toBe(true)
    expect(text.toString()).toBe('The whole answer is.')
    expect(origins).toEqual(['lead-undo', 'lead-undo'])
    // Once applied, the deletion's range is empty: applying again is refused.
    expect(resolveSuggestion(draft, deletion)).toEqual({ state: 'outdated', current: null })
    expect(applySuggestion(draft, deletion)).toBe(false)
  })

  it('applies insertions at the start and the end of a text, there on another replica too', () => {
    const { draft } = makeDraft()
    const text = criterionText(draft, 'c1', 'description')!
    const target = { kind: 'criterion', criterionId: 'c1', field: 'description' } as const
    const atEnd = {
      target,
      range: createSuggestionRange(text, text.length, text.length),
      original: '',
      replacement: ' Always.',
    }
    const atStart = { target, range: createSuggestionRange(text, 0, 0), original: '', replacement: 'Check: ' }
    const copy = replica(draft)
    expect(applySuggestion(copy, atEnd)).toBe(true)
    expect(applySuggestion(copy, atStart)).toBe(true)
    expect(criterionText(copy, 'c1', 'description')!.toString()).toBe('Check: The answer is correct. Always.')
  })

  it('keeps an insertion at the end before text appended later, and outdated once its neighbour goes', () => {
    const { draft } = makeDraft()
    const text = criterionText(draft, 'c1', 'description')!
    const target = { kind: 'criterion', criterionId: 'c1', field: 'description' } as const
    const atEnd = {
      target,
      range: createSuggestionRange(text, text.length, text.length),
      original: '',
      replacement: ' Always.',
    }
    const inMiddle = { target, range: createSuggestionRange(text, 4, 4), original: '', replacement: 'whole ' }
    // A lead appends a sentence: the insertion still goes right after "correct.".
    text.insert(text.length, ' Cite it.')
    const copy = replica(draft)
    expect(applySuggestion(copy, atEnd)).toBe(true)
    expect(criterionText(copy, 'c1', 'description')!.toString()).toBe(
      'The answer is correct. Always. Cite it.',
    )
    // The character an insertion sticks to is deleted (the sentence around it rewritten): outdated.
    text.delete(4, 6)
    text.insert(4, 'reply')
    expect(resolveSuggestion(draft, inMiddle)).toEqual({ state: 'outdated', current: null })
    expect(applySuggestion(draft, inMiddle)).toBe(false)
    text.delete(text.length - 9, 9)
    text.delete(text.length - 1, 1)
    expect(resolveSuggestion(draft, atEnd)).toEqual({ state: 'outdated', current: null })
  })

  it('keeps bold on replaced bold text, and plain around it', () => {
    const { draft } = makeDraft()
    const text = paragraphText(guidelineFragment(draft), 0)
    const s = {
      target: guideline,
      range: createSuggestionRange(text, 12, 19),
      original: 'precise',
      replacement: 'exact',
    }
    expect(applySuggestion(draft, s)).toBe(true)
    expect(text.toDelta()).toEqual([
      { insert: 'Be kind. Be ' },
      { insert: 'exact', attributes: { bold: {} } },
      { insert: ' always.' },
    ])
  })

  it('gives an insertion the formatting of the character before it', () => {
    const { draft } = makeDraft()
    const text = paragraphText(guidelineFragment(draft), 0)
    const s = {
      target: guideline,
      range: createSuggestionRange(text, 19, 19),
      original: '',
      replacement: 'ly',
    }
    expect(applySuggestion(draft, s)).toBe(true)
    expect(text.toDelta()[1]).toEqual({ insert: 'precisely', attributes: { bold: {} } })
  })

  it('does not extend a link over text inserted right after it, only inside it', () => {
    const draft = new Y.Doc()
    const text = new Y.XmlText()
    guidelineFragment(draft).insert(0, [new Y.XmlElement('paragraph')])
    ;(guidelineFragment(draft).get(0) as Y.XmlElement).insert(0, [text])
    const link = { href: 'https://example.org' }
    text.insert(0, 'See the guide now.')
    text.format(8, 5, { link })
    const after = {
      target: guideline,
      range: createSuggestionRange(text, 13, 13),
      original: '',
      replacement: 'line',
    }
    const inside = {
      target: guideline,
      range: createSuggestionRange(text, 10, 10),
      original: '',
      replacement: 'x',
    }
    expect(applySuggestion(draft, after)).toBe(true)
    expect(applySuggestion(draft, inside)).toBe(true)
    expect(text.toDelta()).toEqual([
      { insert: 'See the ' },
      { insert: 'guxide', attributes: { link } },
      { insert: 'line now.' },
    ])
  })

  it('refuses a range spanning two paragraphs', () => {
    const { draft } = makeDraft()
    const fragment = guidelineFragment(draft)
    const range: SuggestionRange = {
      start: createSuggestionRange(paragraphText(fragment, 0), 3, 3).start,
      end: createSuggestionRange(paragraphText(fragment, 1), 0, 10).end,
    }
    const s = { target: guideline, range, original: 'kind. Be precise always.\nSecond par', replacement: 'x' }
    expect(resolveSuggestion(draft, s)).toEqual({ state: 'outdated', current: null })
    expect(applySuggestion(draft, s)).toBe(false)
  })

  it('is outdated when its paragraph, criterion or example is gone, or it points at another target', () => {
    const { draft } = makeDraft()
    const fragment = guidelineFragment(draft)
    const para = suggest(paragraphText(fragment, 1), guideline, 'Second', 'Third')
    const rationale = suggest(
      paragraphText(exampleRichText(draft, 'e1', 'rationale')!, 0),
      { kind: 'exampleRationale', exampleId: 'e1' },
      'Gold',
      'Silver',
    )
    // The same range claimed for another target never resolves into it.
    expect(resolveSuggestion(draft, { ...rationale, target: guideline }).state).toBe('outdated')
    expect(resolveSuggestion(draft, { ...para, target: rationale.target }).state).toBe('outdated')
    fragment.delete(1, 1)
    expect(resolveSuggestion(draft, para)).toEqual({ state: 'outdated', current: null })
    deleteExample(draft, 'e1')
    expect(targetType(draft, rationale.target)).toBe(null)
    expect(resolveSuggestion(draft, rationale)).toEqual({ state: 'outdated', current: null })
    const garbage = {
      target: guideline,
      range: { start: '!!', end: 'AAAA' },
      original: 'x',
      replacement: 'y',
    }
    expect(resolveSuggestion(draft, garbage)).toEqual({ state: 'outdated', current: null })
  })
})
