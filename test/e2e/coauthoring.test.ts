/**
 * Issue #2 in real Chromium, with real accounts: two signed-in users co-author one guideline (text, caret
 * labels with their account names, presence), a reload keeps the text, and edits made offline stay local,
 * then save and merge when the connection is back.
 */
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createProject, inviteUser, setupOwner, TEST_PASSWORD, type TestUser } from '../helpers/accounts'
import { launchChromium, screenshot, screenshotSideBySide } from '../helpers/browser'
import { waitFor } from '../helpers/clients'
import { type ChildServer, removeTempDirs, spawnServer, stopAllServers } from '../helpers/server'
import {
  CARET_LABEL,
  connectionsOf,
  documentBlocks,
  documentContains,
  openUser,
  presenceNames,
  readStatus,
  recordedStatuses,
  recordStatuses,
  typeAtEnd,
  type User,
  waitForPresence,
  waitForStatus,
  waitForText,
} from './editorPage'
import { addMember } from './people'

const CLIENT_DIR = resolve(import.meta.dirname, '../../dist/client')
/** Account names: caret labels and presence entries must show exactly these. */
const ALICE = { name: 'Alice Owner' }
const BOB = { name: 'Bob Lead' }
const CAROL = { name: 'Carol New' }
/** Once the browser knows it is offline, the pill should say so about as fast as a person can look at it. */
const OFFLINE_NOTICE_MS = 5_000

let server: ChildServer
let browser: Browser
const users: User[] = []
/** Alice owns every project; Bob and Carol are leads of the projects they are added to. */
let aliceAccount: TestUser
let bobAccount: TestUser
let carolAccount: TestUser

/** A browser context signed in as `account` (by its session cookie), or signed out. */
async function newUser(account?: TestUser): Promise<User> {
  const user = await openUser(browser, account ? { baseUrl: server.url, account } : {})
  users.push(user)
  return user
}

/** A project of Alice's with the given accounts as leads. */
async function sharedProject(name: string, ...leads: TestUser[]): Promise<string> {
  const projectId = await createProject(server.url, aliceAccount, name)
  for (const lead of leads) await addMember(server.url, aliceAccount, projectId, lead, 'lead')
  return projectId
}

/** Opens a project straight from its URL for each user and waits until each is synced and saved. */
async function openProject(projectId: string, ...people: User[]): Promise<void> {
  await Promise.all(
    people.map(async ({ page }) => {
      await page.goto(`${server.url}/projects/${projectId}`)
      await waitForStatus(page, 'saved')
    }),
  )
}

beforeAll(async () => {
  server = await spawnServer({ env: { CLIENT_DIR, AUTH_ATTEMPTS_PER_MINUTE: '1000' } })
  browser = await launchChromium()
  aliceAccount = await setupOwner(server, ALICE.name)
  // Bob and Carol get their accounts by joining a first project; later projects add them as members.
  const first = await createProject(server.url, aliceAccount, 'Onboarding')
  bobAccount = await inviteUser(server.url, aliceAccount, first, 'lead', BOB.name)
  carolAccount = await inviteUser(server.url, aliceAccount, first, 'lead', CAROL.name)
})

afterEach(async () => {
  const errors = users.flatMap((user) => user.pageErrors)
  await Promise.all(users.splice(0).map((user) => user.context.close()))
  expect(errors, 'uncaught exceptions in the pages').toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await stopAllServers()
  removeTempDirs()
})

