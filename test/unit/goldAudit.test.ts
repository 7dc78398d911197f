/**
 * The gold audit on synthetic populations (seeded): annotators of varying skill answer with noise; a gold
 * value flipped on purpose is flagged as suspect and no correct item is; strong annotators who split are
 * flagged ambiguous (a three-way split too, not suspect); nothing is judged below the minimum sample; an
 * all-agree population has no flags and an undefined discrimination; agreement is scoring's (tolerance and
 * strength windows included).
 */
import { describe, expect, it } from 'vitest'
import type { SubmittedAttempt } from '../../shared/rubric/analytics'
import { GOLD_AUDIT_RULES, goldAudit } from '../../shared/rubric/goldAudit'
import type { GoldAuditItem } from '../../shared/schema/goldAudit'
import type { CalibrationExample, Criterion, GoldValue, Rubric } from '../../shared/schema/rubric'

const base = { description: '', tags: [], weight: 1, rationaleRequired: false }
const CRITERIA: Criterion[] = [
  {
    ...base,
    id: 'scale',
    title: 'Helpfulness',
    kind: 'ordinal',
    tolerance: 1,
    levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: `L${value}`, descriptor: '' })),
  },
  { ...base, id: 'safe', title: 'Safe', kind: 'binary' },
  {
    ...base,
    id: 'kind',
    title: 'Kind',
    kind: 'label',
    labels: ['fact', 'opinion', 'advice'].map((value) => ({ value, description: '' })),
    passingLabels: [],
  },
  { ...base, id: 'pref', title: 'Preference', kind: 'pairwise', allowTie: false, strengthRequired: true },
]
const RUBRIC: Rubric = { title: 'R', instructions: '', passThreshold: 0.8, criteria: CRITERIA }

/** Every value a criterion can take (the pool a noisy answer is drawn from). */
function domain(c: Criterion): GoldValue[] {
  switch (c.kind) {
    case 'ordinal':
      return c.levels.map((l) => l.value)
    case 'binary':
    case 'points':
      return [true, false]
    case 'label':
      return c.labels.map((l) => l.value)
    case 'pairwise':
      return (['A', 'B'] as const).flatMap((choice) =>
        (['negligible', 'strong'] as const).map((strength) => ({ choice, strength })),
      )
    case 'multiLabel':
      return [{ labels: [] }, ...c.labels.map((l) => ({ labels: [l.value] }))]
    case 'span':
    case 'stepVerdict':
      return []
  }
}

function rng(seed: number) {
  let s = seed
  return () => {
    s = (s * 16807) % 2147483647
    return s / 2147483647
  }
}

type Truth = Record<string, Record<string, GoldValue>>

interface Population {
  annotators: number
  examples?: number
  seed?: number
  /** Gold differs from the truth here: `${exampleId}/${criterionId}` → the wrong gold. */
  flips?: Record<string, GoldValue>
  /** Items whose truth is genuinely unclear: answered gold with this probability, else the given value, whatever the skill. */
  splits?: Record<string, { goldOdds: number; other: GoldValue; otherOdds?: number; third?: GoldValue }>
  /** Everyone answers the truth. */
  perfect?: boolean
}

function population(p: Population) {
  const random = rng(p.seed ?? 7)
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!
  const truth: Truth = {}
  const examples: CalibrationExample[] = Array.from({ length: p.examples ?? 30 }, (_, e) => {
    const id = `e${e}`
    truth[id] = Object.fromEntries(CRITERIA.map((c) => [c.id, pick(domain(c))]))
    return {
      id,
      title: `Example ${e}`,
      // Two responses, so the pairwise criterion is asked (kindFitsContent).
      content: { kind: 'pairwise', prompt: '', responseA: '', responseB: '' },
      rationale: '',
      difficulty: 'medium',
      sectionId: null,
      status: 'ready',
      gold: Object.fromEntries(
        CRITERIA.map((c) => [
          c.id,
          { accepted: [p.flips?.[`${id}/${c.id}`] ?? truth[id]![c.id]!], rationale: '' },
        ]),
      ),
    }
  })
  const attempts: SubmittedAttempt[] = Array.from({ length: p.annotators }, (_, a) => {
    const skill = 0.55 + 0.42 * random()
    const answers: SubmittedAttempt['answers'] = {}
    for (const example of examples) {
      answers[example.id] = {}
      for (const c of CRITERIA) {
        const right = truth[example.id]![c.id]!
        const split = p.splits?.[`${example.id}/${c.id}`]
        let value: GoldValue
        if (split) {
          const roll = random()
          value =
            roll < split.goldOdds
              ? right
              : split.third === undefined || roll < split.goldOdds + (split.otherOdds ?? 1)
                ? split.other
                : split.third
        } else if (p.perfect || random() < skill) value = right
        else value = pick(domain(c).filter((v) => JSON.stringify(v) !== JSON.stringify(right)))
        answers[example.id]![c.id] = { value }
      }
    }
    return {
      userId: `u${String(a).padStart(4, '0')}`,
      userName: `Annotator ${a}`,
      version: '1.0.0',
      submittedAt: '2026-01-01T00:00:00Z',
      score: 0,
      passed: false,
      items: examples.map((e) => e.id),
      answers,
    }
  })
  return { examples, attempts, truth }
}

