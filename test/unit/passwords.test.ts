/** The password policy: length, the common-password list (checked in a worker thread), email and name. */
import { describe, expect, it } from 'vitest'
import { passwordProblem } from '../../server/auth/passwords'

describe('passwordProblem', () => {
  it('refuses passwords from the common list whatever their case', async () => {
    expect(await passwordProblem('password')).toMatch(/most common passwords/)
    expect(await passwordProblem('Baseball1')).toMatch(/most common passwords/)
    expect(await passwordProblem('QWERTYUIOP')).toMatch(/most common passwords/)
  })

  it('accepts a long uncommon password', async () => {
    expect(await passwordProblem('violet-otter-harbour-17')).toBeNull()
  })

  it('refuses short passwords and the email or name as password', async () => {
    expect(await passwordProblem('short')).toMatch(/at least/)
    expect(await passwordProblem('Ada@Example.org', { email: 'ada@example.org' })).toMatch(/email/)
    expect(await passwordProblem('Ada Lovelace', { name: 'ada lovelace' })).toMatch(/name/)
  })

  it('answers several checks at once', async () => {
    const answers = await Promise.all(
      ['password', 'violet-otter-harbour-17', 'iloveyou'].map((p) => passwordProblem(p)),
    )
    expect(answers.map((a) => a !== null)).toEqual([true, false, true])
  })
})
