/**
 * The test-only fault switch (server/sync/faultInjection.ts) is off unless asked for, refused outside
 * NODE_ENV=test and for unknown names; and the cross-instance update message carries its author while still
 * reading messages from an instance that does not send one.
 */
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { decodeDocChannelMessage, encodeDocChannelMessage } from '../../server/cluster/fanoutWire'
import { FaultConfigError, faultFromEnv } from '../../server/sync/faultInjection'

describe('faultFromEnv', () => {
  it('is off by default, whatever NODE_ENV says', () => {
    expect(faultFromEnv({})).toBe(null)
    expect(faultFromEnv({ NODE_ENV: 'test', YARDSTICK_FAULT: '' })).toBe(null)
  })

  it('switches a known fault on under NODE_ENV=test only', () => {
    expect(faultFromEnv({ NODE_ENV: 'test', YARDSTICK_FAULT: 'relay-before-durable' })).toBe(
      'relay-before-durable',
    )
    for (const NODE_ENV of [undefined, 'production', 'development', 'TEST'])
      expect(() => faultFromEnv({ NODE_ENV, YARDSTICK_FAULT: 'relay-before-durable' })).toThrow(
        FaultConfigError,
      )
  })

  it('refuses an unknown fault', () => {
    expect(() => faultFromEnv({ NODE_ENV: 'test', YARDSTICK_FAULT: 'relay-before-durable ' })).toThrow(
      /unknown YARDSTICK_FAULT/,
    )
  })
})

describe('update messages between instances', () => {
  it('carry the author, and read an older message without one as unknown', () => {
    const update = new Uint8Array([0, 0])
    const message = { from: 'i1', kind: 'update', update, seq: 7, author: 'acc-1' } as const
    expect(decodeDocChannelMessage(encodeDocChannelMessage(message))).toEqual(message)
    const older = encoding.createEncoder()
    encoding.writeVarString(older, 'i0')
    encoding.writeVarUint(older, 0)
    encoding.writeVarUint(older, 3)
    encoding.writeVarUint8Array(older, update)
    expect(decodeDocChannelMessage(encoding.toUint8Array(older))).toEqual({
      from: 'i0',
      kind: 'update',
      update,
      seq: 3,
      author: '',
    })
  })
})
