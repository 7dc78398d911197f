/** The settings of the upgrade budget and the refusal log: documented defaults, and bad values refused clearly. */
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config'

describe('upgrade limit and refusal log settings', () => {
  it('has the documented defaults (docs/operations.md)', () => {
    const config = loadConfig({})
    expect(config.upgradeLimits).toEqual({
      upgradesPerMinute: 600,
      refusedUpgradeCost: 10,
      windowSeconds: 60,
    })
    expect(config.refusalLog).toEqual({ intervalMs: 60_000, maxAddresses: 100 })
  })

  it('reads the environment, 0 turning the budget off', () => {
    const config = loadConfig({
      MAX_UPGRADES_PER_MINUTE: '0',
      REFUSED_UPGRADE_COST: '3',
      REFUSAL_LOG_INTERVAL_MS: '5000',
      REFUSAL_LOG_MAX_ADDRESSES: '7',
    })
    expect(config.upgradeLimits).toMatchObject({ upgradesPerMinute: 0, refusedUpgradeCost: 3 })
    expect(config.refusalLog).toEqual({ intervalMs: 5000, maxAddresses: 7 })
  })

  it('refuses values that are not non-negative integers, and an interval that would spin', () => {
    expect(() => loadConfig({ MAX_UPGRADES_PER_MINUTE: 'lots' })).toThrow(
      'MAX_UPGRADES_PER_MINUTE must be a non-negative integer, got "lots"',
    )
    expect(() => loadConfig({ REFUSED_UPGRADE_COST: '-1' })).toThrow(
      'REFUSED_UPGRADE_COST must be a non-negative',
    )
    expect(() => loadConfig({ REFUSAL_LOG_MAX_ADDRESSES: '1.5' })).toThrow('REFUSAL_LOG_MAX_ADDRESSES')
    expect(() => loadConfig({ REFUSAL_LOG_INTERVAL_MS: '0' })).toThrow(
      'REFUSAL_LOG_INTERVAL_MS must be at least 100, got "0"',
    )
  })
})
