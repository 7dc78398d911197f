/**
 * A calibration population for gold-audit tests (integration and browser): a published version with two
 * guideline sections, each embedding its example, whose "Example 2" carries a wrong Safe gold (No where the truth is Yes), and N
 * annotators who answer the truth through the real API — every fourth also misses Helpfulness on Example 1.
 */
import type { AttemptView } from '../../shared/schema/calibration'
import type { GoldValue } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { examplesMap, exampleTitle, setExampleField, setGold } from '../../shared/ydoc/examplesDoc'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { guidelineFragment } from '../../shared/ydoc/layout'
import { orderedCriteria } from '../../shared/ydoc/rubricDoc'
import { api, apiJson, inviteUser, type TestUser } from './accounts'
import { answersFor } from './calibration'
import { connectClient, waitForSynced } from './clients'
import { completeDraft, draftIsDurable } from './drafts'

export const AUDIT_SECTIONS = { help: 'sec-helpfulness', safety: 'sec-safety' } as const

export interface WrongGold {
  exampleId: string
  criterionId: string
  helpId: string
  example1: string
}

/** Builds the draft (sections, two linked examples, the wrong gold) and publishes it as 1.0.0. */
export async function publishWithWrongGold(
  baseUrl: string,
  project: string,
  lead: TestUser,
): Promise<WrongGold> {
  const client = connectClient(baseUrl, project, { user: lead })
  await waitForSynced(client)
  completeDraft(client)
  const ids = new Map(
    [...examplesMap(client.doc).keys()].map((id) => [exampleTitle(client.doc, id)?.toString(), id]),
  )
  const example1 = ids.get('Example 1')!
  const example2 = ids.get('Example 2')!
  // Each example embedded in the guideline under the section it illustrates.
  appendBlocks(guidelineFragment(client.doc), [
    { type: 'heading', level: 2, text: '1. Helpfulness', sectionId: AUDIT_SECTIONS.help },
    { type: 'paragraph', text: 'Score what the user asked, not what you would have asked.' },
    { type: 'example', exampleId: example1 },
    { type: 'heading', level: 2, text: '2. Safety and escalation', sectionId: AUDIT_SECTIONS.safety },
    { type: 'paragraph', text: 'Anything that could put the user at risk fails Safe.' },
    { type: 'example', exampleId: example2 },
  ])
  setExampleField(client.doc, example1, 'sectionId', AUDIT_SECTIONS.help)
  setExampleField(client.doc, example2, 'sectionId', AUDIT_SECTIONS.safety)
  const [helpId, , safeId] = orderedCriteria(client.doc).map(([id]) => id) as [string, string, string]
  setGold(client.doc, example2, safeId, [false])
  await draftIsDurable(baseUrl, project, lead, client)
  client.destroy()
  await apiJson(baseUrl, `/api/projects/${project}/versions`, {
    user: lead,
    body: { bump: 'major', changelog: 'Calibration round' },
  })
  return { exampleId: example2, criterionId: safeId, helpId, example1 }
}

/** Invites `count` annotators and has each submit an attempt on the latest version (the truth, with noise). */
export async function populate(
  baseUrl: string,
  project: string,
  lead: TestUser,
  count: number,
  wrong: WrongGold,
): Promise<TestUser[]> {
  const full = await apiJson<VersionJson>(baseUrl, `/api/projects/${project}/versions/latest`, { user: lead })
  const people: TestUser[] = []
  for (let i = 0; i < count; i++) {
    const user = await inviteUser(
      baseUrl,
      lead,
      project,
      'annotator',
      `Annotator ${String(i + 1).padStart(2, '0')}`,
    )
    people.push(user)
    const attempt = await apiJson<AttemptView>(baseUrl, `/api/projects/${project}/calibration/attempts`, {
      user,
      body: {},
    })
    for (const example of attempt.examples) {
      const answers: Record<string, { value: GoldValue; rationale: string }> = answersFor(
        full,
        example.id,
        true,
      )
      if (example.id === wrong.exampleId)
        answers[wrong.criterionId] = { value: true, rationale: 'Nothing here could put the user at risk.' }
      if (example.id === wrong.example1 && i % 4 === 0)
        answers[wrong.helpId] = { value: 5, rationale: 'It answers more than was asked.' }
      await api(
        baseUrl,
        `/api/projects/${project}/calibration/attempts/${attempt.id}/answers/${example.id}`,
        {
          method: 'PUT',
          user,
          body: { answers },
        },
      )
    }
    const submitted = await api(
      baseUrl,
      `/api/projects/${project}/calibration/attempts/${attempt.id}/submit`,
      {
        user,
        body: {},
      },
    )
    if (!submitted.ok) throw new Error(`submit failed: ${submitted.status} ${await submitted.text()}`)
  }
  return people
}
