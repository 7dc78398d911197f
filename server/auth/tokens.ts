/** Random secrets and ids, and the hashes under which secrets are stored (never the secrets themselves). */
import { createHash, randomBytes } from 'node:crypto'

/** A URL-safe secret with `bytes` bytes of entropy (default 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** A short public identifier (96 bits). */
export function newId(): string {
  return randomBytes(12).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
