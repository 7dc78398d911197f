/**
 * Unseen mentions across the comments document (shared/ydoc/reviewMentions.ts): a mention in a reply under a
 * suggested edit counts like one in a thread, not your own, not deleted, until you have seen it.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { markMentionsSeen, readThreads, startThread } from '../../shared/ydoc/commentsDoc'
import { unseenReviewMentions } from '../../shared/ydoc/reviewMentions'
import { addSuggestionReply, createSuggestion } from '../../shared/ydoc/suggestionsDoc'

const ann = { id: 'ann-1', name: 'Ann Lead' }
const rae = { id: 'rae-2', name: 'Rae Reviewer', color: '#123456' }
const at = '2026-01-01T00:00:00.000Z'

function reviewDoc(): Y.Doc {
  const doc = new Y.Doc()
  startThread(doc, {
    id: 't1',
    anchor: { kind: 'criterion', criterionId: 'k1', label: 'Accuracy' },
    first: { id: 'c1', author: rae, body: '@Ann Lead see this', mentions: [ann.id], at },
  })
  createSuggestion(doc, {
    id: 's1',
    author: rae,
    target: { kind: 'criterion', criterionId: 'k1', field: 'description' },
    label: 'Accuracy · description',
    range: { start: 'AAA=', end: 'BBB=' },
    original: 'old words',
    replacement: 'new words',
    at,
  })
  addSuggestionReply(doc, 's1', { id: 'r1', author: rae, body: '@Ann Lead ok?', mentions: [ann.id], at })
  addSuggestionReply(doc, 's1', { id: 'r2', author: ann, body: '@Ann Lead to me', mentions: [ann.id], at })
  addSuggestionReply(doc, 's1', { id: 'r3', author: ann, body: '@Rae Reviewer yes', mentions: [rae.id], at })
  return doc
}

describe('unseen mentions in threads and suggestions', () => {
  it("counts a mention in a suggestion's reply, by someone else, like one in a thread", () => {
    const doc = reviewDoc()
    expect(unseenReviewMentions(doc, readThreads(doc), ann.id)).toEqual(['c1', 'r1'])
    expect(unseenReviewMentions(doc, readThreads(doc), rae.id)).toEqual(['r3'])
  })
  it('stops counting it once seen (its card opened)', () => {
    const doc = reviewDoc()
    markMentionsSeen(doc, ann.id, ['r1'])
    expect(unseenReviewMentions(doc, readThreads(doc), ann.id)).toEqual(['c1'])
    markMentionsSeen(doc, ann.id, ['c1'])
    expect(unseenReviewMentions(doc, readThreads(doc), ann.id)).toEqual([])
  })
})
