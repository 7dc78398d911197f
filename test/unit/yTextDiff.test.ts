/** Text inputs bound to a Y.Text write minimal diffs, so two people editing one field at once both keep their words. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyDiff } from '../../client/sync/useYText'

function pair(initial: string): [Y.Text, Y.Text] {
  const a = new Y.Doc()
  a.getText('t').insert(0, initial)
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  return [a.getText('t'), b.getText('t')]
}

function sync(a: Y.Text, b: Y.Text): void {
  const docA = a.doc as Y.Doc
  const docB = b.doc as Y.Doc
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB)))
  Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA)))
}

describe('applyDiff', () => {
  it('turns a whole new input value into the smallest edit', () => {
    const [a] = pair('Ignores the request.')
    applyDiff(a, 'Ignores or misreads the request.')
    expect(a.toString()).toBe('Ignores or misreads the request.')
    applyDiff(a, 'Ignores or misreads the request')
    expect(a.toString()).toBe('Ignores or misreads the request')
    applyDiff(a, '')
    expect(a.toString()).toBe('')
  })

  it('merges concurrent edits at different places of one field', () => {
    const [a, b] = pair('Answers the request.')
    applyDiff(a, 'Fully answers the request.')
    applyDiff(b, 'Answers the request, with sources.')
    sync(a, b)
    expect(a.toString()).toBe('Fully answers the request, with sources.')
    expect(b.toString()).toBe(a.toString())
  })

  it('handles repeated characters at the edit point', () => {
    const [a] = pair('aaa')
    applyDiff(a, 'aaaa')
    expect(a.toString()).toBe('aaaa')
    applyDiff(a, 'aa')
    expect(a.toString()).toBe('aa')
  })
})
