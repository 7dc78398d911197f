/**
 * The "Suggest edit" composer's change: the smallest replaced range between a field's text and what was
 * typed, mapped to the Y.Text, or to the one paragraph of a rich field (refused when it spans paragraphs),
 * never splitting an emoji; what was typed carried past a co-editor's change made meanwhile; and the few
 * words of context a suggestion's diff shows.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { contextAround } from '../../client/suggestions/contextAround'
import { fieldChange, fieldString, minimalChange, rebaseTyped } from '../../client/suggestions/fieldText'

function richField(paragraphs: string[]): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('rationale')
  for (const text of paragraphs) {
    const paragraph = new Y.XmlElement('paragraph')
    fragment.push([paragraph])
    const content = new Y.XmlText()
    paragraph.insert(0, [content])
    content.insert(0, text)
  }
  return { doc, fragment }
}

describe('minimalChange', () => {
  it('keeps the common prefix and suffix', () => {
    expect(minimalChange('be concise and accurate', 'be brief and accurate')).toEqual({
      from: 3,
      to: 10,
      replacement: 'brief',
    })
  })
  it('finds a pure insertion and a pure deletion', () => {
    expect(minimalChange('ab', 'aXb')).toEqual({ from: 1, to: 1, replacement: 'X' })
    expect(minimalChange('aXb', 'ab')).toEqual({ from: 1, to: 2, replacement: '' })
  })
  it('never lets prefix and suffix overlap on repeated letters', () => {
    expect(minimalChange('aaa', 'aaaa')).toEqual({ from: 3, to: 3, replacement: 'a' })
  })
  it('never splits an emoji: the common prefix stops before a shared high surrogate', () => {
    // 😀 is D83D DE00 and 🙂 is D83D DE42: they share their first half.
    const change = minimalChange('Be 😀 nice', 'Be 🙂 nice')
    expect(change).toEqual({ from: 3, to: 5, replacement: '🙂' })
    expect('Be 😀 nice'.slice(change.from, change.to)).toBe('😀')
  })
  it('never splits an emoji: the common suffix stops after a shared low surrogate', () => {
    // U+1F600 is D83D DE00 and U+1FA00 is D83E DE00: they share their second half.
    const change = minimalChange('a\u{1F600}b', 'a\u{1FA00}b')
    expect(change).toEqual({ from: 1, to: 3, replacement: '\u{1FA00}' })
  })
  it('keeps a whole emoji when one is inserted next to another', () => {
    expect(minimalChange('x😀', 'x😀😀')).toEqual({ from: 3, to: 3, replacement: '😀' })
    expect(minimalChange('😀y', '🙂😀y')).toEqual({ from: 0, to: 0, replacement: '🙂' })
  })
})

describe('rebaseTyped', () => {
  it("keeps a co-editor's change made before the typist's", () => {
    // Opened on "The cat sat"; a lead inserts "big "; the reviewer appends " down".
    const typed = rebaseTyped('The cat sat', 'The big cat sat', 'The cat sat down')
    expect(typed).toBe('The big cat sat down')
    const doc = new Y.Doc()
    const text = doc.getText('descriptor')
    text.insert(0, 'The big cat sat')
    expect(fieldChange(text, typed!)).toMatchObject({ from: 15, to: 15, original: '', replacement: ' down' })
  })
  it("keeps a co-editor's change made after the typist's", () => {
    expect(rebaseTyped('The cat sat.', 'The cat sat down.', 'A cat sat.')).toBe('A cat sat down.')
  })
  it('refuses when both changed the same words', () => {
    expect(rebaseTyped('The cat sat', 'The dog sat', 'The bird sat')).toBeNull()
    // Both inserting at the same place: which goes first is unknown.
    expect(rebaseTyped('The cat sat', 'The cat sat down', 'The cat sat still')).toBeNull()
  })
  it('is the typing itself when nobody else changed the field, the field when the typist did not', () => {
    expect(rebaseTyped('abc', 'abc', 'abXc')).toBe('abXc')
    expect(rebaseTyped('abc', 'aYbc', 'abc')).toBe('aYbc')
  })
})

describe('fieldChange', () => {
  it('maps a plain field change onto its Y.Text', () => {
    const doc = new Y.Doc()
    const text = doc.getText('descriptor')
    text.insert(0, 'Ignores the request.')
    const change = fieldChange(text, 'Ignores or misreads the request.')
    expect(change).toMatchObject({ text, from: 8, to: 8, original: '', replacement: 'or misreads ' })
    expect(fieldChange(text, 'Ignores the request.')).toBeNull()
  })
  it('maps a rich field change into the paragraph it lies in', () => {
    const { fragment } = richField(['First reason.', 'Second reason here.'])
    expect(fieldString(fragment)).toBe('First reason.\nSecond reason here.')
    const change = fieldChange(fragment, 'First reason.\nSecond cause here.')
    if (change === null || typeof change === 'string') throw new Error(`no change: ${change}`)
    expect(change.text.toString()).toBe('Second reason here.')
    expect([change.from, change.to, change.original, change.replacement]).toEqual([7, 13, 'reason', 'cause'])
  })
  it('refuses a change that joins or splits paragraphs', () => {
    const { fragment } = richField(['One.', 'Two.'])
    expect(fieldChange(fragment, 'One. Two.')).toMatch(/one paragraph/)
    expect(fieldChange(fragment, 'One.\nOne and a half.\nTwo.')).toMatch(/one paragraph/)
  })
})

describe('contextAround', () => {
  it('shows whole words either side, marking cuts', () => {
    const whole = 'Answers must always be concise and accurate, whatever the question asks for in detail.'
    const from = whole.indexOf('concise')
    const { before, after } = contextAround(whole, from, from + 'concise'.length)
    expect(before).toBe('Answers must always be ')
    expect(after).toBe(' and accurate, whatever the…')
  })
})
