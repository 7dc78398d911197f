/**
 * The calibration service's attempt side: what an annotator sees while answering (the drawn items without
 * gold), the completeness check before submitting, and scoring on the server against gold with feedback.
 * Items seen in an earlier attempt are answered and explained but not scored; gold leaves the server only
 * inside a result, after submission.
 */
import { missingPart } from '../../shared/rubric/answerCompleteness'
import { attemptSettingsOf } from '../../shared/rubric/calibrationPool'
import { agrees, type GoldTable, scoreAttempt } from '../../shared/rubric/scoring'
import type { AttemptResult, AttemptView, NotBlindReason } from '../../shared/schema/calibration'
import type { CalibrationExample } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { ApiFailure } from '../failure'
import { withoutGold } from '../publish/buildVersion'
import type { AttemptRecord } from '../storage/store'

/** The version's examples with gold (the stored version JSON always carries it). */
export const goldExamples = (version: VersionJson) =>
  version.examples.filter((e): e is CalibrationExample => 'gold' in e)

/** The attempt's items in its order (items missing from the version are skipped). */
export function attemptItems(attempt: AttemptRecord, version: VersionJson): CalibrationExample[] {
  const byId = new Map(goldExamples(version).map((e) => [e.id, e]))
  return attempt.exampleOrder.flatMap((id) => {
    const example = byId.get(id)
    return example ? [example] : []
  })
}

/** Example ids of the annotator's other submitted attempts in the project: their gold has been seen. */
export function seenExampleIds(attempts: AttemptRecord[], except?: string): Set<string> {
  return new Set(
    attempts.filter((a) => a.status === 'submitted' && a.id !== except).flatMap((a) => a.exampleOrder),
  )
}

export function attemptView(
  attempt: AttemptRecord,
  version: VersionJson,
  seen: ReadonlySet<string>,
): AttemptView {
  const { showSectionHint } = attemptSettingsOf(version.rubric)
  const examples = attemptItems(attempt, version).map((e) => {
    const shown = withoutGold(e)
    // Without the hint the runner is not told which section an item illustrates.
    return showSectionHint ? shown : { ...shown, sectionId: null }
  })
  return {
    id: attempt.id,
    version: attempt.version,
    status: attempt.status,
    startedAt: attempt.startedAt,
    submittedAt: attempt.submittedAt,
    examples,
    answers: attempt.answers,
    seenBefore: attempt.exampleOrder.filter((id) => seen.has(id)),
    showSectionHint,
  }
}

/** Refuses a submission with unanswered criteria, invalid values or missing required rationales. */
export function assertComplete(attempt: AttemptRecord, version: VersionJson): void {
  const missing: string[] = []
  for (const example of attemptItems(attempt, version)) {
    for (const criterion of version.rubric.criteria) {
      if (!example.gold[criterion.id]) continue
      const part = missingPart(criterion, attempt.answers[example.id]?.[criterion.id])
      if (part === 'rationale') missing.push(`${example.title}: rationale for ${criterion.title}`)
      else if (part) missing.push(`${example.title}: ${criterion.title}`)
    }
  }
  if (missing.length > 0) {
    throw new ApiFailure(
      400,
      'incomplete_attempt',
      `answer everything before submitting (${missing.length} missing)`,
      { missing },
    )
  }
}

export interface Blindness {
  seen: ReadonlySet<string>
  /** Whether the annotator held a role that can read the draft (and so its gold) before submitting. */
  draftReader: boolean
}

export function scoreAndExplain(
  attempt: AttemptRecord,
  version: VersionJson,
  submittedAt: string,
  { seen, draftReader }: Blindness,
): AttemptResult {
  const items = attemptItems(attempt, version)
  const blindItems = items.filter((e) => !seen.has(e.id))
  const gold: GoldTable = Object.fromEntries(
    blindItems.map((e) => [
      e.id,
      Object.fromEntries(Object.entries(e.gold).map(([c, g]) => [c, g.accepted])),
    ]),
  )
  const answers = attempt.answers
  const score = scoreAttempt(version.rubric, gold, answers)
  const seenBefore = items.length - blindItems.length
  const notBlindReasons: NotBlindReason[] = []
  if (seenBefore > 0 || blindItems.length === 0) notBlindReasons.push('seen_before')
  if (draftReader) notBlindReasons.push('draft_reader')
  const titles = new Map(version.rubric.criteria.map((c) => [c.id, c.title]))
  return {
    attemptId: attempt.id,
    version: attempt.version,
    score: score.score,
    passed: score.passed,
    passThreshold: version.rubric.passThreshold,
    belowMinimum: score.belowMinimum,
    submittedAt,
    blind: notBlindReasons.length === 0,
    notBlindReasons,
    seenBefore,
    perCriterion: score.perCriterion.map((c) => ({ ...c, title: titles.get(c.criterionId) ?? '' })),
    examples: items.map((example) => ({
      exampleId: example.id,
      title: example.title,
      sectionId: example.sectionId,
      goldRationale: example.rationale,
      seenBefore: seen.has(example.id),
      criteria: version.rubric.criteria
        .filter((c) => example.gold[c.id])
        .map((c) => ({
          criterionId: c.id,
          answer: answers[example.id]?.[c.id]?.value ?? null,
          rationale: answers[example.id]?.[c.id]?.rationale,
          accepted: example.gold[c.id]!.accepted,
          goldRationale: example.gold[c.id]!.rationale,
          agrees:
            score.perAnswer[example.id]?.[c.id] ??
            agrees(c, answers[example.id]?.[c.id]?.value ?? null, example.gold[c.id]!.accepted),
        })),
    })),
  }
}
