/**
 * The comments document's read side treats every value as untrusted (any commenter's client wrote it):
 * malformed threads and comments are skipped, bodies lose control characters, deleted comments keep their
 * place without their text; plus @mention parsing and unseen-mention counting.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { findMentions, mentionQuery } from '../../client/comments/mentions'
import {
  addReply,
  cleanCommentBody,
  countOpenThreads,
  deleteComment,
  editComment,
  markMentionsSeen,
  readThreads,
  setResolved,
  startThread,
  threadsMap,
  unseenMentions,
} from '../../shared/ydoc/commentsDoc'

const ann = { id: 'u1', name: 'Ann Lead' }
const rae = { id: 'u2', name: 'Rae Reviewer' }
const anchor = { kind: 'criterion', criterionId: 'c1', label: 'Helpfulness' } as const
const at = '2026-01-01T00:00:00.000Z'

function docWithThread() {
  const doc = new Y.Doc()
  startThread(doc, { id: 't1', anchor, first: { id: 'c1', author: ann, body: 'First', mentions: [], at } })
  return doc
}

describe('comments document', () => {
  it('skips malformed threads and comments instead of failing', () => {
    const doc = docWithThread()
    threadsMap(doc).set('bad', new Y.Map())
    const forged = new Y.Map<unknown>()
    threadsMap(doc).set('forged', forged)
    forged.set('id', 'forged')
    forged.set('anchor', { kind: 'text', start: 1, end: null })
    const comments = threadsMap(doc).get('t1')!.get('comments') as Y.Array<Y.Map<unknown>>
    const junk = new Y.Map<unknown>()
    comments.push([junk])
    junk.set('body', 42)
    expect(readThreads(doc).map((t) => t.id)).toEqual(['t1'])
    expect(readThreads(doc)[0]!.comments.map((c) => c.body)).toEqual(['First'])
  })

  it('keeps a deleted comment as a tombstone, and drops a thread whose comments are all deleted', () => {
    const doc = docWithThread()
    addReply(doc, 't1', { id: 'c2', author: rae, body: 'Reply', mentions: [], at })
    deleteComment(doc, 't1', 'c1')
    expect(readThreads(doc)[0]!.comments.map((c) => [c.deleted, c.body])).toEqual([
      [true, ''],
      [false, 'Reply'],
    ])
    expect(editComment(doc, 't1', 'c1', { body: 'revived', mentions: [], at })).toBe(false)
    deleteComment(doc, 't1', 'c2')
    expect(readThreads(doc)).toEqual([])
    expect(countOpenThreads(doc)).toEqual({ open: 0, resolved: 0 })
  })

  it('counts open and resolved threads', () => {
    const doc = docWithThread()
    startThread(doc, { id: 't2', anchor, first: { id: 'c2', author: rae, body: 'Two', mentions: [], at } })
    setResolved(doc, 't2', true, ann, at)
    expect(countOpenThreads(doc)).toEqual({ open: 1, resolved: 1 })
    expect(readThreads(doc).find((t) => t.id === 't2')!.resolvedBy).toEqual(ann)
  })

  it('strips control characters from bodies but keeps newlines and tabs', () => {
    expect(cleanCommentBody(' a\u0000b\u0007c\nd\te\u007f ')).toBe('abc\nd\te')
  })

  it('counts mentions of me by others until I have seen them', () => {
    const doc = docWithThread()
    addReply(doc, 't1', { id: 'c2', author: rae, body: '@Ann Lead look', mentions: [ann.id], at })
    addReply(doc, 't1', { id: 'c3', author: ann, body: '@Ann Lead note to self', mentions: [ann.id], at })
    expect(unseenMentions(doc, readThreads(doc), ann.id)).toEqual(['c2'])
    markMentionsSeen(doc, ann.id, ['c2'])
    expect(unseenMentions(doc, readThreads(doc), ann.id)).toEqual([])
  })
})

describe('mentions', () => {
  const people = [ann, rae]
  it('finds the people whose @Name is in a body', () => {
    expect(findMentions('thanks @Rae Reviewer and @Nobody', people)).toEqual(['u2'])
  })
  it('finds the partial mention before the caret', () => {
    expect(mentionQuery('hi @Ra', 6)).toEqual({ start: 3, query: 'Ra' })
    expect(mentionQuery('mail a@b', 8)).toBeNull()
  })
})
