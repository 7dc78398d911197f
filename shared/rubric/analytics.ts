/**
 * Calibration analytics for leads, as a pure function over a version's rubric, its gold examples and the
 * annotators' submitted attempts (their latest per annotator): scores per annotator, agreement per criterion
 * (with gold: exact, within tolerance, Cohen's kappa; between annotators: Krippendorff's alpha at the
 * criterion's level of measurement, Fleiss' kappa when every example has the same number of raters), miss
 * rates and common wrong answers per example, and guideline sections ranked by how often their examples
 * are missed. Undefined statistics stay undefined (never a number).
 */
import type { CalibrationExample, Criterion, GoldValue, Rubric } from '../schema/rubric'
import { cohensKappa, KappaWeighting } from '../stats/cohensKappa'
import { fleissKappaFromRatings } from '../stats/fleissKappa'
import { krippendorffsAlpha } from '../stats/krippendorffsAlpha'
import { agreementWithinTolerance, exactAgreement } from '../stats/percentAgreement'
import type { Category } from '../stats/ratings'
import { type Statistic, UndefinedReason, undefinedStatistic } from '../stats/result'
import { describeValue } from './goldFits'
import { agrees } from './scoring'

export interface SubmittedAttempt {
  userId: string
  userName: string
  version: string
  submittedAt: string
  score: number
  passed: boolean
  answers: Record<string, Record<string, { value: GoldValue | null }>>
}

export interface CriterionAnalytics {
  criterionId: string
  title: string
  kind: Criterion['kind']
  /** Share of answers equal to an accepted gold value. */
  exactAgreement: Statistic
  /** Share within the criterion's tolerance (ordinal only; otherwise equals exact). */
  toleranceAgreement: Statistic
  /** Annotator vs gold, pooled over all answers: unweighted for nominal kinds, linear and quadratic for ordinal. */
  kappa: { unweighted: Statistic; linear: Statistic | null; quadratic: Statistic | null }
  /** Between annotators, over examples. */
  alpha: Statistic
  alphaLevel: 'nominal' | 'ordinal'
  fleiss: Statistic
}

export interface ExampleAnalytics {
  exampleId: string
  title: string
  sectionId: string | null
  answers: number
  misses: number
  missRate: number
  commonWrongAnswers: { criterionId: string; criterionTitle: string; answer: string; count: number }[]
}

export interface SectionAnalytics {
  sectionId: string
  title: string
  examples: number
  answers: number
  misses: number
  missRate: number
}

export interface CalibrationAnalytics {
  version: string
  annotators: { userId: string; name: string; score: number; passed: boolean; submittedAt: string }[]
  passRate: number | null
  criteria: CriterionAnalytics[]
  examples: ExampleAnalytics[]
  misreadSections: SectionAnalytics[]
}

/** A category for a value: pairwise answers are compared by side only. */
function category(criterion: Criterion, value: GoldValue | null | undefined): Category | null {
  if (value === null || value === undefined) return null
  if (criterion.kind === 'pairwise') return typeof value === 'object' ? value.choice : null
  return typeof value === 'object' ? null : value
}

function categoriesOf(criterion: Criterion): Category[] {
  switch (criterion.kind) {
    case 'binary':
    case 'points':
      return [false, true]
    case 'ordinal':
      return [...criterion.levels.map((l) => l.value)].sort((a, b) => a - b)
    case 'label':
      return criterion.labels.map((l) => l.value)
    case 'pairwise':
      return criterion.allowTie ? ['A', 'tie', 'B'] : ['A', 'B']
  }
}

/** Gold as one category for kappa: the answer itself when gold accepts it, else gold's first accepted value. */
function goldCategory(
  criterion: Criterion,
  answer: GoldValue | null,
  accepted: GoldValue[],
): Category | null {
  if (answer !== null && agrees(criterion, answer, accepted)) return category(criterion, answer)
  return category(criterion, accepted[0])
}

