/**
 * Calibration analytics for leads, as a pure function over a version's rubric, its gold examples and the
 * annotators' submitted attempts (the latest per annotator): scores per annotator, agreement per criterion
 * with gold (exact; within the scoring tolerance, labelled apart; Cohen's kappa on the answers as given) and
 * between annotators (Krippendorff's alpha, Fleiss' kappa), miss rates and wrong answers (in full) per example,
 * and guideline sections ranked by how often their examples are missed. Units are (example, slot) questions
 * (`shared/rubric/taskTypes.ts`): a criterion asked for responses A and B has two units per example. N/A is
 * one more nominal category, left out of the ordinal and weighted figures. The set kinds (multiLabel, span,
 * stepVerdict) get their own figures (kindAgreement.ts). Every statistic carries n and a 95 % bootstrap
 * interval where one is computed; undefined statistics stay undefined (never a number).
 * Shapes: shared/schema/dashboard.ts.
 */
import type {
  CalibrationAnalytics,
  CriterionAnalytics,
  Estimate,
  ExampleAnalytics,
  SectionAnalytics,
} from '../schema/dashboard'
import type { CalibrationExample, Criterion, GoldValue, Rubric } from '../schema/rubric'
import {
  BOOTSTRAP_REPLICATES,
  BOOTSTRAP_SEED,
  bootstrapWeights,
  proportionInterval,
} from '../stats/bootstrap'
import { UndefinedReason, undefinedStatistic } from '../stats/result'
import {
  type AnswerScale,
  answerScale,
  describeCategory,
  type GoldJudgement,
  judgeGold,
} from './answerCategories'
import { type CriterionTally, criterionEstimates } from './criterionAgreement'
import { describeValue } from './goldFits'
import { type KindUnit, kindEstimates, SET_KINDS, type UnitOutcome } from './kindAgreement'
import { type QuestionSlot, questionSlots, slotTitle } from './taskTypes'

export type { CalibrationAnalytics, CriterionAnalytics, ExampleAnalytics, SectionAnalytics }

export interface SubmittedAttempt {
  userId: string
  userName: string
  version: string
  submittedAt: string
  score: number
  passed: boolean
  /** The examples this attempt asked; answers to any other example are ignored. */
  items: readonly string[]
  answers: Record<string, Record<string, { value: GoldValue | null } | undefined> | undefined>
}

export interface AnalyticsOptions {
  /** Bootstrap replicates for the per-criterion intervals (0 turns them off). */
  replicates?: number
  seed?: number
}

/** The tolerance of the scoring rule in words, or null when scoring needs an exact match. */
function toleranceText(criterion: Criterion): string | null {
  if (criterion.kind === 'ordinal' && criterion.tolerance > 0) {
    return `±${criterion.tolerance} level${criterion.tolerance === 1 ? '' : 's'}`
  }
  if (criterion.kind === 'pairwise' && criterion.strengthRequired) return 'strength ±1 step'
  if (criterion.kind === 'multiLabel' && criterion.minJaccard < 1) return `Jaccard ≥ ${criterion.minJaccard}`
  if (criterion.kind === 'span') return `span F1 ≥ ${criterion.minF1}`
  if (criterion.kind === 'stepVerdict') {
    const parts: string[] = []
    if (criterion.mode !== 'firstWrong')
      parts.push(`${Math.round(criterion.minStepAgreement * 100)} % of steps`)
    if (criterion.mode !== 'perStep' && criterion.stepTolerance > 0)
      parts.push(`first wrong step ±${criterion.stepTolerance}`)
    return parts.length === 0 ? null : parts.join(', ')
  }
  return null
}

function categoriesText(criterion: Criterion, scale: AnswerScale): string {
  const text = baseCategoriesText(criterion, scale)
  return scale.na >= 0 ? `${text} + N/A` : text
}