describe('co-authoring a guideline in the browser', () => {
  it('shows one user’s text, caret label and presence to the other, on a project made in the list', async () => {
    const projectName = 'Medical QA — helpfulness'
    const alice = await newUser()
    await alice.page.goto(server.url)
    // Signed out, the app asks Alice to sign in first, then shows her projects.
    await alice.page.getByTestId('signin-page').waitFor()
    await screenshot(alice.page, '01-sign-in')
    await alice.page.getByTestId('signin-email').fill(aliceAccount.email)
    await alice.page.getByTestId('signin-password').fill(TEST_PASSWORD)
    await alice.page.getByTestId('signin-submit').click()
    await alice.page.getByTestId('account-button').filter({ hasText: ALICE.name }).waitFor()
    expect(new URL(alice.page.url()).pathname).toBe('/')

    await alice.page.getByTestId('new-project-name').fill(projectName)
    await alice.page.getByTestId('create-project').click()
    // Creating opens the new project; back in the list it shows with Alice as its owner.
    await waitForStatus(alice.page, 'saved')
    await alice.page.getByTestId('back-link').click()
    const row = alice.page.getByTestId('project-row').filter({ hasText: projectName })
    await row.waitFor()
    expect(await row.getByTestId('role-badge').textContent()).toBe('Owner')
    await screenshot(alice.page, '02-project-list')
    await row.getByTestId('project-link').click()
    await waitForStatus(alice.page, 'saved')
    const projectUrl = alice.page.url()
    expect(projectUrl).toMatch(/\/projects\/[^/]+$/)
    expect(await alice.page.getByTestId('outline-item').allTextContents()).toEqual([projectName])

    // Alice makes Bob a lead; Bob finds the same project in his list.
    const projectId = decodeURIComponent(new URL(projectUrl).pathname.split('/').at(-1) ?? '')
    await addMember(server.url, aliceAccount, projectId, bobAccount, 'lead')
    const bob = await newUser(bobAccount)
    await bob.page.goto(server.url)
    await bob.page.getByTestId('project-link').filter({ hasText: projectName }).click()
    await waitForStatus(bob.page, 'saved')
    expect(bob.page.url()).toBe(projectUrl)

    const aliceText = 'Rate the answer the user received.'
    await typeAtEnd(alice.page, aliceText, { newParagraph: false })
    await waitForText(bob.page, aliceText, 'Bob')
    await bob.page.locator(CARET_LABEL).filter({ hasText: ALICE.name }).waitFor()

    const bobText = 'Agreed — and flag anything outside your expertise.'
    await typeAtEnd(bob.page, bobText)
    await waitForText(alice.page, bobText, 'Alice')
    await alice.page.locator(CARET_LABEL).filter({ hasText: BOB.name }).waitFor()

    await waitForPresence(alice.page, [`${ALICE.name} (you)`, BOB.name], 'Alice')
    await waitForPresence(bob.page, [ALICE.name, `${BOB.name} (you)`], 'Bob')
    await Promise.all([waitForStatus(alice.page, 'saved'), waitForStatus(bob.page, 'saved')])
    expect(await documentBlocks(bob.page)).toEqual(await documentBlocks(alice.page))
    await screenshotSideBySide(
      [
        { label: `${ALICE.name} (sees Bob's caret)`, page: alice.page },
        { label: `${BOB.name} (sees Alice's caret)`, page: bob.page },
      ],
      '03-coauthoring',
    )
  })

  it('keeps the text through a reload, back to "saved", and on a device with no local copy', async () => {
    const projectId = await sharedProject('Reload check', bobAccount, carolAccount)
    const alice = await newUser(aliceAccount)
    const bob = await newUser(bobAccount)
    await openProject(projectId, alice, bob)

    const text = 'This sentence survives a reload.'
    await typeAtEnd(alice.page, text, { newParagraph: false })
    await waitForStatus(alice.page, 'saved')
    await waitForText(bob.page, text, 'Bob')

    await alice.page.reload()
    await waitForText(alice.page, text, 'Alice after her reload')
    await waitForStatus(alice.page, 'saved')
    // Alice's old tab left the room: Bob sees one Alice, standing for one connection, not two.
    await waitForPresence(bob.page, [ALICE.name, `${BOB.name} (you)`], 'Bob')
    await waitFor(async () => (await connectionsOf(bob.page, ALICE.name)) === '1', {
      message: "Bob's presence entry of Alice to stand for exactly one connection after her reload",
    })
    await screenshot(alice.page, '04-after-reload')

    // A fresh context has no IndexedDB copy: the text must come from the server.
    const carol = await newUser(carolAccount)
    await openProject(projectId, carol)
    expect(await documentContains(carol.page, text)).toBe(true)
  })

  it('keeps offline edits local, shows "offline", then saves and merges them when back online', async () => {
    const projectId = await sharedProject('Offline check', bobAccount)
    const alice = await newUser(aliceAccount)
    const bob = await newUser(bobAccount)
    await openProject(projectId, alice, bob)
    const onlineText = 'Written while everyone is online.'
    await typeAtEnd(alice.page, onlineText, { newParagraph: false })
    await waitForText(bob.page, onlineText, 'Bob')
    await waitForStatus(alice.page, 'saved')
    await recordStatuses(alice.page)

    await alice.context.setOffline(true)
    const offlineText = 'Alice wrote this offline.'
    await typeAtEnd(alice.page, offlineText)
    const wentOffline = Date.now()
    await waitForStatus(alice.page, 'offline', OFFLINE_NOTICE_MS).catch(async (error: Error) => {
      throw new Error(
        `Alice's browser is offline (navigator.onLine = ${await alice.page.evaluate(() => navigator.onLine)}) ` +
          `but after ${Date.now() - wentOffline} ms her save status still reads "${await readStatus(alice.page)}" ` +
          `(statuses so far: ${(await recordedStatuses(alice.page)).join(' → ')})\n${error.message}`,
      )
    })
    await alice.page.getByTestId('offline-banner').waitFor()

    // Bob keeps editing; his change is saved, and neither sees the other's new paragraph yet.
    const bobText = 'Bob added this meanwhile.'
    await typeAtEnd(bob.page, bobText)
    await waitForStatus(bob.page, 'saved')
    expect(await documentContains(bob.page, offlineText)).toBe(false)
    expect(await documentContains(alice.page, bobText)).toBe(false)
    expect(await readStatus(alice.page)).toBe('offline')
    await screenshotSideBySide(
      [
        { label: `${ALICE.name} (offline)`, page: alice.page },
        { label: `${BOB.name} (online)`, page: bob.page },
      ],
      '05-offline',
    )

    await alice.context.setOffline(false)
    await waitFor(async () => (await recordedStatuses(alice.page)).at(-1) === 'saved', {
      message: 'Alice to be saved again after reconnecting',
    })
    const statuses = await recordedStatuses(alice.page)
    expect(statuses.slice(statuses.indexOf('offline')), `status sequence ${statuses.join(' → ')}`).toEqual([
      'offline',
      'saving',
      'saved',
    ])

    await waitForText(bob.page, offlineText, 'Bob')
    await waitForText(alice.page, bobText, 'Alice')
    await waitForPresence(bob.page, [ALICE.name, `${BOB.name} (you)`], 'Bob')
    const merged = await documentBlocks(alice.page)
    expect(await documentBlocks(bob.page)).toEqual(merged)
    expect(merged, 'each text in a paragraph of its own').toEqual(
      expect.arrayContaining([onlineText, offlineText, bobText]),
    )
    expect(await presenceNames(alice.page)).toEqual([`${ALICE.name} (you)`, BOB.name])
    await screenshotSideBySide(
      [
        { label: `${ALICE.name} (back online)`, page: alice.page },
        { label: BOB.name, page: bob.page },
      ],
      '06-after-merge',
    )
  })

  it('says "Not saved — retrying" while the database refuses writes, and "saved" once it works again', async () => {
    const projectId = await sharedProject('Store failure')
    const alice = await newUser(aliceAccount)
    await openProject(projectId, alice)
    // A real database error: every insert into the update log aborts, as on a full disk.
    const db = new Database(join(server.dataDir, 'yardstick.sqlite'))
    try {
      db.exec(`CREATE TRIGGER disk_full BEFORE INSERT ON doc_updates
               BEGIN SELECT RAISE(ABORT, 'database or disk is full (simulated)'); END`)
      await typeAtEnd(alice.page, 'Written while the disk is full.')
      await waitForStatus(alice.page, 'notSaved')
      expect(await alice.page.getByTestId('save-status').textContent()).toBe('Not saved — retrying')
      await screenshot(alice.page, '07-not-saved')
    } finally {
      db.exec('DROP TRIGGER IF EXISTS disk_full')
      db.close()
    }
    await waitForStatus(alice.page, 'saved', 15_000)
    await alice.page.reload()
    await waitForStatus(alice.page, 'saved')
    expect(await documentContains(alice.page, 'Written while the disk is full.')).toBe(true)
  })
})
