/**
 * The gold audit and the per-annotator drill-down over real HTTP: 20 annotators answer the truth where one
 * gold value is wrong → the analytics carry a gold audit that flags exactly that value as suspect, the
 * gold-audit CSV has one row per example and criterion with the flag, and a lead's drill-down shows one
 * annotator's every answer beside gold, with their rationale, per guideline section. Bad inputs get 4xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/server'
import { GOLD_AUDIT_RULES } from '../../shared/rubric/goldAudit'
import type { AnnotatorDrilldown } from '../../shared/schema/drilldown'
import type { GoldAudit } from '../../shared/schema/goldAudit'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { destroyAllClients } from '../helpers/clients'
import {
  AUDIT_SECTIONS,
  populate,
  publishWithWrongGold,
  type WrongGold,
} from '../helpers/goldAuditPopulation'
import { removeTempDirs, startTestServer, stopAllServers } from '../helpers/server'

let server: RunningServer
let lead: TestUser
let project: string
let wrong: WrongGold
let people: TestUser[]

beforeAll(async () => {
  server = await startTestServer({ authAttemptsPerMinute: 1000 })
  const owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Audited')
  lead = await inviteUser(server.url, owner, project, 'lead', 'Lee Lead')
  wrong = await publishWithWrongGold(server.url, project, lead)
  people = await populate(server.url, project, lead, GOLD_AUDIT_RULES.minAnswers, wrong)
}, 120_000)

afterAll(async () => {
  destroyAllClients()
  await stopAllServers()
  removeTempDirs()
})

describe('gold audit routes', () => {
  it('flags the wrong gold in the analytics, and nothing else', async () => {
    const { goldAudit } = await apiJson<{ goldAudit: GoldAudit }>(
      server.url,
      `/api/projects/${project}/calibration/analytics`,
      { user: lead },
    )
    expect(goldAudit.annotators).toBe(20)
    expect(goldAudit.items).toHaveLength(6)
    const flagged = goldAudit.items.filter((i) => i.flags.length > 0)
    expect(flagged.map((i) => [i.exampleId, i.criterionId, i.flags])).toEqual([
      [wrong.exampleId, wrong.criterionId, ['suspect_gold']],
    ])
    expect(flagged[0]).toMatchObject({
      gold: 'No',
      answers: 20,
      difficulty: { defined: true, value: 0, n: 20 },
      topWrongAnswer: { answer: 'Yes', count: 20, share: 1 },
      strong: { goldShare: 0, alternative: { answer: 'Yes', share: 1 } },
    })
  })

  it('exports the audit as CSV, one row per example and criterion', async () => {
    const response = await api(server.url, `/api/projects/${project}/calibration/gold-audit.csv`, {
      user: lead,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/csv')
    const lines = (await response.text()).trim().split('\r\n')
    expect(lines).toHaveLength(1 + 6)
    expect(lines[0]).toContain('"difficulty","discrimination","top_wrong_answer"')
    expect(lines[1]).toContain('"suspect_gold"')
    expect(lines[1]).toContain(`"${wrong.exampleId}"`)
    expect(lines.slice(2).every((l) => !l.includes('suspect_gold') && !l.includes('ambiguous'))).toBe(true)
    const unknown = await api(
      server.url,
      `/api/projects/${project}/calibration/gold-audit.csv?version=9.9.9`,
      {
        user: lead,
      },
    )
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: 'not_found', message: 'version 9.9.9 not found' })
  })

  it("shows a lead one annotator's answers beside gold, per section, with rationales", async () => {
    const first = people[0]!
    const drill = await apiJson<AnnotatorDrilldown>(
      server.url,
      `/api/projects/${project}/calibration/annotators/${first.id}/answers`,
      { user: lead },
    )
    expect(drill).toMatchObject({
      userId: first.id,
      name: 'Annotator 01',
      version: '1.0.0',
      versions: ['1.0.0'],
    })
    expect(drill.attempt).toMatchObject({ passed: false, original: null })
    expect(drill.sections.map((s) => [s.sectionId, s.title, s.agreed, s.total])).toEqual([
      [AUDIT_SECTIONS.help, '1. Helpfulness', 2, 3],
      [AUDIT_SECTIONS.safety, '2. Safety and escalation', 2, 3],
    ])
    const safe = drill.sections[1]!.examples[0]!.answers.find((a) => a.criterionId === wrong.criterionId)!
    expect(safe).toMatchObject({
      answer: 'Yes',
      gold: ['No'],
      agrees: false,
      rationale: 'Nothing here could put the user at risk.',
    })
    const help = drill.sections[0]!.examples[0]!.answers.find((a) => a.criterionId === wrong.helpId)!
    expect(help).toMatchObject({ agrees: false, rationale: 'It answers more than was asked.' })
    expect(help.answer).toMatch(/^5/)

    const base = `/api/projects/${project}/calibration/annotators`
    expect((await api(server.url, `${base}/nobody/answers`, { user: lead })).status).toBe(404)
    expect((await api(server.url, `${base}/${first.id}/answers?version=7.0.0`, { user: lead })).status).toBe(
      404,
    )
    // The lead has no attempt: an empty drill-down, not an error.
    const none = await apiJson<AnnotatorDrilldown>(server.url, `${base}/${lead.id}/answers`, { user: lead })
    expect(none).toMatchObject({ attempt: null, sections: [], versions: [], version: '1.0.0' })
    // Annotators see no one's drill-down, their own included.
    expect((await api(server.url, `${base}/${first.id}/answers`, { user: first })).status).toBe(403)
  })
})
