/**
 * Names with control characters or text-direction overrides in real Chromium: the new-project field, the
 * profile form, the read-token field and invite sign-up show the server's message under the field and do
 * not send; an honest name in another script goes through.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createProject, setupOwner, type TestUser } from '../helpers/accounts'
import { screenshot } from '../helpers/browser'
import { type ChildServer, spawnServer } from '../helpers/server'
import { browserSuite, SERVER_ENV } from './browserSuite'
import { fillSignUp, inviteLink } from './people'

const suite = browserSuite()
let server: ChildServer
let owner: TestUser
let project: string

beforeAll(async () => {
  server = await spawnServer({ env: SERVER_ENV })
  owner = await setupOwner(server)
  project = await createProject(server.url, owner, 'Medical QA')
})

const MESSAGE = /contains a text-direction override \(U\+202E\) at position \d+; control characters/

describe('names with control characters in the browser', () => {
  it('the project, profile and token forms say why and do not send', async () => {
    const { page } = await suite.newUser(server.url, owner)
    await page.goto(`${server.url}/`)
    await page.getByTestId('new-project-name').fill('Ratings \u202eevil')
    await expect.poll(() => page.getByTestId('new-project-name-error').textContent()).toMatch(MESSAGE)
    expect(await page.getByTestId('create-project').isDisabled()).toBe(true)
    await screenshot(page, 'name-characters-project')
    await page.getByTestId('new-project-name').fill('Évaluation — שלום')
    await page.getByTestId('new-project-name-error').waitFor({ state: 'detached' })
    await page.getByTestId('create-project').click()
    await page.getByText('Évaluation — שלום').first().waitFor()

    await page.goto(`${server.url}/account`)
    await page.getByTestId('profile-name').fill('Olivia \u202eOwner')
    await expect.poll(() => page.getByTestId('profile-name-error').textContent()).toMatch(MESSAGE)
    expect(await page.getByTestId('profile-save').isDisabled()).toBe(true)

    await page.goto(`${server.url}/projects/${project}/versions`)
    await page.getByTestId('token-name').fill('sync \u202etool')
    await expect.poll(() => page.getByTestId('token-name-error').textContent()).toMatch(MESSAGE)
    expect(await page.getByTestId('token-create').isDisabled()).toBe(true)
  })

  it('invite sign-up shows the message next to the name', async () => {
    const { page } = await suite.newUser()
    await page.goto(await inviteLink(server.url, owner, project, 'annotator'))
    await page.getByTestId('invite-signup').waitFor()
    await fillSignUp(page, { name: 'Ann \u202eotator', email: 'ann@example.com', color: '#7c3aed' })
    await page.getByTestId('invite-signup-submit').click()
    await expect.poll(() => page.getByTestId('name-error').textContent()).toMatch(MESSAGE)
    await screenshot(page, 'name-characters-signup')
  })
})
