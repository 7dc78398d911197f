/**
 * Calibration analytics for leads, as a pure function over a version's rubric, its gold examples and the
 * annotators' submitted attempts (their latest per annotator): scores per annotator, agreement per criterion
 * (with gold: exact, within tolerance, Cohen's kappa; between annotators: Krippendorff's alpha at the
 * criterion's level of measurement, Fleiss' kappa when every example has the same number of raters), miss
 * rates and common wrong answers per example, and guideline sections ranked by how often their examples
 * are missed. Undefined statistics stay undefined (never a number).
 */
import type { CalibrationExample, Criterion, GoldValue, Rubric } from '../schema/rubric'
import { cohensKappaFromTable, KappaWeighting } from '../stats/cohensKappa'
import { fleissKappa } from '../stats/fleissKappa'
import { krippendorffsAlpha } from '../stats/krippendorffsAlpha'
import type { Category } from '../stats/ratings'
import { definedStatistic, type Statistic, UndefinedReason, undefinedStatistic } from '../stats/result'
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

/** A category back as an answer value, to describe it (pairwise categories are the chosen side). */
function answerValue(criterion: Criterion, value: Category): GoldValue {
  return criterion.kind === 'pairwise' ? { choice: value as 'A' | 'B' | 'tie' } : value
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

  // One pass over every (criterion, example, annotator) answer builds everything the statistics need:
  // agreement counts, the annotator × gold contingency table, per-example category counts, and misses.
  const perExample = new Map(
    ready.map((e) => [e.id, { answers: 0, misses: 0, wrong: [] as ExampleAnalytics['commonWrongAnswers'] }]),
  )
  const criteria = rubric.criteria.map((criterion): CriterionAnalytics => {
    const cats = categoriesOf(criterion)
    const index = new Map<Category, number>(cats.map((c, i) => [c, i]))
    const k = cats.length
    const table = Array.from({ length: k }, () => new Array<number>(k).fill(0))
    const units: (Category | null)[][] = []
    const counts: number[][] = []
    let compared = 0
    let exact = 0
    let within = 0
    const ordinal = criterion.kind === 'ordinal'
    for (const example of ready) {
      const gold = example.gold[criterion.id]
      if (!gold) continue
      const unit: (Category | null)[] = new Array(raters.length)
      const row = new Array<number>(k).fill(0)
      // Wrong answers by category index (k = no or unreadable answer), described once at the end.
      const wrong = new Array<number>(k + 1).fill(0)
      const goldIndex = index.get(category(criterion, gold.accepted[0]) ?? '')
      let misses = 0
      for (const [r, rater] of raters.entries()) {
        const answer = rater.answers[example.id]?.[criterion.id]?.value ?? null
        const answerCategory = category(criterion, answer)
        unit[r] = answerCategory
        const a = answerCategory === null ? undefined : index.get(answerCategory)
        const ok = agrees(criterion, answer, gold.accepted)
        if (!ok) {
          misses++
          wrong[a ?? k]!++
        }
        if (a === undefined) continue
        compared++
        if (ok) {
          within++
          if (!ordinal || gold.accepted.includes(answer as number)) exact++
        }
        row[a]!++
        // Gold as one category: the answer itself when gold accepts it, else gold's first accepted value.
        const g = ok ? a : goldIndex
        if (g !== undefined) table[a]![g]!++
      }
      units.push(unit)
      counts.push(row)
      const tally = perExample.get(example.id)!
      tally.answers += raters.length
      tally.misses += misses
      for (const [i, count] of wrong.entries()) {
        if (count === 0) continue
        const shown = i === k ? 'no answer' : describeValue(criterion, answerValue(criterion, cats[i]!))
        tally.wrong.push({ criterionId: criterion.id, criterionTitle: criterion.title, answer: shown, count })
      }
    }
    const share = (agreeing: number) =>
      compared === 0
        ? undefinedStatistic(UndefinedReason.noData, 'no answers yet')
        : definedStatistic(agreeing / compared, compared)
    const tooFew = (what: string) =>
      undefinedStatistic(UndefinedReason.tooFewRaters, `${what} needs at least two annotators`)
    return {
      criterionId: criterion.id,
      title: criterion.title,
      kind: criterion.kind,
      exactAgreement: share(exact),
      toleranceAgreement: share(within),
      kappa: {
        unweighted: cohensKappaFromTable(table, KappaWeighting.unweighted),
        linear: ordinal ? cohensKappaFromTable(table, KappaWeighting.linear) : null,
        quadratic: ordinal ? cohensKappaFromTable(table, KappaWeighting.quadratic) : null,
      },
      alpha:
        raters.length < 2
          ? tooFew('inter-annotator agreement')
          : krippendorffsAlpha(units, ordinal ? 'ordinal' : 'nominal', ordinal ? { order: cats } : {}),
      alphaLevel: ordinal ? 'ordinal' : 'nominal',
      fleiss: raters.length < 2 ? tooFew("Fleiss' kappa") : fleissKappa(counts).kappa,
    }
  })

  const exampleStats = ready.map((e): ExampleAnalytics => {
    const tally = perExample.get(e.id)!
    return {
      exampleId: e.id,
      title: e.title,
      sectionId: e.sectionId,
      answers: tally.answers,
      misses: tally.misses,
      missRate: tally.answers === 0 ? 0 : tally.misses / tally.answers,
      commonWrongAnswers: tally.wrong.sort((a, b) => b.count - a.count).slice(0, 5),
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
