/**
 * Issue 22, small screens: the editor (owner and reviewer), project list, members, account and versions pages
 * at 360, 390, 768 and 1280 px wide — no header element overlaps another (by bounding boxes), nothing makes
 * the page scroll sideways, the guideline text keeps a readable width. Screenshots go to
 * test-results/screenshots/small-*.png.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiJson, inviteUser, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { PROSEMIRROR, waitForStatus } from './editorPage'
import { expectHeaderFits } from './layoutChecks'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let reviewer: TestUser
let projectId: string

const WIDTHS = [360, 390, 768, 1280]

beforeAll(async () => {
  server = await spawnServer({ env: { ...SERVER_ENV, SEED_EXAMPLE: 'true' } })
  owner = await setupOwner(server)
  const { projects } = await apiJson<{ projects: { id: string; name: string }[] }>(
    server.url,
    '/api/projects',
    {
      user: owner,
    },
  )
  projectId = projects.find((p) => p.name.startsWith('Medical QA'))?.id ?? ''
  reviewer = await inviteUser(server.url, owner, projectId, 'reviewer', 'Rita Reviewer')
  const versions = await apiJson<{ versions: unknown[] }>(server.url, `/api/projects/${projectId}/versions`, {
    user: owner,
  })
  if (versions.versions.length === 0) {
    await apiJson(server.url, `/api/projects/${projectId}/versions`, {
      user: owner,
      body: { bump: 'major', changelog: 'First release' },
    })
  }
})

async function checkLayout(page: Page, what: string, width: number): Promise<void> {
  await screenshot(page, `small-${what}-${width}`)
  await expectHeaderFits(page, what, width)
}

describe('small screens', () => {
  it('the editor header never overlaps and the guideline stays readable, for an owner and a reviewer', async () => {
    for (const [account, who] of [
      [owner, 'owner'],
      [reviewer, 'reviewer'],
    ] as const) {
      const user = await suite.newUser(server.url, account)
      for (const width of WIDTHS) {
        await user.page.setViewportSize({ width, height: 800 })
        await user.page.goto(`${server.url}/projects/${projectId}`)
        await waitForStatus(user.page, who === 'owner' ? 'saved' : 'view-only')
        await checkLayout(user.page, `editor-${who}`, width)
        const text = await user.page.locator(PROSEMIRROR).boundingBox()
        expect(text, 'the guideline text').not.toBeNull()
        // Readable: the text column takes most of a phone's width and is not cut off.
        expect(text!.width, `guideline width at ${width}px`).toBeGreaterThanOrEqual(Math.min(width - 60, 600))
        expect(text!.x + text!.width).toBeLessThanOrEqual(width + 0.5)
      }
    }
  })

  it('the project list, members, account and versions pages fit at every width', async () => {
    const user = await suite.newUser(server.url, owner)
    const pages = [
      ['projects', '/', 'project-row'],
      ['members', `/projects/${projectId}/members`, 'member-row'],
      ['account', '/account', 'account-page'],
      ['versions', `/projects/${projectId}/versions`, 'version-restore'],
    ] as const
    for (const width of WIDTHS) {
      await user.page.setViewportSize({ width, height: 800 })
      for (const [what, path, ready] of pages) {
        await user.page.goto(`${server.url}${path}`)
        await user.page.getByTestId(ready).first().waitFor()
        await checkLayout(user.page, what, width)
      }
    }
  })
})
