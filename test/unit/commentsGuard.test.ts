/**
 * The comments kind's update check (shared/ydoc/commentsKind.ts), without a server: each rule on who may
 * change what is exercised once allowed and once refused (`forbidden`, which the room closes with 4403), and
 * each content rule of the shared comment schema — body length, control and bidi override characters,
 * mention format, anchors — refuses a hand-built update (`invalid`, closed with 4422).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MAX_COMMENT_LENGTH } from '../../shared/schema/comments'
import {
  addReply,
  deleteComment,
  editComment,
  markMentionsSeen,
  setResolved,
  startThread,
  threadsMap,
} from '../../shared/ydoc/commentsDoc'
import { commentsUpdateViolation } from '../../shared/ydoc/commentsKind'

const ann = { id: 'ann-1', name: 'Ann Lead' }
const rae = { id: 'rae-2', name: 'Rae Reviewer' }
const anchor = { kind: 'criterion', criterionId: 'c1', label: 'Helpfulness' } as const
const at = '2026-01-01T00:00:00.000Z'

/**
 * The server's accepted copy with Ann's thread t1, and `check`: runs `change` on a fresh client replica of
 * it and checks what that client sends, as `userId`; an accepted update joins the accepted copy (as in a room).
 */
function setup() {
  const accepted = new Y.Doc()
  startThread(accepted, {
    id: 't1',
    anchor,
    first: { id: 'c1', author: ann, body: 'First', mentions: [], at },
  })
  const check = (userId: string, change: (doc: Y.Doc) => void) => {
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(accepted))
    const before = Y.encodeStateVector(client)
    change(client)
    const update = Y.encodeStateAsUpdate(client, before)
    const refusal = commentsUpdateViolation(accepted, update, { id: userId, mayEditDraft: false })
    if (!refusal) Y.applyUpdate(accepted, update)
    return refusal
  }
  return { accepted, check }
}

/** A comment map written by hand (a modified client), bypassing the helpers' cleaning. */
function rawComment(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>()
  const all = {
    id: 'c9',
    author: rae,
    body: 'ok',
    mentions: [],
    createdAt: at,
    editedAt: null,
    deleted: false,
  }
  for (const [key, value] of Object.entries({ ...all, ...fields })) map.set(key, value)
  return map
}

const commentsOf = (doc: Y.Doc) => threadsMap(doc).get('t1')!.get('comments') as Y.Array<Y.Map<unknown>>

const reply = (fields: Record<string, unknown>) => (doc: Y.Doc) => {
  commentsOf(doc).push([rawComment(fields)])
}

describe('who may change what', () => {
  it('accepts replies, resolutions, own edits and deletes, own mentions seen', () => {
    const { check } = setup()
    expect(
      check(rae.id, (d) => addReply(d, 't1', { id: 'c2', author: rae, body: 'Hi', mentions: [], at })),
    ).toBe(null)
    expect(check(rae.id, (d) => setResolved(d, 't1', true, rae, at))).toBe(null)
    expect(check(ann.id, (d) => editComment(d, 't1', 'c1', { body: 'Edited', mentions: [], at }))).toBe(null)
    expect(check(ann.id, (d) => deleteComment(d, 't1', 'c1'))).toBe(null)
    expect(check(rae.id, (d) => markMentionsSeen(d, rae.id, ['c1']))).toBe(null)
  })

  it.each([
    [
      "editing someone else's comment",
      rae.id,
      (d: Y.Doc) => editComment(d, 't1', 'c1', { body: 'x', mentions: [], at }),
    ],
    ['replying as someone else', rae.id, reply({ author: ann })],
    ['resolving as someone else', rae.id, (d: Y.Doc) => setResolved(d, 't1', true, ann, at)],
    ['removing a thread', ann.id, (d: Y.Doc) => threadsMap(d).delete('t1')],
    [
      "changing a thread's creation time",
      ann.id,
      (d: Y.Doc) => threadsMap(d).get('t1')?.set('createdAt', at),
    ],
    ['removing a comment outright', ann.id, (d: Y.Doc) => commentsOf(d).delete(0, 1)],
    ["marking someone else's mentions as seen", rae.id, (d: Y.Doc) => markMentionsSeen(d, ann.id, ['c1'])],
    ['writing another root', ann.id, (d: Y.Doc) => d.getMap('extra').set('k', 1)],
  ])('refuses %s as forbidden', (_what, userId, change) => {
    expect(setup().check(userId, change)?.kind).toBe('forbidden')
  })

  it('refuses starting a thread as someone else', () => {
    const refusal = setup().check(rae.id, (d) =>
      startThread(d, { id: 't2', anchor, first: { id: 'c5', author: ann, body: 'Hi', mentions: [], at } }),
    )
    expect(refusal).toEqual({ kind: 'forbidden', reason: 'a new thread must be started as yourself' })
  })
})

