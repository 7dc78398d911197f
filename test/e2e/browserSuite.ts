/**
 * The frame of a browser test file: one Chromium for the file, browser contexts closed after each test (which
 * fails if any page threw), and every server and temp directory cleaned up at the end.
 */
import { resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { TestUser } from '../helpers/accounts'
import { launchChromium } from '../helpers/browser'
import { removeTempDirs, stopAllServers } from '../helpers/server'
import { openUser, type User } from './editorPage'

export const CLIENT_DIR = resolve(import.meta.dirname, '../../dist/client')
/** Servers for browser tests serve the built client; the sign-in rate limit is out of the way unless a test sets it. */
export const SERVER_ENV = { CLIENT_DIR, AUTH_ATTEMPTS_PER_MINUTE: '1000' }

export function browserSuite() {
  let browser: Browser | undefined
  const users: User[] = []

  beforeAll(async () => {
    browser = await launchChromium()
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

  return {
    /** A fresh browser context, signed in as `account` on `baseUrl` when both are given. */
    async newUser(baseUrl?: string, account?: TestUser): Promise<User> {
      if (!browser) throw new Error('the browser is not launched yet')
      const user = await openUser(browser, baseUrl && account ? { baseUrl, account } : {})
      users.push(user)
      return user
    },
  }
}