function baseCategoriesText(criterion: Criterion, scale: AnswerScale): string {
  switch (criterion.kind) {
    case 'binary':
      return 'yes / no'
    case 'points':
      return 'met / not met'
    case 'ordinal': {
      const levels = scale.values.filter((v): v is number => typeof v === 'number')
      return levels.length === 0 ? 'no levels' : `levels ${levels[0]}–${levels.at(-1)}`
    }
    case 'label':
      return `${scale.values.length - (scale.na >= 0 ? 1 : 0)} labels`
    case 'pairwise':
      return criterion.strengthRequired ? 'side × strength' : 'side'
    case 'multiLabel':
      return `${criterion.labels.length} labels, any subset`
    case 'span':
      return 'marked spans'
    case 'stepVerdict':
      return criterion.mode === 'perStep'
        ? 'verdict per step'
        : criterion.mode === 'firstWrong'
          ? 'first wrong step'
          : 'verdict per step + first wrong step'
  }
}

const notScored = (): Estimate => ({
  stat: undefinedStatistic(UndefinedReason.noData, 'not scored: no example has gold for this criterion'),
  ci: null,
})

interface CriterionWork {
  criterion: Criterion
  scale: AnswerScale
  k: number
  /** Per example index: its questions (slot key, item index) for this criterion with gold. */
  slotsOf: [string, number][][]
  /** Item index → example index. */
  itemExamples: number[]
  tally: CriterionTally
  /** Set kinds: the answers per item as given (kindAgreement.ts). */
  units: KindUnit[] | null
  annotators: number
}

function prepare(
  criterion: Criterion,
  examples: CalibrationExample[],
  slots: QuestionSlot[][],
): CriterionWork {
  const scale = answerScale(criterion)
  const k = scale.values.length
  const setKind = SET_KINDS.has(criterion.kind)
  const slotsOf: [string, number][][] = examples.map(() => [])
  const itemExamples: number[] = []
  const judgements: GoldJudgement[] = []
  const units: KindUnit[] = []
  examples.forEach((example, e) => {
    for (const slot of slots[e]!) {
      if (slot.criterion.id !== criterion.id) continue
      const gold = example.gold[slot.key]
      if (!gold || gold.accepted.length === 0) continue
      slotsOf[e]!.push([slot.key, itemExamples.length])
      itemExamples.push(e)
      if (setKind) units.push({ example: e, accepted: gold.accepted, content: example.content, answers: [] })
      else judgements.push(judgeGold(criterion, scale, gold.accepted))
    }
  })
  const items = itemExamples.length
  return {
    criterion,
    scale,
    k,
    slotsOf,
    itemExamples,
    tally: {
      counts: new Float64Array(setKind ? 0 : items * k),
      unanswered: new Float64Array(setKind ? 0 : items),
      judgements,
    },
    units: setKind ? units : null,
    annotators: 0,
  }
}

/**
 * The estimates of a category-scale criterion. With N/A on an ordered scale, N/A counts as a category for the
 * shares and the nominal figures (unweighted kappa, Fleiss) and is left out of the weighted kappas and the
 * ordinal alpha, which are computed on the scale without it.
 */
function scaleEstimates(c: CriterionWork, draws: Uint16Array[] | null) {
  if (c.scale.na < 0 || !c.scale.ordered) return criterionEstimates(c.scale, c.tally, draws)
  const nominal = criterionEstimates({ ...c.scale, ordered: false }, c.tally, draws)
  const k = c.k
  const kk = k - 1
  const items = c.tally.judgements.length
  const counts = new Float64Array(items * kk)
  for (let i = 0; i < items; i++) counts.set(c.tally.counts.subarray(i * k, i * k + kk), i * kk)
  const judgements = c.tally.judgements.map((j) => ({
    exact: j.exact.subarray(0, kk),
    agrees: j.agrees.subarray(0, kk),
    goldFor: Int16Array.from(j.goldFor.subarray(0, kk), (g) => (g === c.scale.na ? -1 : g)),
  }))
  const scale = {
    ...c.scale,
    values: c.scale.values.slice(0, kk),
    side: c.scale.side ? c.scale.side.subarray(0, kk) : null,
    sideValues: c.scale.sideValues ? c.scale.sideValues.slice(0, -1) : null,
    na: -1,
  }
  const ordinal = criterionEstimates(
    scale,
    { counts, unanswered: new Float64Array(items), judgements },
    draws,
  )
  return {
    ...nominal,
    kappa: { ...nominal.kappa, linear: ordinal.kappa.linear, quadratic: ordinal.kappa.quadratic },
    alpha: ordinal.alpha,
    alphaLevel: ordinal.alphaLevel,
  }
}