describe('what a comment may hold (the shared schema)', () => {
  const longest = 'a'.repeat(MAX_COMMENT_LENGTH)

  it('accepts a body of exactly the limit with newlines, tabs and right-to-left text', () => {
    const { check } = setup()
    expect(check(rae.id, reply({ body: longest }))).toBe(null)
    expect(check(rae.id, reply({ id: 'c10', body: 'line\n\tindented שלום مرحبا' }))).toBe(null)
  })

  it.each([
    ['a body one character over the limit', { body: `${longest}a` }],
    [
      "the review's reproduction: 1,048,589 characters with NUL, BEL and ESC",
      { body: `${'x\u0000\u0007\u001b'.repeat(262_147)}a` },
    ],
    ['NUL', { body: 'a\u0000b' }],
    ['a carriage return', { body: 'a\r\nb' }],
    ['ESC (terminal colours)', { body: '\u001b[31mred' }],
    ['DEL', { body: 'a\u007f' }],
    ['a C1 control', { body: 'a\u009bb' }],
    ['a right-to-left override', { body: 'txt.\u202eexe' }],
    ['a bidi isolate', { body: 'a\u2066b\u2069' }],
    ['a body that is not text', { body: 42 }],
    ['a mention that is not a user id', { mentions: ['<script>'] }],
    ['the same person mentioned twice', { mentions: ['ann-1', 'ann-1'] }],
    ['too many mentions', { mentions: Array.from({ length: 101 }, (_, i) => `u${i}`) }],
    ['mentions that are not a list', { mentions: 'ann-1' }],
  ])('refuses a reply with %s as invalid', (_what, fields) => {
    expect(setup().check(rae.id, reply(fields))?.kind).toBe('invalid')
  })

  it('checks edited bodies and mentions, and the comments of a new thread', () => {
    const { check } = setup()
    const edit = (body: string) => (d: Y.Doc) => {
      const first = commentsOf(d).get(0)
      first.set('body', body)
    }
    expect(check(ann.id, edit('bad\u0007'))).toEqual({
      kind: 'invalid',
      reason: 'a comment may not contain control or bidi override characters',
    })
    const newThread = (d: Y.Doc) => {
      const thread = new Y.Map<unknown>()
      thread.set('id', 't3')
      thread.set('anchor', anchor)
      thread.set('createdAt', at)
      const comments = new Y.Array<Y.Map<unknown>>()
      comments.push([rawComment({ id: 'c7', body: `${longest}!` })])
      thread.set('comments', comments)
      threadsMap(d).set('t3', thread)
    }
    expect(check(rae.id, newThread)?.kind).toBe('invalid')
  })

  it('refuses an anchor outside the shared schema', () => {
    const refusal = setup().check(rae.id, (d) =>
      threadsMap(d)
        .get('t1')
        ?.set('anchor', { kind: 'text', start: 'x'.repeat(5000), end: '', quote: '' }),
    )
    expect(refusal?.kind).toBe('invalid')
  })

  it('leaves old comments alone: resolving a thread whose stored body predates the rule is accepted', () => {
    const { accepted, check } = setup()
    commentsOf(accepted).get(0).set('body', `${longest}${longest}`)
    expect(check(rae.id, (d) => setResolved(d, 't1', true, rae, at))).toBe(null)
  })
})
