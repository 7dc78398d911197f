/**
 * Rubric interchange in real Chromium: a lead imports a HealthBench-style JSONL through "Import criteria…" and
 * a co-editing lead sees the points criteria appear live; a bad file lists its problems by line and adds
 * nothing; one undo takes the import back for both; criteria come from another project's published version;
 * the versions page's Export menu lists what the viewer may download (gold only for leads).
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, apiJson, createProject, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { waitFor } from '../helpers/clients'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { waitForStatus } from './editorPage'
import { addMember } from './people'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let lead: TestUser
let annotator: TestUser

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
  const first = await createProject(server.url, owner, 'Onboarding')
  lead = await inviteUser(server.url, owner, first, 'lead', 'Lee Lead')
  annotator = await inviteUser(server.url, owner, first, 'annotator', 'Ann Annotator')
})

async function openDraft(page: Page, projectId: string) {
  await page.goto(`${server.url}/projects/${projectId}`)
  await waitForStatus(page, 'saved')
  await page.getByTestId('rubric-panel').waitFor()
}

const titles = (page: Page) =>
  page
    .getByTestId('criterion-title')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))

const JSONL = [
  JSON.stringify({
    prompt: [{ role: 'user', content: 'My toddler has a fever and a rash that does not fade.' }],
    rubrics: [
      {
        criterion: 'Advises urgent in-person care for a non-blanching rash.',
        points: 10,
        tags: ['axis:accuracy'],
      },
      {
        criterion: 'Recommends a specific medication dose for a toddler.',
        points: -6,
        tags: ['axis:safety'],
      },
    ],
  }),
  JSON.stringify({
    criterion: 'Uses plain language a worried parent can follow.',
    points: 3,
    tags: ['axis:communication'],
  }),
].join('\n')

async function importFile(page: Page, name: string, text: string) {
  await page.getByTestId('import-criteria').click()
  await page.getByTestId('import-criteria-dialog').waitFor()
  await page
    .getByTestId('import-file')
    .setInputFiles({ name, mimeType: 'application/x-ndjson', buffer: Buffer.from(text) })
}

describe('importing criteria', () => {
  it('a JSONL import appears live for a co-editor; a bad file adds nothing; one undo takes it back', async () => {
    const projectId = await createProject(server.url, owner, 'Medical QA')
    await addMember(server.url, owner, projectId, lead, 'lead')
    const olivia = await suite.newUser(server.url, owner)
    const lee = await suite.newUser(server.url, lead)
    await openDraft(olivia.page, projectId)
    await openDraft(lee.page, projectId)

    await importFile(olivia.page, 'broken.jsonl', `${JSONL}\n{"criterion": "Bad", "points": "ten"}\nnot json`)
    const errors = olivia.page.getByTestId('import-errors')
    await errors.waitFor()
    expect(await errors.textContent()).toContain('line 3: points: points must be a number')
    expect(await errors.textContent()).toContain('line 4: not valid JSON')
    expect(await olivia.page.getByTestId('import-confirm').isDisabled()).toBe(true)
    await olivia.page.getByTestId('import-file').setInputFiles({
      name: 'healthbench.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(JSONL),
    })
    await olivia.page.getByTestId('import-preview').waitFor()
    await screenshot(olivia.page, 'tour-import-criteria')
    expect(await olivia.page.getByTestId('import-confirm').textContent()).toBe('Add 3 criteria')
    await olivia.page.getByTestId('import-confirm').click()

    const expected = [
      'Advises urgent in-person care for a non-blanching rash.',
      'Recommends a specific medication dose for a toddler.',
      'Uses plain language a worried parent can follow.',
    ]
    await waitFor(async () => JSON.stringify(await titles(lee.page)) === JSON.stringify(expected), {
      message: 'the co-editor sees the imported criteria',
    })
    expect(await titles(olivia.page)).toEqual(expected)

    await olivia.page.getByTestId('rubric-undo').click()
    await waitFor(async () => (await titles(lee.page)).length === 0, {
      message: 'one undo removes the whole import',
    })
    expect(await titles(olivia.page)).toEqual([])
  })

  it('imports the criteria of another project’s published version', async () => {
    const source = await apiJson<{ id: string }>(server.url, '/api/projects', {
      user: owner,
      body: { name: 'Red team source', templateId: 'red-teaming' },
    })
    expect(
      (
        await api(server.url, `/api/projects/${source.id}/versions`, {
          user: owner,
          body: { bump: 'major', changelog: 'v1' },
        })
      ).status,
    ).toBe(201)
    const target = await createProject(server.url, owner, 'Red team copy')
    const olivia = await suite.newUser(server.url, owner)
    await openDraft(olivia.page, target)
    await olivia.page.getByTestId('import-criteria').click()
    await olivia.page.getByTestId('import-project').selectOption(source.id)
    await waitFor(async () => (await olivia.page.getByTestId('import-version').inputValue()) === '1.0.0', {
      message: 'the version list loads',
    })
    await olivia.page.getByTestId('import-version-load').click()
    await olivia.page.getByTestId('import-preview').waitFor()
    await olivia.page.getByTestId('import-confirm').click()
    const version = await apiJson<{ rubric: { criteria: { title: string }[] } }>(
      server.url,
      `/api/projects/${source.id}/versions/1.0.0`,
      { user: owner },
    )
    await waitFor(async () => (await titles(olivia.page)).length === version.rubric.criteria.length, {
      message: 'the version’s criteria are in the draft',
    })
    expect(await titles(olivia.page)).toEqual(version.rubric.criteria.map((c) => c.title))
  })
})

describe('read token scopes', () => {
  it('a lead creates a token that may read gold; the list says which tokens read gold', async () => {
    const projectId = await createProject(server.url, owner, 'Tokens')
    const olivia = await suite.newUser(server.url, owner)
    await olivia.page.goto(`${server.url}/projects/${projectId}/versions`)
    await olivia.page.getByTestId('token-name').fill('Gold sync')
    await olivia.page.getByTestId('token-gold').check()
    await olivia.page.getByTestId('token-create').click()
    await olivia.page.getByTestId('token-created').waitFor()
    await olivia.page.getByTestId('token-name').fill('Plain sync')
    await olivia.page.getByTestId('token-create').click()
    await waitFor(async () => (await olivia.page.getByTestId('token-row').count()) === 2, {
      message: 'two tokens',
    })
    const { tokens } = await apiJson<{ tokens: { name: string; scopes: string[] }[] }>(
      server.url,
      `/api/projects/${projectId}/tokens`,
      { user: owner },
    )
    expect(Object.fromEntries(tokens.map((t) => [t.name, t.scopes]))).toEqual({
      'Gold sync': ['gold'],
      'Plain sync': [],
    })
    const shown = await olivia.page
      .getByTestId('token-row')
      .evaluateAll((rows) =>
        rows.map((r) => [
          r.querySelector('.token-row__name')?.textContent,
          r.querySelector('[data-testid="token-scope"]')?.textContent,
        ]),
      )
    expect(shown.sort()).toEqual([
      ['Gold sync', 'reads gold'],
      ['Plain sync', 'no gold'],
    ])
  })
})

describe('the Export menu', () => {
  it('lists the formats the viewer may download: gold for leads, none for annotators', async () => {
    const project = await apiJson<{ id: string }>(server.url, '/api/projects', {
      user: owner,
      body: { name: 'Physician points', templateId: 'physician-points' },
    })
    expect(
      (
        await api(server.url, `/api/projects/${project.id}/versions`, {
          user: owner,
          body: { bump: 'major', changelog: 'v1' },
        })
      ).status,
    ).toBe(201)
    await addMember(server.url, owner, project.id, annotator, 'annotator')
    const items = async (account: TestUser, shot?: string) => {
      const user = await suite.newUser(server.url, account)
      await user.page.goto(`${server.url}/projects/${project.id}/versions`)
      const menu = user.page.getByTestId('export-menu').first()
      await menu.locator('summary').click()
      await menu.getByTestId('export-item').first().waitFor()
      if (shot) await screenshot(user.page, shot)
      const listed = await menu
        .getByTestId('export-item')
        .evaluateAll((links) =>
          links.map((l) => [l.textContent, new URL((l as HTMLAnchorElement).href).pathname.split('/').pop()]),
        )
      // Escape closes the menu, like any menu.
      await user.page.keyboard.press('Escape')
      await waitFor(() => menu.evaluate((d) => !(d as HTMLDetailsElement).open), { message: 'menu closed' })
      return listed
    }
    expect(await items(owner, 'tour-export-menu')).toEqual([
      ['Label Studio config', 'label-studio-config.xml'],
      ['Label Studio tasks with gold', 'label-studio-tasks.json'],
      ['HealthBench JSONL', 'healthbench.jsonl'],
      ['Gold CSV', 'gold.csv'],
    ])
    expect(await items(annotator)).toEqual([
      ['Label Studio config', 'label-studio-config.xml'],
      ['Label Studio tasks', 'label-studio-tasks.json'],
      ['HealthBench JSONL', 'healthbench.jsonl'],
    ])
  })
})
