/**
 * The calibration service: starts attempts on a published version (its ready examples, shuffled), checks
 * and scores submitted answers on the server against gold, and builds the feedback. Gold leaves the server
 * only inside a result, after submission.
 */
import { randomInt } from 'node:crypto'
import { goldFits } from '../../shared/rubric/goldFits'
import { type Answers, type GoldTable, scoreAttempt } from '../../shared/rubric/scoring'
import type { AttemptResult, AttemptView } from '../../shared/schema/calibration'
import type { CalibrationExample, GoldValue } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { ApiFailure } from '../http/errors'
import { withoutGold } from '../publish/buildVersion'
import type { AttemptRecord } from '../storage/store'

export function readyExamples(version: VersionJson): CalibrationExample[] {
  return (version.examples as CalibrationExample[]).filter((e) => e.status === 'ready')
}

export function shuffled<T>(items: T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

export function attemptView(attempt: AttemptRecord, version: VersionJson): AttemptView {
  const byId = new Map(readyExamples(version).map((e) => [e.id, e]))
  return {
    id: attempt.id,
    version: attempt.version,
    status: attempt.status,
    startedAt: attempt.startedAt,
    submittedAt: attempt.submittedAt,
    examples: attempt.exampleOrder.flatMap((id) => {
      const example = byId.get(id)
      return example ? [withoutGold(example)] : []
    }),
    answers: attempt.answers as AttemptView['answers'],
  }
}

/** Refuses a submission with unanswered criteria, invalid values or missing required rationales. */
export function assertComplete(attempt: AttemptRecord, version: VersionJson): void {
  const missing: string[] = []
  for (const example of readyExamples(version)) {
    for (const criterion of version.rubric.criteria) {
      if (!example.gold[criterion.id]) continue
      const answer = attempt.answers[example.id]?.[criterion.id]
      if (
        !answer ||
        answer.value === null ||
        answer.value === undefined ||
        !goldFits(criterion, answer.value as GoldValue)
      ) {
        missing.push(`${example.title}: ${criterion.title}`)
      } else if (criterion.rationaleRequired && !answer.rationale?.trim()) {
        missing.push(`${example.title}: rationale for ${criterion.title}`)
      }
    }
  }
  if (missing.length > 0) {
    throw new ApiFailure(
      400,
      'incomplete_attempt',
      `answer everything before submitting (${missing.length} missing)`,
      {
        missing,
      },
    )
  }
}

export function scoreAndExplain(
  attempt: AttemptRecord,
  version: VersionJson,
  submittedAt: string,
): AttemptResult {
  const examples = readyExamples(version)
  const gold: GoldTable = Object.fromEntries(
    examples.map((e) => [e.id, Object.fromEntries(Object.entries(e.gold).map(([c, g]) => [c, g.accepted]))]),
  )
  const answers = attempt.answers as Answers
  const score = scoreAttempt(version.rubric, gold, answers)
  const titles = new Map(version.rubric.criteria.map((c) => [c.id, c.title]))
  return {
    attemptId: attempt.id,
    version: attempt.version,
    score: score.score,
    passed: score.passed,
    passThreshold: version.rubric.passThreshold,
    belowMinimum: score.belowMinimum,
    submittedAt,
    perCriterion: score.perCriterion.map((c) => ({ ...c, title: titles.get(c.criterionId) ?? '' })),
    examples: attempt.exampleOrder.flatMap((exampleId) => {
      const example = examples.find((e) => e.id === exampleId)
      if (!example) return []
      return [
        {
          exampleId,
          title: example.title,
          sectionId: example.sectionId,
          goldRationale: example.rationale,
          criteria: version.rubric.criteria
            .filter((c) => example.gold[c.id])
            .map((c) => ({
              criterionId: c.id,
              answer: (answers[exampleId]?.[c.id]?.value ?? null) as GoldValue | null,
              rationale: answers[exampleId]?.[c.id]?.rationale,
              accepted: example.gold[c.id]!.accepted,
              goldRationale: example.gold[c.id]!.rationale,
              agrees: score.perAnswer[exampleId]?.[c.id] ?? false,
            })),
        },
      ]
    }),
  }
}
