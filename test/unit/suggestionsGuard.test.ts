/**
 * The comments kind's rules for the suggestions root (shared/ydoc/commentsKind.ts), without a server: a
 * suggestion is made as yourself, open and undecided, with a target, range and texts that fit; only its
 * author extends or withdraws it while open; only a writer who may edit the draft decides it, as themselves,
 * once; its discussion follows the thread rules; nothing is removed. Each rule is exercised allowed and refused.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MAX_SUGGESTION_TEXT } from '../../shared/schema/suggestions'
import { commentMap } from '../../shared/ydoc/commentsDoc'
import { commentsUpdateViolation } from '../../shared/ydoc/commentsKind'
import type { UpdateRefusal, UpdateWriter } from '../../shared/ydoc/docKind'
import {
  addSuggestionReply,
  createSuggestion,
  markDecided,
  SuggestionKey,
  suggestionsMap,
  updateOwnSuggestion,
  withdrawSuggestion,
} from '../../shared/ydoc/suggestionsDoc'

const ann = { id: 'ann-1', name: 'Ann Lead' }
const rae = { id: 'rae-2', name: 'Rae Reviewer' }
const bob = { id: 'bob-3', name: 'Bob Lead' }
const lead = (id: string): UpdateWriter => ({ id, mayEditDraft: true })
const reviewer = (id: string): UpdateWriter => ({ id, mayEditDraft: false })
const at = '2026-01-01T00:00:00.000Z'
const range = { start: 'AAAA', end: 'BBBB' }
const target = { kind: 'criterion', criterionId: 'c1', field: 'description' } as const
const base = {
  author: rae,
  target,
  label: 'Accuracy · description',
  range,
  original: 'old',
  replacement: 'new',
  at,
}

/**
 * The server's accepted copy with Rae's open suggestion s1, and `check`: runs `change` on a fresh client
 * replica and checks what it sends as `writer`; an accepted update joins the accepted copy (as in a room).
 */
function setup() {
  const accepted = new Y.Doc()
  createSuggestion(accepted, { id: 's1', ...base })
  const check = (writer: UpdateWriter, change: (doc: Y.Doc) => void): UpdateRefusal | null => {
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(accepted))
    const before = Y.encodeStateVector(client)
    change(client)
    const update = Y.encodeStateAsUpdate(client, before)
    const refusal = commentsUpdateViolation(accepted, update, writer)
    if (!refusal) Y.applyUpdate(accepted, update)
    return refusal
  }
  return { accepted, check }
}

/** A change `writer` sends, and the refusal kind expected. */
type WriterCase = [string, UpdateWriter, (d: Y.Doc) => unknown, UpdateRefusal['kind']]
type LeadCase = [string, (d: Y.Doc) => unknown, UpdateRefusal['kind']]

const s1 = (d: Y.Doc): Y.Map<unknown> => suggestionsMap(d).get('s1')!

/** A suggestion map written by hand (a modified client), bypassing the helpers' checks. */
const rawSuggestion = (id: string, fields: Record<string, unknown>) => (d: Y.Doc) => {
  const map = new Y.Map<unknown>()
  const all: Record<string, unknown> = {
    id,
    author: rae,
    createdAt: at,
    target,
    label: 'x',
    range,
    original: 'old',
    replacement: 'new',
    status: 'open',
    decidedBy: null,
    decidedAt: null,
    comments: new Y.Array(),
    ...fields,
  }
  for (const [key, value] of Object.entries(all)) if (value !== undefined) map.set(key, value)
  suggestionsMap(d).set(id, map)
}