export function calibrationAnalytics(
  version: string,
  rubric: Rubric,
  examples: CalibrationExample[],
  sections: { id: string; title: string }[],
  attempts: SubmittedAttempt[],
): CalibrationAnalytics {
  // The latest submitted attempt per annotator on this version.
  const latest = new Map<string, SubmittedAttempt>()
  for (const a of [...attempts].sort((x, y) => x.submittedAt.localeCompare(y.submittedAt))) {
    if (a.version === version) latest.set(a.userId, a)
  }
  const raters = [...latest.values()]
  const ready = examples.filter((e) => e.status === 'ready')

  const criteria = rubric.criteria.map((criterion): CriterionAnalytics => {
    const cats = categoriesOf(criterion)
    const comparisons = raters.flatMap((r) =>
      ready.flatMap((e) => {
        const gold = e.gold[criterion.id]
        return gold
          ? [{ answer: r.answers[e.id]?.[criterion.id]?.value ?? null, accepted: gold.accepted }]
          : []
      }),
    )
    const exact = exactAgreement(
      comparisons,
      (answer, gold) => answer !== null && agrees(criterion, answer, [gold]),
    )
    const pairs = comparisons.map(
      (c) => [category(criterion, c.answer), goldCategory(criterion, c.answer, c.accepted)] as const,
    )
    const ordinal = criterion.kind === 'ordinal'
    const units = ready
      .filter((e) => e.gold[criterion.id])
      .map((e) => raters.map((r) => category(criterion, r.answers[e.id]?.[criterion.id]?.value)))
    return {
      criterionId: criterion.id,
      title: criterion.title,
      kind: criterion.kind,
      exactAgreement: exact,
      toleranceAgreement: ordinal
        ? agreementWithinTolerance(
            comparisons.map((c) => ({
              answer: typeof c.answer === 'number' ? c.answer : null,
              accepted: c.accepted.filter((g): g is number => typeof g === 'number'),
            })),
            criterion.tolerance,
          )
        : exact,
      kappa: {
        unweighted: cohensKappa(pairs, cats, KappaWeighting.unweighted),
        linear: ordinal ? cohensKappa(pairs, cats, KappaWeighting.linear) : null,
        quadratic: ordinal ? cohensKappa(pairs, cats, KappaWeighting.quadratic) : null,
      },
      alpha:
        raters.length < 2
          ? undefinedStatistic(
              UndefinedReason.tooFewRaters,
              'inter-annotator agreement needs at least two annotators',
            )
          : krippendorffsAlpha(units, ordinal ? 'ordinal' : 'nominal', ordinal ? { order: cats } : {}),
      alphaLevel: ordinal ? 'ordinal' : 'nominal',
      fleiss:
        raters.length < 2
          ? undefinedStatistic(UndefinedReason.tooFewRaters, "Fleiss' kappa needs at least two annotators")
          : fleissKappaFromRatings(units, cats).kappa,
    }
  })

  const exampleStats = ready.map((e): ExampleAnalytics => {
    let answers = 0
    let misses = 0
    const wrong = new Map<
      string,
      { criterionId: string; criterionTitle: string; answer: string; count: number }
    >()
    for (const criterion of rubric.criteria) {
      const gold = e.gold[criterion.id]
      if (!gold) continue
      for (const r of raters) {
        const answer = r.answers[e.id]?.[criterion.id]?.value ?? null
        answers++
        if (agrees(criterion, answer, gold.accepted)) continue
        misses++
        const shown = answer === null ? 'no answer' : describeValue(criterion, answer)
        const key = `${criterion.id}:${shown}`
        const entry = wrong.get(key) ?? {
          criterionId: criterion.id,
          criterionTitle: criterion.title,
          answer: shown,
          count: 0,
        }
        entry.count++
        wrong.set(key, entry)
      }
    }
    return {
      exampleId: e.id,
      title: e.title,
      sectionId: e.sectionId,
      answers,
      misses,
      missRate: answers === 0 ? 0 : misses / answers,
      commonWrongAnswers: [...wrong.values()].sort((a, b) => b.count - a.count).slice(0, 5),
    }
  })

  const titles = new Map(sections.map((s) => [s.id, s.title]))
  const bySection = new Map<string, SectionAnalytics>()
  for (const e of exampleStats) {
    if (!e.sectionId) continue
    const s = bySection.get(e.sectionId) ?? {
      sectionId: e.sectionId,
      title: titles.get(e.sectionId) ?? 'Unknown section',
      examples: 0,
      answers: 0,
      misses: 0,
      missRate: 0,
    }
    s.examples++
    s.answers += e.answers
    s.misses += e.misses
    s.missRate = s.answers === 0 ? 0 : s.misses / s.answers
    bySection.set(e.sectionId, s)
  }

  return {
    version,
    annotators: raters
      .map((r) => ({
        userId: r.userId,
        name: r.userName,
        score: r.score,
        passed: r.passed,
        submittedAt: r.submittedAt,
      }))
      .sort((a, b) => b.score - a.score),
    passRate: raters.length === 0 ? null : raters.filter((r) => r.passed).length / raters.length,
    criteria,
    examples: exampleStats.sort((a, b) => b.missRate - a.missRate),
    misreadSections: [...bySection.values()]
      .filter((s) => s.answers > 0)
      .sort((a, b) => b.missRate - a.missRate || b.misses - a.misses),
  }
}
