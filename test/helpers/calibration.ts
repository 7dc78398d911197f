/** Takes calibration attempts through the real API: answers from the version's gold (right or wrong on purpose). */
import type { AttemptView } from '../../shared/schema/calibration'
import type { GoldValue } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { api, apiJson, type TestUser } from './accounts'

/** Answers every criterion of an example: gold when `correct`, a wrong but valid value otherwise. */
export function answersFor(version: VersionJson, exampleId: string, correct: boolean) {
  const example = version.examples.find((e) => e.id === exampleId) as {
    gold: Record<string, { accepted: GoldValue[] }>
  }
  const answers: Record<string, { value: GoldValue; rationale: string }> = {}
  for (const criterion of version.rubric.criteria) {
    const gold = example.gold[criterion.id]!.accepted[0]!
    let value = gold
    if (!correct) value = typeof gold === 'boolean' ? !gold : gold === 1 || gold === 2 ? 5 : 1
    answers[criterion.id] = { value, rationale: 'Because of the dose.' }
  }
  return answers
}

/** Starts (or resumes) an attempt on the latest version, answers everything, and submits it. */
export async function takeAttempt(
  url: string,
  project: string,
  user: TestUser,
  lead: TestUser,
  correct: boolean,
) {
  const full = await apiJson<VersionJson>(url, `/api/projects/${project}/versions/latest`, { user: lead })
  const attempt = await apiJson<AttemptView>(url, `/api/projects/${project}/calibration/attempts`, {
    user,
    body: {},
  })
  for (const example of attempt.examples) {
    await api(url, `/api/projects/${project}/calibration/attempts/${attempt.id}/answers/${example.id}`, {
      method: 'PUT',
      user,
      body: { answers: answersFor(full, example.id, correct) },
    })
  }
  const submitted = await api(url, `/api/projects/${project}/calibration/attempts/${attempt.id}/submit`, {
    user,
    body: {},
  })
  return { attempt, submitted, version: full }
}