describe('making a suggestion', () => {
  it('is accepted as yourself, with any target kind', () => {
    const { check } = setup()
    expect(check(reviewer(rae.id), (d) => createSuggestion(d, { id: 's2', ...base }))).toBe(null)
    // A description (like a level descriptor or a gold rationale) holds several lines.
    expect(check(reviewer(rae.id), rawSuggestion('s9', { replacement: 'first\nsecond' }))).toBe(null)
    expect(
      check(
        reviewer(rae.id),
        rawSuggestion('s3', { target: { kind: 'guideline' }, original: '', replacement: 'x' }),
      ),
    ).toBe(null)
    expect(
      check(
        lead(ann.id),
        rawSuggestion('s4', {
          author: ann,
          target: { kind: 'goldRationale', exampleId: 'e1', criterionId: 'c1' },
          replacement: 'two\nlines',
        }),
      ),
    ).toBe(null)
  })

  it.each<WriterCase>([
    ['as someone else', reviewer(rae.id), rawSuggestion('s2', { author: ann }), 'forbidden'],
    ['without an author', reviewer(rae.id), rawSuggestion('s2', { author: undefined }), 'forbidden'],
    ['already accepted', lead(ann.id), rawSuggestion('s2', { author: ann, status: 'accepted' }), 'forbidden'],
    ['already decided by someone', reviewer(rae.id), rawSuggestion('s2', { decidedBy: rae }), 'forbidden'],
    ['with a decision time', reviewer(rae.id), rawSuggestion('s2', { decidedAt: at }), 'forbidden'],
    ['under another id than its key', reviewer(rae.id), rawSuggestion('s2', { id: 's9' }), 'invalid'],
    ['under a key that is no id', reviewer(rae.id), rawSuggestion('a b', {}), 'invalid'],
    ['with an unknown key', reviewer(rae.id), rawSuggestion('s2', { extra: 1 }), 'invalid'],
    [
      'with an unknown target',
      reviewer(rae.id),
      rawSuggestion('s2', { target: { kind: 'title' } }),
      'invalid',
    ],
    ['with a bad range', reviewer(rae.id), rawSuggestion('s2', { range: { start: 1 } }), 'invalid'],
    [
      'with a range too long',
      reviewer(rae.id),
      rawSuggestion('s2', { range: { start: 'A'.repeat(201), end: 'A' } }),
      'invalid',
    ],
    [
      'with a text over the limit',
      reviewer(rae.id),
      rawSuggestion('s2', { replacement: 'a'.repeat(MAX_SUGGESTION_TEXT + 1) }),
      'invalid',
    ],
    ['with a bidi override', reviewer(rae.id), rawSuggestion('s2', { original: 'a\u202eb' }), 'invalid'],
    ['with NUL', reviewer(rae.id), rawSuggestion('s2', { replacement: 'a\u0000b' }), 'invalid'],
    [
      'with a line break in a guideline paragraph',
      reviewer(rae.id),
      rawSuggestion('s2', { target: { kind: 'guideline' }, replacement: 'a\nb' }),
      'invalid',
    ],
    [
      'with a line break in a criterion title',
      reviewer(rae.id),
      rawSuggestion('s2', {
        target: { kind: 'criterion', criterionId: 'c1', field: 'title' },
        replacement: 'a\nb',
      }),
      'invalid',
    ],
    [
      'with a line break in a level label',
      reviewer(rae.id),
      rawSuggestion('s2', {
        target: { kind: 'level', criterionId: 'c1', levelId: 'l1', field: 'label' },
        replacement: 'a\nb',
      }),
      'invalid',
    ],
    [
      'with a text that is no string',
      reviewer(rae.id),
      rawSuggestion('s2', { original: new Y.Text('x') }),
      'invalid',
    ],
    [
      'with a label over 200 characters',
      reviewer(rae.id),
      rawSuggestion('s2', { label: 'l'.repeat(201) }),
      'invalid',
    ],
    [
      'with a label holding a bidi override',
      reviewer(rae.id),
      rawSuggestion('s2', { label: 'a\u202eb' }),
      'invalid',
    ],
    ['with a label of two lines', reviewer(rae.id), rawSuggestion('s2', { label: 'a\nb' }), 'invalid'],
    ['without a time', reviewer(rae.id), rawSuggestion('s2', { createdAt: undefined }), 'invalid'],
    [
      'already saying what was decided',
      reviewer(rae.id),
      rawSuggestion('s2', { decided: { original: 'old', replacement: 'new' } }),
      'forbidden',
    ],
    ['without a discussion list', reviewer(rae.id), rawSuggestion('s2', { comments: [] }), 'invalid'],
    [
      "with someone else's comment in it",
      reviewer(rae.id),
      rawSuggestion('s2', {
        comments: Y.Array.from([commentMap({ id: 'c1', author: ann, body: 'x', mentions: [], at })]),
      }),
      'forbidden',
    ],
  ])('is refused %s', (_what, writer, change, kind) => {
    expect(setup().check(writer, change)?.kind).toBe(kind)
  })

  it('refuses a suggestion that is not a map, and replacing or removing one', () => {
    const { check } = setup()
    expect(check(reviewer(rae.id), (d) => d.getMap('suggestions').set('s2', 'text'))?.kind).toBe('invalid')
    expect(check(reviewer(rae.id), (d) => suggestionsMap(d).delete('s1'))?.kind).toBe('forbidden')
    expect(check(reviewer(rae.id), (d) => createSuggestion(d, { id: 's1', ...base }))?.kind).toBe('forbidden')
  })
})

