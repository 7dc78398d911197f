/**
 * Agreement statistics for the kinds whose answers are sets (multiLabel, span, stepVerdict), where one kappa
 * over whole answers would say little: agreement with gold (exact, and by the scoring rule), plus per-label
 * kappa (each label as yes/no) for multiLabel, mean span F1 annotator-vs-gold and annotator-vs-annotator for
 * spans, and Krippendorff's alpha (nominal) over (example, step) units with the first-wrong-step exact-match
 * share for step verdicts. Units are (example, slot) questions. Shapes: shared/schema/dashboard.ts.
 */
import type { CriterionAnalytics, Estimate } from '../schema/dashboard'
import type { Criterion, ExampleContent, GoldValue } from '../schema/rubric'
import { percentileInterval, proportionInterval } from '../stats/bootstrap'
import { cohensKappaFromTable } from '../stats/cohensKappa'
import { fleissKappa } from '../stats/fleissKappa'
import { krippendorffsAlpha } from '../stats/krippendorffsAlpha'
import { definedStatistic, type Statistic, UndefinedReason, undefinedStatistic } from '../stats/result'
import { bestJaccard } from './labelSets'
import { judge } from './scoring'
import { bestSpanMatch, matchSpans } from './spanMatch'
import { stepIdsOf } from './taskTypes'
import { valueKey } from './valueKey'
import { isLabelSet, isSpanSet, isStepVerdicts } from './valueShapes'

export const SET_KINDS: ReadonlySet<Criterion['kind']> = new Set(['multiLabel', 'span', 'stepVerdict'])

/** One question (example, slot) of a set-kind criterion and the answers of the annotators asked it. */
export interface KindUnit {
  example: number
  accepted: GoldValue[]
  content: ExampleContent
  /** One entry per annotator asked (null: no answer). */
  answers: (GoldValue | null)[]
}

export interface UnitOutcome {
  answers: number
  misses: number
  /** Answers that do not agree with gold, by value (null: no valid answer). */
  wrong: { value: GoldValue | null; count: number }[]
}

type Parts = Omit<
  CriterionAnalytics,
  'criterionId' | 'title' | 'kind' | 'scored' | 'items' | 'annotators' | 'categories' | 'tolerance'
>

const estimate = (stat: Statistic, ci: Estimate['ci'] = null): Estimate => ({
  stat,
  ci: stat.defined ? ci : null,
})
const share = (k: number, n: number, none: string): Estimate =>
  n === 0
    ? estimate(undefinedStatistic(UndefinedReason.noData, none))
    : estimate(definedStatistic(k / n, n), proportionInterval(k, n))
const notApplicable = (message: string): Estimate =>
  estimate(undefinedStatistic(UndefinedReason.notApplicable, message))

/** A mean over units with a bootstrap interval over units (per-unit sums and counts). */
function meanOverUnits(
  sums: number[],
  counts: number[],
  draws: Uint16Array[] | null,
  none: string,
): Estimate {
  const n = counts.reduce((a, b) => a + b, 0)
  if (n === 0) return estimate(undefinedStatistic(UndefinedReason.noData, none))
  const mean = sums.reduce((a, b) => a + b, 0) / n
  let ci: Estimate['ci'] = null
  if (draws && draws[0]?.length === sums.length) {
    const replicate = draws.map((w) => {
      let s = 0
      let c = 0
      for (let i = 0; i < w.length; i++) {
        s += w[i]! * sums[i]!
        c += w[i]! * counts[i]!
      }
      return c === 0 ? Number.NaN : s / c
    })
    ci = percentileInterval(replicate)
  }
  return estimate(definedStatistic(mean, n), ci)
}

export function kindEstimates(
  criterion: Criterion,
  units: KindUnit[],
  draws: Uint16Array[] | null,
): { parts: Parts; perUnit: UnitOutcome[] } {
  let asked = 0
  let exact = 0
  let agreeing = 0
  const perUnit = units.map((unit): UnitOutcome => {
    const acceptedKeys = new Set(unit.accepted.map(valueKey))
    const wrong = new Map<string, { value: GoldValue | null; count: number }>()
    let misses = 0
    for (const answer of unit.answers) {
      asked++
      if (answer !== null && acceptedKeys.has(valueKey(answer))) exact++
      const ok = answer !== null && judge(criterion, answer, unit.accepted, unit.content).agrees
      if (ok) {
        agreeing++
        continue
      }
      misses++
      const key = valueKey(answer)
      const seen = wrong.get(key) ?? { value: answer, count: 0 }
      seen.count++
      wrong.set(key, seen)
    }
    return { answers: unit.answers.length, misses, wrong: [...wrong.values()] }
  })
  const none = units.length === 0 ? 'not scored: no example has gold for it' : 'no answers yet'
  const parts: Parts = {
    exactAgreement: share(exact, asked, none),
    toleranceAgreement: share(agreeing, asked, none),
    kappa: { unweighted: notApplicable(kindNote(criterion)), linear: null, quadratic: null },
    sideKappa: null,
    alpha: notApplicable(kindNote(criterion)),
    alphaLevel: 'nominal',
    fleiss: notApplicable(kindNote(criterion)),
  }
  if (criterion.kind === 'multiLabel') parts.perLabel = perLabel(criterion, units, draws)
  if (criterion.kind === 'span') parts.spanF1 = spanF1(criterion, units, draws)
  if (criterion.kind === 'stepVerdict') {
    parts.steps = steps(criterion, units, draws)
    if (parts.steps.alpha) parts.alpha = parts.steps.alpha
  }
  return { parts, perUnit }
}

