/**
 * The calibration service's attempt side: what an annotator sees while answering (the drawn items without
 * gold), the completeness check before submitting, and scoring on the server against gold with feedback.
 * Items seen in an earlier attempt are answered and explained but not scored; gold leaves the server only
 * inside a result, after submission.
 */
import { missingPart } from '../../shared/rubric/answerCompleteness'
import { attemptSettingsOf } from '../../shared/rubric/calibrationPool'
import { whyNotFits } from '../../shared/rubric/goldFits'
import { type Contents, type GoldTable, judge, scoreAttempt } from '../../shared/rubric/scoring'
import { type QuestionSlot, questionSlots, slotTitle } from '../../shared/rubric/taskTypes'
import type {
  AttemptResult,
  AttemptView,
  CriterionAnswer,
  NotBlindReason,
} from '../../shared/schema/calibration'
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

/** The question slots of an example that are scored: asked (task type, content kind) and with gold. */
export const scoredSlots = (version: VersionJson, example: CalibrationExample): QuestionSlot[] =>
  questionSlots(version.rubric, example).filter((slot) => example.gold[slot.key])

/**
 * Refuses (400 `invalid_answer`) answers saved for an example that are not its questions (slot keys) or
 * whose values do not fit their criterion and the example's content: an unknown label or verdict, a span
 * outside its text, a verdict for a step the example does not have, N/A where it is not allowed. Parts not
 * given yet (a verdict per step, pairwise strength) are checked on submit.
 */
export function assertValidAnswers(
  version: VersionJson,
  example: CalibrationExample,
  answers: Record<string, CriterionAnswer>,
): void {
  const slots = new Map(questionSlots(version.rubric, example).map((slot) => [slot.key, slot]))
  const problems: string[] = []
  for (const [key, answer] of Object.entries(answers)) {
    const slot = slots.get(key)
    if (!slot) {
      problems.push(`"${key}" is not a question on this example`)
      continue
    }
    if (answer.value === null) continue
    const why = whyNotFits(slot.criterion, answer.value, example.content, { partial: true })
    if (why) problems.push(`${slotTitle(slot, example.content)}: ${why}`)
  }
  if (problems.length > 0) {
    throw new ApiFailure(400, 'invalid_answer', problems.slice(0, 5).join('; '), { problems })
  }
}

/** Refuses a submission with unanswered questions, invalid values or missing required rationales. */
export function assertComplete(attempt: AttemptRecord, version: VersionJson): void {
  const missing: string[] = []
  for (const example of attemptItems(attempt, version)) {
    for (const slot of scoredSlots(version, example)) {
      const answer = attempt.answers[example.id]?.[slot.key]
      const part = missingPart(slot.criterion, answer, example.content)
      const title = slotTitle(slot, example.content)
      if (part === 'rationale') missing.push(`${example.title}: rationale for ${title}`)
      else if (part) missing.push(`${example.title}: ${title}`)
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
      Object.fromEntries(scoredSlots(version, e).map((slot) => [slot.key, e.gold[slot.key]!.accepted])),
    ]),
  )
  const contents: Contents = Object.fromEntries(items.map((e) => [e.id, e.content]))
  const answers = attempt.answers
  const score = scoreAttempt(version.rubric, gold, answers, contents)
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
      criteria: scoredSlots(version, example).map((slot) => {
        const answer = answers[example.id]?.[slot.key]
        const gold = example.gold[slot.key]!
        const scored = score.perAnswer[example.id]?.[slot.key]
        // Items seen before are not scored, but explained the same way.
        const judged =
          scored === undefined
            ? judge(slot.criterion, answer?.value, gold.accepted, example.content)
            : { agrees: scored, detail: score.details[example.id]?.[slot.key] }
        return {
          criterionId: slot.criterion.id,
          slotKey: slot.key,
          target: slot.target,
          answer: answer?.value ?? null,
          rationale: answer?.rationale,
          accepted: gold.accepted,
          goldRationale: gold.rationale,
          agrees: judged.agrees,
          ...(judged.detail ? { detail: judged.detail } : {}),
        }
      }),
    })),
  }
}