describe('changing an open suggestion', () => {
  it('lets its author extend it and withdraw it', () => {
    const { check } = setup()
    const wider = { start: 'CCCC', end: 'DDDD' }
    expect(
      check(reviewer(rae.id), (d) => updateOwnSuggestion(d, 's1', { range: wider, original: 'old text' })),
    ).toBe(null)
    expect(check(reviewer(rae.id), (d) => withdrawSuggestion(d, 's1'))).toBe(null)
    // Withdrawn: a keystroke that crossed the withdrawal on the wire still goes in (refusing it would close
    // the author's socket); it is never reopened by its author.
    expect(check(reviewer(rae.id), (d) => s1(d).set(SuggestionKey.replacement, 'newer'))).toBe(null)
    expect(check(reviewer(rae.id), (d) => s1(d).set(SuggestionKey.status, 'open'))?.kind).toBe('forbidden')
    // A lead's decision (recorded first by the decision route) may land over a withdrawal written past the
    // route, so such a withdrawal cannot get the lead's socket closed; a decision needs its decider still.
    expect(check(lead(ann.id), (d) => s1(d).set(SuggestionKey.status, 'accepted'))?.kind).toBe('forbidden')
    expect(check(lead(ann.id), (d) => markDecided(d, 's1', 'accepted', ann, at))).toBe(null)
  })

  it.each<WriterCase>([
    [
      "extending someone else's",
      lead(ann.id),
      (d: Y.Doc) => s1(d).set(SuggestionKey.replacement, 'x'),
      'forbidden',
    ],
    [
      "withdrawing someone else's",
      lead(ann.id),
      (d: Y.Doc) => s1(d).set(SuggestionKey.status, 'withdrawn'),
      'forbidden',
    ],
    [
      'changing its author',
      reviewer(rae.id),
      (d: Y.Doc) => s1(d).set(SuggestionKey.author, ann),
      'forbidden',
    ],
    [
      'changing its target',
      reviewer(rae.id),
      (d: Y.Doc) => s1(d).set(SuggestionKey.target, { kind: 'guideline' }),
      'forbidden',
    ],
    ['changing its label', reviewer(rae.id), (d: Y.Doc) => s1(d).set(SuggestionKey.label, 'x'), 'forbidden'],
    [
      'changing its time',
      reviewer(rae.id),
      (d: Y.Doc) => s1(d).set(SuggestionKey.createdAt, at),
      'forbidden',
    ],
    [
      'replacing its discussion',
      reviewer(rae.id),
      (d: Y.Doc) => s1(d).set(SuggestionKey.comments, new Y.Array()),
      'forbidden',
    ],
    ['removing its range', reviewer(rae.id), (d: Y.Doc) => s1(d).delete(SuggestionKey.range), 'invalid'],
    [
      'extending it with a bad text',
      reviewer(rae.id),
      (d: Y.Doc) => s1(d).set(SuggestionKey.replacement, 'a\u0007'),
      'invalid',
    ],
    [
      'withdrawing it with a decider',
      reviewer(rae.id),
      (d: Y.Doc) => {
        s1(d).set(SuggestionKey.status, 'withdrawn')
        s1(d).set(SuggestionKey.decidedBy, rae)
      },
      'forbidden',
    ],
    [
      'setting a decider without a status',
      lead(ann.id),
      (d: Y.Doc) => s1(d).set(SuggestionKey.decidedBy, ann),
      'forbidden',
    ],
    [
      'setting it back to open',
      reviewer(rae.id),
      (d: Y.Doc) => s1(d).set(SuggestionKey.status, 'open'),
      'forbidden',
    ],
    [
      'setting an unknown status',
      lead(ann.id),
      (d: Y.Doc) => s1(d).set(SuggestionKey.status, 'merged'),
      'forbidden',
    ],
  ])('refuses %s', (_what, writer, change, kind) => {
    expect(setup().check(writer, change)?.kind).toBe(kind)
  })
})

