/**
 * Redis for tests: TEST_REDIS_URL (default: the local server). Each test gets channel names of its own
 * through a random REDIS_PREFIX. Fails with what to do when no server answers.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

export async function requireRedis(): Promise<void> {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    throw new Error(
      `Redis is needed for these tests and none answered at ${TEST_REDIS_URL} (${(error as Error).message}). ` +
        'Start it (e.g. `service redis-server start`, or `apt-get install -y redis-server`) or set TEST_REDIS_URL.',
    )
  } finally {
    client.disconnect()
  }
}

export const redisPrefix = () => `test-${randomBytes(6).toString('hex')}`
