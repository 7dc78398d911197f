/**
 * The gold audit: which gold values look wrong, from the attempts already submitted. Per example and
 * criterion it reports difficulty (share agreeing with gold), discrimination (point-biserial correlation of
 * agreeing here with the annotator's agreement on every other item) and the most common non-gold answer;
 * it flags **suspect gold** when the strongest annotators on the item agree with each other on a non-gold
 * answer more than with gold, and **ambiguous** when they split. Agreement is `agrees` from scoring, so the
 * audit counts exactly what the score counts. Thresholds are named in `GOLD_AUDIT_RULES` and explained in
 * docs/gold-audit.md. Pure and single-pass over the answers (1,000 × 100 × 10 answers in well under 100 ms).
 */
import type { GoldAudit, GoldAuditFlag, GoldAuditItem } from '../schema/goldAudit'
import type { CalibrationExample, Criterion, GoldValue, Rubric } from '../schema/rubric'
import { definedStatistic, type Statistic, UndefinedReason, undefinedStatistic } from '../stats/result'
import type { SubmittedAttempt } from './analytics'
import { describeValue } from './goldFits'
import { agrees } from './scoring'
import { questionSlots, slotTitle } from './taskTypes'
import { valueKey } from './valueKey'

export const GOLD_AUDIT_RULES = {
  /** The strong group: the top 27 % of annotators by score on the rest of the attempt (Kelley's groups). */
  strongShare: 0.27,
  /** No flag on an item answered by fewer annotators than this. */
  minAnswers: 20,
  /** The strong group has at least this many annotators (more than 27 % of a small population). */
  minStrong: 6,
  /** Suspect gold: at least this share of the strong group agrees on one non-gold answer (and more than on gold). */
  suspectShare: 0.5,
  /** Ambiguous: the strong group agrees with gold less often than this… */
  ambiguousConsensus: 0.7,
  /** …and at least this share of it agrees on one non-gold answer instead (a split, not scattered noise). */
  ambiguousMinAlternative: 0.25,
} as const

/** The latest submitted attempt per annotator on `version` (the population both the analytics and the audit use). */
export function latestPerAnnotator(version: string, attempts: SubmittedAttempt[]): SubmittedAttempt[] {
  const latest = new Map<string, SubmittedAttempt>()
  for (const a of attempts) {
    if (a.version !== version) continue
    const seen = latest.get(a.userId)
    if (!seen || seen.submittedAt < a.submittedAt) latest.set(a.userId, a)
  }
  return [...latest.values()]
}

interface Item {
  example: CalibrationExample
  /** The question slot (criterion id, or `<id>@A`/`@B`). */
  key: string
  title: string
  criterion: Criterion
  accepted: GoldValue[]
  /** Each distinct answer value once, with its code (its index here) and whether it agrees with gold. */
  distinct: GoldValue[]
  agreeing: boolean[]
  codes: Map<string | number | boolean, number>
}

/** The code of `value` on `item` (adding it, and asking `agrees` once, the first time it is seen). */
function codeOf(item: Item, value: GoldValue): number {
  const key = typeof value === 'object' && value !== null ? valueKey(value) : value
  let code = item.codes.get(key)
  if (code === undefined) {
    code = item.distinct.length
    item.distinct.push(value)
    item.agreeing.push(agrees(item.criterion, value, item.accepted, item.example.content))
    item.codes.set(key, code)
  }
  return code
}

/** Pearson's r between 0/1 agreement and rest scores (the point-biserial correlation); undefined without variation. */
function pointBiserial(n: number, sx: number, sy: number, sxx: number, syy: number, sxy: number): Statistic {
  if (n < 2) return undefinedStatistic(UndefinedReason.tooFewRaters, 'needs at least two annotators', n)
  const vx = n * sxx - sx * sx
  const vy = n * syy - sy * sy
  if (vx <= 1e-12 || vy <= 1e-12) {
    return undefinedStatistic(
      UndefinedReason.noVariation,
      vx <= 1e-12 ? 'everyone answered alike' : 'every annotator has the same score on the rest',
      n,
    )
  }
  const r = (n * sxy - sx * sy) / Math.sqrt(vx * vy)
  return definedStatistic(Math.max(-1, Math.min(1, r)), n)
}

