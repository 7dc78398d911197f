/**
 * Password hashing with argon2id (@node-rs/argon2) and the password policy: at least 8 characters, no upper
 * limit that truncates (argon2 hashes every byte), and none of the ~49,000 most common passwords.
 */
import { hash, verify } from '@node-rs/argon2'
import { MIN_PASSWORD_LENGTH } from '../../shared/schema/auth'

/**
 * The common-password list, loaded on the first password check: the dictionary package costs ~18 MB of
 * resident memory, which a server that never sets a password (most of its life) should not pay at start-up.
 */
let common: Promise<Set<string>> | null = null
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())),
  )
  return common
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
  if ((await commonPasswords()).has(lower))
    return 'this password is one of the most common passwords; choose another'
  if (context.email && lower === context.email.toLowerCase()) return 'password must not be your email address'
  if (context.name && lower === context.name.toLowerCase()) return 'password must not be your name'
  return null
}
