/**
 * Test-only fault injection, so that the durability tests can show they catch the bug they name. The
 * environment variable YARDSTICK_FAULT is read once, when the first persister is created (at startup):
 * - `relay-before-durable`: each batch of updates is applied, relayed to the other clients and acknowledged
 *   as saved first, and written to the store only RELAY_BEFORE_DURABLE_DELAY_MS later — the opposite of
 *   invariant 2, so a `kill -9` in that window loses updates that others have seen.
 * A fault is refused (the server does not start) unless NODE_ENV is `test`, and an unknown fault name is
 * refused too, so it cannot be switched on by accident in production.
 */
export const FAULTS = ['relay-before-durable'] as const
export type Fault = (typeof FAULTS)[number]

/** How long a batch stays relayed but unwritten under `relay-before-durable`. */
export const RELAY_BEFORE_DURABLE_DELAY_MS = 300

export class FaultConfigError extends Error {}

/** The fault `env` asks for, or null; throws FaultConfigError when it may not or does not exist. */
export function faultFromEnv(env: Record<string, string | undefined>): Fault | null {
  const wanted = env.YARDSTICK_FAULT
  if (!wanted) return null
  if (env.NODE_ENV !== 'test')
    throw new FaultConfigError(
      `YARDSTICK_FAULT=${wanted} is for tests only and needs NODE_ENV=test; refusing to start`,
    )
  const fault = FAULTS.find((name) => name === wanted)
  if (!fault) throw new FaultConfigError(`unknown YARDSTICK_FAULT=${wanted} (known: ${FAULTS.join(', ')})`)
  return fault
}

let active: Fault | null | undefined

/** The fault of this process's environment, read on the first call. */
export function activeFault(): Fault | null {
  if (active === undefined) active = faultFromEnv(process.env)
  return active
}
