/**
 * Issue 22: the project list's "Updated … ago" follows edits of the draft. A project last changed long ago
 * (backdated in the database while the server was stopped) shows that date; after typing in its guideline,
 * the list says "just now".
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, it } from 'vitest'
import { createProject, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { waitFor } from '../helpers/clients'
import { type ChildServer, spawnServer, tempDataDir } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { typeAtEnd, waitForStatus } from './editorPage'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let projectId: string

beforeAll(async () => {
  const dataDir = tempDataDir()
  const first = await spawnServer({ dataDir, env: SERVER_ENV })
  owner = await setupOwner(first)
  projectId = await createProject(first.url, owner, 'Quiet for years')
  await first.stop()
  const db = new Database(join(dataDir, 'yardstick.sqlite'))
  db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?').run('2020-01-15T12:00:00.000Z', projectId)
  db.close()
  server = await spawnServer({ dataDir, env: SERVER_ENV })
})

describe('the project list', () => {
  it('says a project was updated when its draft was last edited', async () => {
    const { page } = await suite.newUser(server.url, owner)
    const row = page.locator(`[data-testid="project-row"][data-project-id="${projectId}"]`)
    await page.goto(`${server.url}/`)
    await waitFor(async () => /Updated .*2020/.test((await row.textContent()) ?? ''), {
      message: 'the backdated time is shown',
    })

    await page.goto(`${server.url}/projects/${projectId}`)
    await waitForStatus(page, 'saved')
    await typeAtEnd(page, 'A new rule for the raters.')
    await waitForStatus(page, 'saved')

    await page.goto(`${server.url}/`)
    await waitFor(async () => ((await row.textContent()) ?? '').includes('Updated just now'), {
      message: 'the edit moved the updated time',
    })
    await screenshot(page, 'updated-after-draft-edit')
  })
})
