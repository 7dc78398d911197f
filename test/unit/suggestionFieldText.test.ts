/**
 * The "Suggest edit" composer's change: the smallest replaced range between a field's text and what was
 * typed, mapped to the Y.Text, or to the one paragraph of a rich field (refused when it spans paragraphs);
 * and the few words of context a suggestion's diff shows.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { contextAround } from '../../client/suggestions/contextAround'
import { fieldChange, fieldString, minimalChange } from '../../client/suggestions/fieldText'

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