describe('deciding', () => {
  it('lets a writer who may edit the draft accept or reject an open suggestion as themselves, once', () => {
    const { check, accepted } = setup()
    createSuggestion(accepted, { id: 's2', ...base })
    expect(check(lead(ann.id), (d) => markDecided(d, 's1', 'accepted', ann, at))).toBe(null)
    expect(check(lead(bob.id), (d) => markDecided(d, 's2', 'rejected', bob, at))).toBe(null)
    // Decided: never again, not even by the decider.
    expect(check(lead(bob.id), (d) => s1(d).set(SuggestionKey.status, 'rejected'))?.kind).toBe('forbidden')
    expect(
      check(lead(ann.id), (d) => {
        s1(d).set(SuggestionKey.status, 'rejected')
        s1(d).set(SuggestionKey.decidedBy, ann)
      })?.kind,
    ).toBe('forbidden')
    // Neither withdrawn nor reopened once decided; its author's late keystrokes still go in.
    expect(check(reviewer(rae.id), (d) => s1(d).set(SuggestionKey.status, 'withdrawn'))?.kind).toBe(
      'forbidden',
    )
    expect(check(reviewer(rae.id), (d) => s1(d).set(SuggestionKey.status, 'open'))?.kind).toBe('forbidden')
    expect(check(reviewer(rae.id), (d) => s1(d).set(SuggestionKey.original, 'x'))).toBe(null)
  })

  it('refuses a reviewer deciding, even their own suggestion', () => {
    const refusal = setup().check(reviewer(rae.id), (d) => markDecided(d, 's1', 'accepted', rae, at))
    expect(refusal).toEqual({
      kind: 'forbidden',
      reason: 'only someone who may edit the draft accepts or rejects',
    })
  })

  it.each<LeadCase>([
    ['as someone else', (d: Y.Doc) => markDecided(d, 's1', 'accepted', bob, at), 'forbidden'],
    ['without a decider', (d: Y.Doc) => s1(d).set(SuggestionKey.status, 'accepted'), 'forbidden'],
    [
      'with what was decided unreadable',
      (d: Y.Doc) => {
        markDecided(d, 's1', 'accepted', ann, at)
        s1(d).set(SuggestionKey.decided, { original: 'old', replacement: 7 })
      },
      'invalid',
    ],
    [
      'without a time',
      (d: Y.Doc) => {
        s1(d).set(SuggestionKey.status, 'rejected')
        s1(d).set(SuggestionKey.decidedBy, ann)
      },
      'invalid',
    ],
    [
      'while changing its texts',
      (d: Y.Doc) => {
        markDecided(d, 's1', 'accepted', ann, at)
        s1(d).set(SuggestionKey.replacement, 'other')
      },
      'forbidden',
    ],
  ])('refuses a lead deciding %s', (_what, change, kind) => {
    expect(setup().check(lead(ann.id), change)?.kind).toBe(kind)
  })
})