export function calibrationAnalytics(
  version: string,
  rubric: Rubric,
  examples: CalibrationExample[],
  sections: { id: string; title: string }[],
  attempts: SubmittedAttempt[],
  options: AnalyticsOptions = {},
): CalibrationAnalytics {
  // The latest submitted attempt per annotator on this version.
  const latest = new Map<string, SubmittedAttempt>()
  for (const a of attempts) {
    if (a.version !== version) continue
    const seen = latest.get(a.userId)
    if (!seen || seen.submittedAt <= a.submittedAt) latest.set(a.userId, a)
  }
  const raters = [...latest.values()]
  const ready = examples.filter((e) => e.status === 'ready')
  const exampleIndex = new Map(ready.map((e, i) => [e.id, i]))
  const slots = ready.map((e) => questionSlots(rubric, e))
  const work = rubric.criteria.map((c) => prepare(c, ready, slots))

  // The hot loop: every asked (annotator, example, criterion) answer becomes one count in its category.
  const contributed = new Uint8Array(work.length)
  const askedBy = new Int32Array(ready.length).fill(-1) // the rater that last counted each example
  for (const [r, rater] of raters.entries()) {
    contributed.fill(0)
    for (const exampleId of rater.items) {
      const e = exampleIndex.get(exampleId)
      if (e === undefined || askedBy[e] === r) continue
      askedBy[e] = r
      const answers = rater.answers[exampleId]
      for (let w = 0; w < work.length; w++) {
        const c = work[w]!
        const asked = c.slotsOf[e]!
        if (asked.length === 0) continue
        contributed[w] = 1
        for (const [key, item] of asked) {
          const value = answers?.[key]?.value ?? null
          if (c.units) {
            c.units[item]!.answers.push(value)
            continue
          }
          const category = c.scale.code(value)
          if (category < 0) c.tally.unanswered[item]! += 1
          else c.tally.counts[item * c.k + category]! += 1
        }
      }
    }
    for (let w = 0; w < work.length; w++) work[w]!.annotators += contributed[w]!
  }

  // Bootstrap draws over items, shared by the criteria that have the same number of items.
  const replicates = options.replicates ?? BOOTSTRAP_REPLICATES
  const drawsBySize = new Map<number, Uint16Array[] | null>()
  const drawsFor = (items: number) => {
    if (!drawsBySize.has(items)) {
      drawsBySize.set(
        items,
        items < 2 || replicates === 0
          ? null
          : bootstrapWeights(items, replicates, options.seed ?? BOOTSTRAP_SEED),
      )
    }
    return drawsBySize.get(items)!
  }

  const outcomes = new Map<CriterionWork, UnitOutcome[]>()
  const criteria = work.map((c): CriterionAnalytics => {
    const items = c.itemExamples.length
    const head = {
      criterionId: c.criterion.id,
      title: c.criterion.title,
      kind: c.criterion.kind,
      scored: items > 0,
      items,
      annotators: c.annotators,
      categories: categoriesText(c.criterion, c.scale),
      tolerance: toleranceText(c.criterion),
    }
    if (c.units) {
      const { parts, perUnit } = kindEstimates(c.criterion, c.units, drawsFor(items))
      outcomes.set(c, perUnit)
      return { ...head, ...parts, toleranceAgreement: head.tolerance ? parts.toleranceAgreement : null }
    }
    if (items === 0) {
      const none = notScored()
      return {
        ...head,
        exactAgreement: none,
        toleranceAgreement: head.tolerance ? none : null,
        kappa: {
          unweighted: none,
          linear: c.scale.ordered ? none : null,
          quadratic: c.scale.ordered ? none : null,
        },
        sideKappa: c.scale.side ? none : null,
        alpha: none,
        alphaLevel: c.scale.ordered ? 'ordinal' : 'nominal',
        fleiss: none,
      }
    }
    const parts = scaleEstimates(c, drawsFor(items))
    return { ...head, ...parts, toleranceAgreement: head.tolerance ? parts.toleranceAgreement : null }
  })

  const exampleStats = ready.map((example, e): ExampleAnalytics => {
    let answers = 0
    let misses = 0
    const wrong: ExampleAnalytics['commonWrongAnswers'] = []
    for (const c of work) {
      for (const [key, item] of c.slotsOf[e]!) {
        const target = /@([AB])$/.exec(key)?.[1] as 'A' | 'B' | undefined
        const criterionTitle = slotTitle({ criterion: c.criterion, target: target ?? null }, example.content)
        const outcome = outcomes.get(c)?.[item]
        if (outcome) {
          answers += outcome.answers
          misses += outcome.misses
          for (const { value, count } of outcome.wrong) {
            const answer = value === null ? 'no valid answer' : describeValue(c.criterion, value)
            wrong.push({ criterionId: c.criterion.id, criterionTitle, answer, count })
          }
          continue
        }
        const judgement = c.tally.judgements[item]!
        const unanswered = c.tally.unanswered[item]!
        answers += unanswered
        misses += unanswered
        for (let category = 0; category < c.k; category++) {
          const count = c.tally.counts[item * c.k + category]!
          if (count === 0) continue
          answers += count
          if (judgement.agrees[category]) continue
          misses += count
          const answer = describeCategory(c.criterion, c.scale, category)
          wrong.push({ criterionId: c.criterion.id, criterionTitle, answer, count })
        }
        if (unanswered > 0) {
          const answer = 'no valid answer'
          wrong.push({
            criterionId: c.criterion.id,
            criterionTitle,
            answer,
            count: unanswered,
          })
        }
      }
    }
    return {
      exampleId: example.id,
      title: example.title,
      sectionId: example.sectionId,
      answers,
      misses,
      missRate: answers === 0 ? null : misses / answers,
      missRateCi: proportionInterval(misses, answers),
      commonWrongAnswers: wrong.sort((a, b) => b.count - a.count).slice(0, 5),
    }
  })

  const titles = new Map(sections.map((s) => [s.id, s.title]))
  const bySection = new Map<string, { examples: number; answers: number; misses: number }>()
  for (const e of exampleStats) {
    if (!e.sectionId) continue
    const s = bySection.get(e.sectionId) ?? { examples: 0, answers: 0, misses: 0 }
    s.examples++
    s.answers += e.answers
    s.misses += e.misses
    bySection.set(e.sectionId, s)
  }
  const misreadSections = [...bySection.entries()]
    .filter(([, s]) => s.answers > 0)
    .map(
      ([sectionId, s]): SectionAnalytics => ({
        sectionId,
        title: titles.get(sectionId) ?? 'Unknown section',
        ...s,
        missRate: s.misses / s.answers,
        missRateCi: proportionInterval(s.misses, s.answers),
      }),
    )
    .sort((a, b) => b.missRate - a.missRate || b.misses - a.misses)

  const passed = raters.filter((r) => r.passed).length
  return {
    version,
    sample: { annotators: raters.length, items: ready.filter((e) => Object.keys(e.gold).length > 0).length },
    annotators: raters
      .map((r) => ({
        userId: r.userId,
        name: r.userName,
        score: r.score,
        passed: r.passed,
        submittedAt: r.submittedAt,
        items: new Set(r.items).size,
      }))
      .sort((a, b) => b.score - a.score || a.submittedAt.localeCompare(b.submittedAt)),
    passRate: raters.length === 0 ? null : passed / raters.length,
    passRateCi: proportionInterval(passed, raters.length),
    criteria,
    examples: exampleStats.sort((a, b) => (b.missRate ?? -1) - (a.missRate ?? -1)),
    misreadSections,
  }
}