const flagged = (items: GoldAuditItem[], flag: 'suspect_gold' | 'ambiguous') =>
  items
    .filter((i) => i.flags.includes(flag))
    .map((i) => `${i.exampleId}/${i.criterionId}`)
    .sort()

describe('gold audit', () => {
  it('flags a deliberately flipped gold value as suspect, and no correct item', () => {
    const probe = population({ annotators: 60 })
    const flips = {
      'e7/safe': !probe.truth.e7!.safe,
      'e12/scale': probe.truth.e12!.scale === 1 ? 5 : 1,
      'e20/kind': probe.truth.e20!.kind === 'fact' ? 'advice' : 'fact',
      // Pairwise with strength: the other side.
      'e25/pref': {
        choice: (probe.truth.e25!.pref as { choice: string }).choice === 'A' ? 'B' : 'A',
        strength: 'strong',
      },
    } as Record<string, GoldValue>
    const { examples, attempts } = population({ annotators: 60, flips })
    const audit = goldAudit('1.0.0', RUBRIC, examples, attempts)
    expect(audit.annotators).toBe(60)
    expect(audit.items).toHaveLength(30 * CRITERIA.length)
    expect(flagged(audit.items, 'suspect_gold')).toEqual(Object.keys(flips).sort())
    expect(flagged(audit.items, 'ambiguous')).toEqual([])
    // Flagged items come first, and a flipped item discriminates negatively: the best annotators miss it.
    const first = audit.items[0]!
    expect(first.flags).toEqual(['suspect_gold'])
    expect(first.discrimination.defined && first.discrimination.value).toBeLessThan(0)
    expect(first.strong.n).toBeGreaterThanOrEqual(Math.ceil(60 * GOLD_AUDIT_RULES.strongShare))
    expect(first.note).toMatch(/strongest annotators answered/)
    const safe = audit.items.find((i) => i.exampleId === 'e7' && i.criterionId === 'safe')!
    expect(safe.topWrongAnswer?.answer).toBe(probe.truth.e7!.safe ? 'Yes' : 'No')
    expect(safe.topWrongAnswer!.share).toBeGreaterThan(0.5)
    expect(safe.difficulty.defined && safe.difficulty.value).toBeLessThan(0.5)
    // Correct items discriminate positively on average.
    const correct = audit.items.filter((i) => i.flags.length === 0 && i.discrimination.defined)
    const mean = correct.reduce((s, i) => s + (i.discrimination.defined ? i.discrimination.value : 0), 0)
    expect(mean / correct.length).toBeGreaterThan(0.1)
  })

  it('holds across seeds: every flip flagged, no correct item flagged', () => {
    for (const seed of [11, 23, 101, 977, 4242]) {
      const probe = population({ annotators: 80, seed })
      const flips = { 'e3/safe': !probe.truth.e3!.safe }
      const { examples, attempts } = population({ annotators: 80, seed, flips })
      const audit = goldAudit('1.0.0', RUBRIC, examples, attempts)
      expect(flagged(audit.items, 'suspect_gold'), `seed ${seed}`).toEqual(['e3/safe'])
      expect(flagged(audit.items, 'ambiguous'), `seed ${seed}`).toEqual([])
    }
  })

  it('flags an item the strong annotators split on as ambiguous', () => {
    const probe = population({ annotators: 60 })
    const gold = probe.truth.e4!.kind as string
    const other = gold === 'fact' ? 'opinion' : 'fact'
    const { examples, attempts } = population({
      annotators: 60,
      splits: { 'e4/kind': { goldOdds: 0.55, other } },
    })
    const audit = goldAudit('1.0.0', RUBRIC, examples, attempts)
    expect(flagged(audit.items, 'ambiguous')).toEqual(['e4/kind'])
    expect(flagged(audit.items, 'suspect_gold')).toEqual([])
    const item = audit.items.find((i) => i.exampleId === 'e4' && i.criterionId === 'kind')!
    expect(item.strong.alternative?.answer).toBe(other)
    expect(item.note).toMatch(/split/)
  })

  it('calls a three-way split ambiguous, not suspect, when no other answer has half the strong group', () => {
    const probe = population({ annotators: 60 })
    const gold = probe.truth.e14!.kind as string
    const [other, third] = ['fact', 'opinion', 'advice'].filter((l) => l !== gold) as [string, string]
    const { examples, attempts } = population({
      annotators: 60,
      splits: { 'e14/kind': { goldOdds: 0.3, other, otherOdds: 0.38, third } },
    })
    const audit = goldAudit('1.0.0', RUBRIC, examples, attempts)
    const item = audit.items.find((i) => i.exampleId === 'e14' && i.criterionId === 'kind')!
    // More of the strong group picked `other` than gold, but under half of it: split, not a wrong gold.
    expect(item.strong.alternative!.share).toBeGreaterThan(item.strong.goldShare)
    expect(item.strong.alternative!.share).toBeLessThan(GOLD_AUDIT_RULES.suspectShare)
    expect(item.flags).toEqual(['ambiguous'])
    expect(flagged(audit.items, 'suspect_gold')).toEqual([])
  })

  it('judges nothing below the minimum number of answers, and judges at it', () => {
    const flipFor = (n: number) => {
      const probe = population({ annotators: n })
      return { 'e7/safe': !probe.truth.e7!.safe }
    }
    const few = GOLD_AUDIT_RULES.minAnswers - 1
    const small = population({ annotators: few, flips: flipFor(few) })
    const tooFew = goldAudit('1.0.0', RUBRIC, small.examples, small.attempts)
    expect(tooFew.items.every((i) => i.flags.length === 0)).toBe(true)
    expect(tooFew.items[0]!.note).toBe(
      `not judged: ${few} of the ${GOLD_AUDIT_RULES.minAnswers} answers needed`,
    )
    // Statistics are still reported, with their sample size.
    expect(tooFew.items[0]!.difficulty).toMatchObject({ defined: true, n: few })

    const enough = GOLD_AUDIT_RULES.minAnswers
    const big = population({ annotators: enough, flips: flipFor(enough) })
    const judged = goldAudit('1.0.0', RUBRIC, big.examples, big.attempts)
    expect(flagged(judged.items, 'suspect_gold')).toEqual(['e7/safe'])
  })

  it('has no flags and an undefined discrimination when everyone agrees with gold', () => {
    const { examples, attempts } = population({ annotators: 40, perfect: true })
    const audit = goldAudit('1.0.0', RUBRIC, examples, attempts)
    for (const item of audit.items) {
      expect(item.flags).toEqual([])
      expect(item.difficulty).toMatchObject({ defined: true, value: 1, n: 40 })
      expect(item.discrimination).toMatchObject({ defined: false, reason: 'no_variation' })
      expect(item.topWrongAnswer).toBeNull()
    }
  })

  it("counts agreement as scoring does, uses each annotator's latest attempt, and says when there is no data", () => {
    const { examples, attempts } = population({ annotators: 25, perfect: true, examples: 3 })
    // Everyone answers one step off gold on the ±1 scale: still agreement.
    for (const a of attempts) {
      const gold = examples[0]!.gold.scale!.accepted[0] as number
      a.answers.e0!.scale = { value: gold === 5 ? 4 : gold + 1 }
    }
    // An older attempt by u0000 on the same version, with every answer wrong, is ignored.
    const older = structuredClone(attempts[0]!)
    older.submittedAt = '2025-01-01T00:00:00Z'
    older.answers.e0!.safe = { value: !examples[0]!.gold.safe!.accepted[0] }
    const audit = goldAudit('1.0.0', RUBRIC, examples, [older, ...attempts])
    const scale = audit.items.find((i) => i.exampleId === 'e0' && i.criterionId === 'scale')!
    expect(scale.difficulty).toMatchObject({ value: 1, n: 25 })
    const safe = audit.items.find((i) => i.exampleId === 'e0' && i.criterionId === 'safe')!
    expect(safe.difficulty).toMatchObject({ value: 1, n: 25 })
    // Another version's population is empty.
    const none = goldAudit('2.0.0', RUBRIC, examples, attempts)
    expect(none.annotators).toBe(0)
    expect(none.items[0]!.difficulty).toMatchObject({ defined: false, reason: 'no_data' })
    expect(none.items[0]!.discrimination).toMatchObject({ defined: false })
  })
})