describe('concurrent writes to the same decision keys', () => {
  /**
   * Two replicas with fixed client ids make their change on the same accepted state; their updates reach the
   * server one after the other (the second was made without seeing the first). Returns each one's refusal.
   */
  function race(
    first: { writer: UpdateWriter; clientId: number; change: (d: Y.Doc) => unknown },
    second: { writer: UpdateWriter; clientId: number; change: (d: Y.Doc) => unknown },
  ) {
    const accepted = new Y.Doc()
    createSuggestion(accepted, { id: 's1', ...base })
    const updates = [first, second].map(({ clientId, change }) => {
      const replica = new Y.Doc()
      replica.clientID = clientId
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(accepted))
      const before = Y.encodeStateVector(replica)
      change(replica)
      return Y.encodeStateAsUpdate(replica, before)
    })
    return [first, second].map(({ writer }, i) => {
      const refusal = commentsUpdateViolation(accepted, updates[i]!, writer)
      if (!refusal) Y.applyUpdate(accepted, updates[i]!)
      return refusal
    })
  }
  const withdraw = (d: Y.Doc) => withdrawSuggestion(d, 's1')
  const accept = (d: Y.Doc) => markDecided(d, 's1', 'accepted', ann, at)

  it.each([
    [1, 2],
    [2, 1],
  ])(
    'lets the author withdraw in two tabs at once (client ids %i and %i): neither socket is closed',
    (a, b) => {
      expect(
        race(
          { writer: reviewer(rae.id), clientId: 1000 + a, change: withdraw },
          { writer: reviewer(rae.id), clientId: 1000 + b, change: withdraw },
        ),
      ).toEqual([null, null])
    },
  )

  it.each([
    [1, 2],
    [2, 1],
  ])(
    'lets a lead’s decision cross a withdrawal written past the route (client ids %i and %i), either order',
    (a, b) => {
      const author = { writer: reviewer(rae.id), clientId: 1000 + a, change: withdraw }
      const decider = { writer: lead(ann.id), clientId: 1000 + b, change: accept }
      expect(race(author, decider)).toEqual([null, null])
      // The other arrival order: the decision first, then the withdrawal that crossed it — its author is the
      // one who wrote past the route, so theirs may be refused when it would change a decided suggestion.
      const [decided, late] = race(decider, author)
      expect(decided).toBe(null)
      if (late) expect(late.kind).toBe('forbidden')
    },
  )

  it('still refuses a reviewer’s decision that wins the conflict', () => {
    const [, refusal] = race(
      { writer: lead(ann.id), clientId: 1001, change: accept },
      { writer: reviewer(rae.id), clientId: 1002, change: (d) => markDecided(d, 's1', 'rejected', rae, at) },
    )
    expect(refusal?.kind).toBe('forbidden')
  })
})

describe('discussing a suggestion', () => {
  it('follows the thread rules: own comments, never removed, fitting the schema', () => {
    const { check } = setup()
    const reply =
      (author: typeof ann, body = 'Why?') =>
      (d: Y.Doc) =>
        addSuggestionReply(d, 's1', { id: `c-${author.id}`, author, body, mentions: [], at })
    expect(check(lead(ann.id), reply(ann))).toBe(null)
    expect(check(reviewer(rae.id), reply(ann))?.kind).toBe('forbidden')
    const comments = (d: Y.Doc) => s1(d).get(SuggestionKey.comments) as Y.Array<Y.Map<unknown>>
    expect(check(reviewer(rae.id), (d) => comments(d).get(0).set('body', 'edited'))?.kind).toBe('forbidden')
    expect(check(lead(ann.id), (d) => comments(d).get(0).set('body', 'edited'))).toBe(null)
    expect(check(lead(ann.id), (d) => comments(d).get(0).set('body', 'bad\u0007'))?.kind).toBe('invalid')
    expect(check(lead(ann.id), (d) => comments(d).get(0).set('author', rae))?.kind).toBe('forbidden')
    expect(check(lead(ann.id), (d) => comments(d).delete(0, 1))?.kind).toBe('forbidden')
    // A decided suggestion can still be discussed.
    expect(check(lead(bob.id), (d) => markDecided(d, 's1', 'rejected', bob, at))).toBe(null)
    expect(check(reviewer(rae.id), reply(rae, 'Fair'))).toBe(null)
  })
})
