/**
 * The results page in Chromium (issue 14 §2–4): every defined statistic shows its 95 % interval and n, a
 * pairwise criterion with strength shows a "side only" kappa beside the side × strength one, and wrong answers
 * appear in full ("B, slightly better"). Attempts are taken through the real API; a draft criterion is added
 * through a real sync client before publishing.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { answerScale } from '../../shared/rubric/answerCategories'
import { isPairwiseValue } from '../../shared/rubric/valueShapes'
import type { AttemptView } from '../../shared/schema/calibration'
import type { CalibrationExample, GoldValue } from '../../shared/schema/rubric'
import type { VersionJson } from '../../shared/schema/version'
import { exampleRichText, examplesMap, setExampleField, setGold } from '../../shared/ydoc/examplesDoc'
import { appendBlocks } from '../../shared/ydoc/guidelineBuilder'
import { addCriterion } from '../../shared/ydoc/rubricDoc'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { connectClient, waitForSynced } from '../helpers/clients'
import { completeDraft, draftIsDurable } from '../helpers/drafts'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let project: string

/** Answers every example: gold, except that the pairwise criterion always gets the right side, slightly. */
async function takeAttempt(user: TestUser, version: VersionJson, wrongFrom: number) {
  const attempt = await apiJson<AttemptView>(server.url, `/api/projects/${project}/calibration/attempts`, {
    user,
    body: {},
  })
  for (const [i, example] of attempt.examples.entries()) {
    const full = version.examples.find((e) => e.id === example.id) as CalibrationExample
    const answers: Record<string, { value: GoldValue; rationale: string }> = {}
    for (const c of version.rubric.criteria) {
      const gold = full.gold[c.id]!.accepted[0]!
      const values = answerScale(c).values
      let value: GoldValue = i >= wrongFrom ? values[(values.indexOf(gold) + 1) % values.length]! : gold
      if (c.kind === 'pairwise' && isPairwiseValue(gold)) value = { choice: gold.choice, strength: 'slight' }
      answers[c.id] = { value, rationale: 'As the guideline says.' }
    }
    const saved = await api(
      server.url,
      `/api/projects/${project}/calibration/attempts/${attempt.id}/answers/${example.id}`,
      { method: 'PUT', user, body: { answers } },
    )
    expect(saved.status).toBe(204)
  }
  const submitted = await api(
    server.url,
    `/api/projects/${project}/calibration/attempts/${attempt.id}/submit`,
    {
      user,
      body: {},
    },
  )
  expect(submitted.status).toBe(200)
}

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Results with intervals')
  const draft = connectClient(server.url, project, { user: owner })
  await waitForSynced(draft)
  completeDraft(draft)
  const pairwise = addCriterion(draft.doc, {
    kind: 'pairwise',
    title: 'Preference',
    description: 'Which response is better, and by how much.',
    weight: 1,
    allowTie: true,
    strengthRequired: true,
  })
  // A pairwise criterion is asked only where there are two responses: make both examples pairwise.
  for (const [id] of examplesMap(draft.doc)) {
    setExampleField(draft.doc, id, 'contentKind', 'pairwise')
    for (const [field, text] of [
      ['responseA', 'Response A'],
      ['responseB', 'Response B'],
    ] as const)
      appendBlocks(exampleRichText(draft.doc, id, field)!, [{ type: 'paragraph', text }])
    setGold(draft.doc, id, pairwise, [{ choice: 'B', strength: 'strong' }])
  }
  await draftIsDurable(server.url, project, owner, draft)
  draft.destroy()
  await apiJson(server.url, `/api/projects/${project}/versions`, {
    user: owner,
    body: { bump: 'major', changelog: 'First round' },
  })
  const version = await apiJson<VersionJson>(server.url, `/api/projects/${project}/versions/latest`, {
    user: owner,
  })
  for (const [i, name] of ['Ann', 'Bea', 'Cy'].entries()) {
    await takeAttempt(await inviteUser(server.url, owner, project, 'annotator', name), version, 2 - i)
  }
})

describe('results page', () => {
  it('shows n and a 95 % interval beside every statistic, side-only kappa, and wrong answers in full', async () => {
    const { page } = await suite.newUser(server.url, owner)
    await page.goto(`${server.url}/projects/${project}/results`)
    await page.getByTestId('criteria-table').waitFor()
    expect(await page.getByTestId('results-sample').textContent()).toContain('From 3 annotators on 2 items')
    const values = page.getByTestId('stat-value')
    expect(await values.count()).toBeGreaterThan(10)
    for (const cell of await values.all()) {
      expect(await cell.getByTestId('stat-ci').textContent()).toMatch(
        /^\[(\d+–\d+%|−?\d\.\d\d, −?\d\.\d\d)\]$|^no CI$/,
      )
      expect(await cell.textContent()).toMatch(/n = \d+/)
    }
    const preference = page.getByTestId('criterion-row').filter({ hasText: 'Preference' })
    expect(await preference.textContent()).toContain('side × strength')
    // Side-only kappa is undefined (every answer and gold is B) — said so, never a number.
    expect(await preference.getByTestId('stat-undefined').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('examples-table').textContent()).toContain('B, slightly better')
    expect(await page.getByTestId('kpi-pass-rate-ci').textContent()).toMatch(/^95% CI \d+–\d+%$/)
    await screenshot(page, 'results-01-intervals', { fullPage: true })
  })
})
