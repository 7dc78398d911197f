/**
 * Password hashing with argon2id (@node-rs/argon2) and the password policy: at least 8 characters, no upper
 * limit that truncates (argon2 hashes every byte), and none of the ~49,000 most common passwords.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { hash, verify } from '@node-rs/argon2'
import { MIN_PASSWORD_LENGTH } from '../../shared/schema/auth'

/**
 * The common-password check runs in a short-lived worker thread that loads the dictionary, answers and
 * exits: the dictionary package costs ~18–35 MB of resident memory once loaded, and an ES module stays
 * loaded for the life of the process. Passwords are checked only at setup, invite sign-up and password
 * change, next to an argon2 hash that costs more than starting the worker.
 */
const DICTIONARY_MODULE = createRequire(import.meta.url).resolve('@zxcvbn-ts/language-common')
const CHECK_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { dictionary } = require(workerData.module)
parentPort.postMessage(dictionary['passwords-common'].some((p) => p.toLowerCase() === workerData.password))
`

function isCommonPassword(lowerCasePassword: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CHECK_SOURCE, {
      eval: true,
      workerData: { module: DICTIONARY_MODULE, password: lowerCasePassword },
    })
    worker.once('message', (common: boolean) => resolve(common))
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`password check exited with code ${code}`)))
  })
}

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane. Algorithm 2 = argon2id.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

/** A hash of a random password, verified against when the email is unknown so timing reveals nothing. */
let dummyHash: Promise<string> | null = null
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(`not-a-password-${Math.random()}`)
  return dummyHash
}

/** Why a new password is refused, or null when it is acceptable. */
export async function passwordProblem(
  password: string,
  context: { email?: string; name?: string } = {},
): Promise<string | null> {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `password must be at least ${MIN_PASSWORD_LENGTH} characters`
  const lower = password.toLowerCase()
  if (await isCommonPassword(lower))
    return 'this password is one of the most common passwords; choose another'
  if (context.email && lower === context.email.toLowerCase()) return 'password must not be your email address'
  if (context.name && lower === context.name.toLowerCase()) return 'password must not be your name'
  return null
}