export function goldAudit(
  version: string,
  rubric: Rubric,
  examples: CalibrationExample[],
  attempts: SubmittedAttempt[],
): GoldAudit {
  const raters = latestPerAnnotator(version, attempts).sort((a, b) => a.userId.localeCompare(b.userId))
  const R = raters.length
  const items: Item[] = []
  // Items grouped by example: [example, index of its first item, index after its last].
  const groups: [CalibrationExample, number, number][] = []
  for (const example of examples) {
    if (example.status !== 'ready') continue
    const first = items.length
    for (const slot of questionSlots(rubric, example)) {
      const gold = example.gold[slot.key]
      if (!gold || gold.accepted.length === 0) continue
      items.push({
        example,
        key: slot.key,
        title: slotTitle(slot, example.content),
        criterion: slot.criterion,
        accepted: gold.accepted,
        distinct: [],
        agreeing: [],
        codes: new Map(),
      })
    }
    if (items.length > first) groups.push([example, first, items.length])
  }

  // Pass 1: every answer once, as a code per item and annotator (0 = not answered, else 1 + value code),
  // and each annotator's totals.
  const answerCodes = new Uint32Array(items.length * R)
  const agreedTotal = new Float64Array(R)
  const answeredTotal = new Float64Array(R)
  for (let r = 0; r < R; r++) {
    const answers = raters[r]!.answers
    for (const [example, first, end] of groups) {
      const row = answers[example.id]
      if (!row) continue
      for (let i = first; i < end; i++) {
        const item = items[i]!
        const value = row[item.key]?.value ?? null
        if (value === null) continue
        const code = codeOf(item, value)
        answerCodes[i * R + r] = code + 1
        answeredTotal[r]!++
        if (item.agreeing[code]) agreedTotal[r]!++
      }
    }
  }

  // Pass 2: per item, rest scores, the strong group, and the flags.
  const rest = new Float64Array(R)
  const scratch = new Float64Array(R)
  const audited = items.map((item, i): GoldAuditItem => {
    const { example, criterion, accepted, distinct, agreeing, key, title } = item
    const codes = answerCodes.subarray(i * R, (i + 1) * R)
    const wrongCounts = new Int32Array(distinct.length)
    let n = 0
    let agreed = 0
    let m = 0
    let sx = 0
    let sy = 0
    let sxx = 0
    let syy = 0
    let sxy = 0
    for (let r = 0; r < R; r++) {
      const c = codes[r]!
      rest[r] = Number.NaN
      if (c === 0) continue
      n++
      const a = agreeing[c - 1] ? 1 : 0
      agreed += a
      if (a === 0) wrongCounts[c - 1]!++
      const others = answeredTotal[r]! - 1
      if (others < 1) continue
      const y = (agreedTotal[r]! - a) / others
      rest[r] = y
      scratch[m++] = y
      sx += a
      sy += y
      sxx += a
      syy += y * y
      sxy += a * y
    }

    let top = -1
    for (let c = 0; c < distinct.length; c++) if (wrongCounts[c]! > (top < 0 ? 0 : wrongCounts[top]!)) top = c
    const topWrongAnswer =
      top < 0
        ? null
        : {
            answer: describeValue(criterion, distinct[top]!),
            count: wrongCounts[top]!,
            share: wrongCounts[top]! / n,
          }

    const strong = strongGroup(item, codes, m, rest, scratch)
    const { flags, note } = judge(n, strong)
    return {
      exampleId: example.id,
      exampleTitle: example.title,
      sectionId: example.sectionId,
      criterionId: criterion.id,
      ...(key !== criterion.id ? { slotKey: key } : {}),
      criterionTitle: title,
      gold: accepted.map((v) => describeValue(criterion, v)).join(' | '),
      answers: n,
      difficulty:
        n === 0
          ? undefinedStatistic(UndefinedReason.noData, 'no answers yet')
          : definedStatistic(agreed / n, n),
      discrimination: pointBiserial(m, sx, sy, sxx, syy, sxy),
      topWrongAnswer,
      strong,
      flags,
      note,
    }
  })

  const rank = (item: GoldAuditItem) =>
    item.flags.includes('suspect_gold') ? 0 : item.flags.includes('ambiguous') ? 1 : 2
  const easiness = (item: GoldAuditItem) => (item.difficulty.defined ? item.difficulty.value : 2)
  return {
    version,
    annotators: R,
    rules: { ...GOLD_AUDIT_RULES },
    items: audited.sort((a, b) => rank(a) - rank(b) || easiness(a) - easiness(b)),
  }
}

