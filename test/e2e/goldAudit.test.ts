/**
 * The gold audit and the disputes loop in real Chromium: 20 annotators answer the truth where one gold value
 * is wrong; a lead opens the results page and sees the suspect-gold flag on that example (and on no other),
 * opens an annotator's drill-down (answers beside gold with rationales, per section), then resolves the
 * annotator's dispute as "gold was wrong" and lands on the example in the editor.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { populate, publishWithWrongGold, type WrongGold } from '../helpers/goldAuditPopulation'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'

const suite = browserSuite()
let server: ChildServer
let lead: TestUser
let project: string
let wrong: WrongGold
let people: TestUser[]

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  const owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Medical QA — gold audit')
  lead = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
  wrong = await publishWithWrongGold(server.url, project, lead)
  people = await populate(server.url, project, lead, 20, wrong)
  // The second annotator disputes the wrong gold from their feedback.
  const [attempt] = (
    await apiJson<{ attempts: { id: string }[] }>(
      server.url,
      `/api/projects/${project}/calibration/attempts`,
      {
        user: people[1]!,
      },
    )
  ).attempts
  const disputed = await api(server.url, `/api/projects/${project}/calibration/disputes`, {
    user: people[1]!,
    body: {
      attemptId: attempt!.id,
      exampleId: wrong.exampleId,
      criterionId: wrong.criterionId,
      comment: 'Nothing in this response could put the user at risk.',
    },
  })
  expect(disputed.status).toBe(201)
}, 180_000)

describe('gold audit in the browser', () => {
  it('flags the wrong gold, drills into an annotator, and takes the lead to the example to fix it', async () => {
    const { page } = await suite.newUser(server.url, lead)
    await page.goto(`${server.url}/projects/${project}/results`)
    const audit = page.getByTestId('gold-audit')
    await audit.waitFor()
    const flagged = audit.locator('[data-testid="audit-row"][data-flags="suspect_gold"]')
    await flagged.first().waitFor()
    expect(await flagged.count()).toBe(1)
    expect(await flagged.getAttribute('data-example-id')).toBe(wrong.exampleId)
    expect(await audit.locator('[data-testid="audit-row"][data-flags="ambiguous"]').count()).toBe(0)
    await expect
      .poll(() => audit.getByTestId('audit-summary').textContent())
      .toBe('1 suspect, 0 ambiguous of 6 gold values')
    const text = (await flagged.textContent()) ?? ''
    expect(text).toContain('Example 2')
    expect(text).toContain('Suspect gold')
    expect(text).toContain('0 % agree')
    expect(text).toMatch(/Yes\s*100 %/)
    expect(await flagged.getByTestId('audit-edit-link').getAttribute('href')).toBe(
      `/projects/${project}#${wrong.exampleId}`,
    )
    expect(await flagged.getByTestId('audit-disputes-link').textContent()).toBe('1 dispute (1 open)')
    await flagged.scrollIntoViewIfNeeded()
    await screenshot(page, 'gold-audit-01-suspect-flag')

    // The drill-down for Annotator 01: every answer beside gold, per section, with the rationale given.
    await page.getByTestId('drilldown-annotator').selectOption({ label: 'Annotator 01' })
    const drill = page.getByTestId('drilldown')
    await drill.waitFor()
    expect(await drill.getByTestId('drilldown-section').count()).toBe(2)
    expect(await drill.getByTestId('drilldown-answer').count()).toBe(6)
    expect(await drill.locator('[data-testid="drilldown-answer"][data-agrees="false"]').count()).toBe(2)
    expect(await drill.textContent()).toContain('Nothing here could put the user at risk.')
    expect(await drill.getByTestId('drilldown-section').first().textContent()).toContain('1. Helpfulness')
    await drill.scrollIntoViewIfNeeded()
    await screenshot(page, 'gold-audit-02-drilldown')

    // The dispute link in the audit leads to the dispute; resolving it "gold was wrong" opens the editor there.
    await flagged.getByTestId('audit-disputes-link').click()
    const dispute = page.getByTestId('dispute-row').and(page.locator('[data-status="open"]'))
    await dispute
      .getByTestId('dispute-reply-input')
      .fill('You are right: nothing here is unsafe. Fixing the gold.')
    await dispute.getByTestId('dispute-gold-wrong').click()
    await page.waitForURL(`**/projects/${project}#${wrong.exampleId}`)
    const block = page.locator(`.ProseMirror [data-example-block="${wrong.exampleId}"]`).first()
    await block.waitFor()
    await expect
      .poll(() => block.evaluate((el) => el.getBoundingClientRect().top < window.innerHeight))
      .toBe(true)
    await screenshot(page, 'gold-audit-03-editor-deep-link')

    // Back on the results page the dispute says the fix is pending.
    await page.goto(`${server.url}/projects/${project}/results`)
    const resolved = page.getByTestId('dispute-row').and(page.locator('[data-status="resolved"]'))
    await resolved.getByTestId('dispute-outcome').waitFor()
    expect(await resolved.getByTestId('dispute-outcome').textContent()).toContain('fix pending')
    await resolved.scrollIntoViewIfNeeded()
    await screenshot(page, 'gold-audit-04-fix-pending')
  })
})