function kindNote(criterion: Criterion): string {
  if (criterion.kind === 'multiLabel') return 'see the kappa per label below'
  if (criterion.kind === 'span') return 'see span F1 below'
  return 'see the step figures below'
}

/** A statistic and its bootstrap interval: `compute` runs on the units repeated as each replicate draws them. */
function resampled<T>(parts: T[], compute: (parts: T[]) => Statistic, draws: Uint16Array[] | null): Estimate {
  const stat = compute(parts)
  if (!stat.defined || !draws || draws[0]?.length !== parts.length) return estimate(stat)
  const values = draws.map((w) => {
    const drawn: T[] = []
    for (let u = 0; u < w.length; u++) for (let t = 0; t < w[u]!; t++) drawn.push(parts[u]!)
    const s = compute(drawn)
    return s.defined ? s.value : Number.NaN
  })
  return estimate(stat, percentileInterval(values))
}

const sum2x2 = (tables: number[][][]) => {
  const total = [
    [0, 0],
    [0, 0],
  ]
  for (const t of tables) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) total[i]![j]! += t[i]![j]!
  return total
}

function perLabel(
  criterion: Extract<Criterion, { kind: 'multiLabel' }>,
  units: KindUnit[],
  draws: Uint16Array[] | null,
) {
  return criterion.labels.map(({ value: label }) => {
    // Per unit: the 2 × 2 table (answer has the label × gold has it) and the [no, yes] counts of the answers.
    const tables: number[][][] = []
    const rows: number[][] = []
    for (const unit of units) {
      const table = [
        [0, 0],
        [0, 0],
      ]
      const row = [0, 0]
      for (const answer of unit.answers) {
        if (!isLabelSet(answer)) continue
        const has = answer.labels.includes(label) ? 1 : 0
        row[has]!++
        const gold = unit.accepted[bestJaccard(answer, unit.accepted).accepted]
        if (isLabelSet(gold)) table[has]![gold.labels.includes(label) ? 1 : 0]!++
      }
      tables.push(table)
      rows.push(row)
    }
    return {
      label,
      kappa: resampled(tables, (t) => cohensKappaFromTable(sum2x2(t)), draws),
      fleiss: resampled(
        rows,
        (r) => {
          const rated = r.filter((row) => row[0]! + row[1]! > 0)
          return rated.length === 0
            ? undefinedStatistic(UndefinedReason.noData, 'no answers yet')
            : fleissKappa(rated).kappa
        },
        draws,
      ),
    }
  })
}

function spanF1(
  criterion: Extract<Criterion, { kind: 'span' }>,
  units: KindUnit[],
  draws: Uint16Array[] | null,
) {
  const goldSums: number[] = []
  const goldCounts: number[] = []
  const pairSums: number[] = []
  const pairCounts: number[] = []
  for (const unit of units) {
    const spans = unit.answers.filter(isSpanSet)
    let sum = 0
    let count = 0
    for (const answer of spans) {
      const best = bestSpanMatch(answer, unit.accepted, criterion.minOverlap)
      if (!best) continue
      sum += best.f1
      count++
    }
    goldSums.push(sum)
    goldCounts.push(count)
    let pairSum = 0
    let pairs = 0
    for (let a = 0; a < spans.length; a++) {
      for (let b = a + 1; b < spans.length; b++) {
        pairSum += matchSpans(spans[a]!.spans, spans[b]!.spans, criterion.minOverlap).f1
        pairs++
      }
    }
    pairSums.push(pairSum)
    pairCounts.push(pairs)
  }
  return {
    vsGold: meanOverUnits(goldSums, goldCounts, draws, 'no span answers yet'),
    betweenAnnotators: meanOverUnits(
      pairSums,
      pairCounts,
      draws,
      'no example has span answers from two annotators yet',
    ),
  }
}

function steps(
  criterion: Extract<Criterion, { kind: 'stepVerdict' }>,
  units: KindUnit[],
  draws: Uint16Array[] | null,
) {
  const perStep = criterion.mode !== 'firstWrong'
  const firstWrong = criterion.mode !== 'perStep'
  /** Per (example, slot) unit: its steps' verdicts across annotators (the units of alpha). */
  const alphaUnits: (string | null)[][][] = []
  let asked = 0
  let same = 0
  for (const unit of units) {
    const answers = unit.answers.filter(isStepVerdicts)
    if (perStep) alphaUnits.push(stepIdsOf(unit.content).map((id) => answers.map((a) => a.steps[id] ?? null)))
    if (firstWrong) {
      const golds = unit.accepted.filter(isStepVerdicts).filter((g) => g.firstWrong !== undefined)
      if (golds.length === 0) continue
      for (const answer of answers) {
        if (answer.firstWrong === undefined) continue
        asked++
        if (golds.some((g) => g.firstWrong === answer.firstWrong)) same++
      }
    }
  }
  return {
    alpha: perStep ? resampled(alphaUnits, (u) => krippendorffsAlpha(u.flat(), 'nominal'), draws) : null,
    firstWrongExact: firstWrong ? share(same, asked, 'no first-wrong-step answers yet') : null,
  }
}