interface StrongGroup {
  n: number
  goldShare: number
  alternative: { answer: string; share: number } | null
}

/**
 * The strong annotators on item `i` (rest score at or above the cut that keeps the top `strongShare`, at least
 * `minStrong`; ties at the cut are all in), how many of them agree with gold, and the non-gold value that the
 * most of the others' answers agree with (by `agrees`, so a tolerance or strength window counts as scoring does).
 */
function strongGroup(
  item: Item,
  codes: Uint32Array,
  m: number,
  rest: Float64Array,
  scratch: Float64Array,
): StrongGroup {
  if (m === 0) return { n: 0, goldShare: 0, alternative: null }
  const size = Math.min(m, Math.max(GOLD_AUDIT_RULES.minStrong, Math.ceil(GOLD_AUDIT_RULES.strongShare * m)))
  const cut = kthSmallest(scratch, m, m - size)
  let n = 0
  let gold = 0
  const wrong = new Int32Array(item.distinct.length)
  for (let r = 0; r < codes.length; r++) {
    if (!(rest[r]! >= cut)) continue
    n++
    const code = codes[r]! - 1
    if (item.agreeing[code]) gold++
    else wrong[code]!++
  }
  let alternative: StrongGroup['alternative'] = null
  let best = 0
  for (let candidate = 0; candidate < wrong.length; candidate++) {
    if (wrong[candidate] === 0) continue
    const asGold = [item.distinct[candidate]!]
    let support = 0
    for (let c = 0; c < wrong.length; c++) {
      if (wrong[c]! > 0 && agrees(item.criterion, item.distinct[c]!, asGold, item.example.content))
        support += wrong[c]!
    }
    if (support > best) {
      best = support
      alternative = { answer: describeValue(item.criterion, item.distinct[candidate]!), share: support / n }
    }
  }
  return { n, goldShare: gold / n, alternative }
}

/** The k-th smallest (0-based) of the first `m` values, by quickselect (reorders them; linear on average). */
function kthSmallest(xs: Float64Array, m: number, k: number): number {
  let lo = 0
  let hi = m - 1
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1]!
    let i = lo
    let j = hi
    while (i <= j) {
      while (xs[i]! < pivot) i++
      while (xs[j]! > pivot) j--
      if (i <= j) {
        const t = xs[i]!
        xs[i++] = xs[j]!
        xs[j--] = t
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else return xs[k]!
  }
  return xs[k]!
}

function judge(answers: number, strong: StrongGroup): { flags: GoldAuditFlag[]; note: string | null } {
  const rules = GOLD_AUDIT_RULES
  if (answers < rules.minAnswers) {
    return { flags: [], note: `not judged: ${answers} of the ${rules.minAnswers} answers needed` }
  }
  const pct = (v: number) => `${Math.round(v * 100)} %`
  const alt = strong.alternative
  if (alt && alt.share >= rules.suspectShare && alt.share > strong.goldShare) {
    return {
      flags: ['suspect_gold'],
      note: `${pct(alt.share)} of the ${strong.n} strongest annotators answered ${alt.answer}; ${pct(strong.goldShare)} agreed with gold`,
    }
  }
  if (strong.goldShare < rules.ambiguousConsensus && alt && alt.share >= rules.ambiguousMinAlternative) {
    return {
      flags: ['ambiguous'],
      note: `the ${strong.n} strongest annotators split: ${pct(strong.goldShare)} gold, ${pct(alt.share)} ${alt.answer}`,
    }
  }
  return { flags: [], note: null }
}
