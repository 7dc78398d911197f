/**
 * Fan-out between server instances over Redis pub/sub (`REDIS_URL`). One connection publishes, one
 * subscribes: a channel per open document plus a control channel carrying heartbeats, sign-outs and
 * membership changes. Redis carries messages only; every update it carries is already durable in the
 * database, so when the link drops and comes back each instance re-reads its open documents from the store.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { log } from '../log'
import type { ClusterEvents, ControlMessage, DocChannelListener, Fanout } from './fanout'
import { decodeDocChannelMessage, encodeDocChannelMessage } from './fanoutWire'

export interface RedisFanoutOptions {
  url: string
  /** Prefix of every channel name, so several deployments (or tests) can share one Redis. */
  prefix: string
  /** How often this instance announces that it is alive. */
  heartbeatMs: number
  /** An instance not heard from for this long is gone (its clients' presence is dropped). */
  instanceTimeoutMs: number
  events: ClusterEvents
}

type ControlEnvelope = { from: string } & (ControlMessage | { kind: 'heartbeat' } | { kind: 'bye' })

const PING_TIMEOUT_MS = 2000

export async function openRedisFanout(options: RedisFanoutOptions): Promise<Fanout> {
  const instanceId = randomBytes(8).toString('hex')
  const controlChannel = `${options.prefix}:control`
  const docChannel = (doc: string) => `${options.prefix}:doc:${doc}`
  const listeners = new Map<string, DocChannelListener>()
  const lastHeard = new Map<string, number>()
  let closing = false

  // Publishing never queues: a message that cannot go now is covered by the re-read after reconnecting.
  const pub = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
  })
  const sub = new Redis(options.url, { lazyConnect: true })

  // Messages may have been missed while either connection was down, or when a publish failed: once both
  // connections are up again, re-subscribe and let the registry catch up from the store.
  let wasConnected = false
  let missed = false
  const watch = (client: Redis, role: string) => {
    client.on('error', (error: Error) => {
      if (!missed && !closing) log.warn('redis connection error', { role, error: error.message })
    })
    client.on('close', () => {
      if (closing || !wasConnected) return
      if (!missed) log.warn('lost the connection to redis; relaying between instances is paused', { role })
      missed = true
    })
    client.on('ready', () => void catchUpIfMissed())
  }
  watch(pub, 'publish')
  watch(sub, 'subscribe')

  async function catchUpIfMissed(): Promise<void> {
    if (!missed || closing || pub.status !== 'ready' || sub.status !== 'ready') return
    missed = false
    log.info('redis is back; re-reading open documents')
    await resubscribe()
    options.events.reconnected()
  }

  async function resubscribe(): Promise<void> {
    const channels = [controlChannel, ...[...listeners.keys()].map(docChannel)]
    await sub.subscribe(...channels).catch((error: Error) => log.warn('redis resubscribe failed', { error }))
  }

  const heard = (from: string) => {
    if (from !== instanceId) lastHeard.set(from, Date.now())
  }

  sub.on('messageBuffer', (channelBuffer: Buffer, message: Buffer) => {
    const channel = channelBuffer.toString()
    if (channel === controlChannel) return onControl(message.toString())
    const doc = channel.slice(options.prefix.length + 5)
    const listener = listeners.get(doc)
    const decoded = decodeDocChannelMessage(new Uint8Array(message))
    if (!decoded || decoded.from === instanceId) return
    heard(decoded.from)
    if (!listener) return
    if (decoded.kind === 'update') listener.update(decoded.update, decoded.seq, decoded.author)
    else if (decoded.kind === 'awareness') listener.awareness(decoded.from, decoded.entries)
    else if (decoded.kind === 'resync') listener.resync(decoded.from)
    else listener.queryAwareness(decoded.from)
  })

  function onControl(text: string): void {
    let envelope: ControlEnvelope
    try {
      envelope = JSON.parse(text) as ControlEnvelope
    } catch {
      return
    }
    if (envelope.from === instanceId) return
    if (envelope.kind === 'bye') {
      lastHeard.delete(envelope.from)
      options.events.instanceGone(envelope.from)
      return
    }
    heard(envelope.from)
    if (envelope.kind !== 'heartbeat') options.events.control(envelope)
  }

  const publish = (channel: string, message: string | Buffer) => {
    if (closing) return
    pub.publish(channel, message).catch((error: Error) => {
      log.debug('redis publish failed (covered by the re-read after reconnecting)', { channel, error })
      missed = true
    })
  }
  const publishDoc = (doc: string, bytes: Uint8Array) =>
    publish(docChannel(doc), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  const publishControlEnvelope = (envelope: ControlEnvelope) =>
    publish(controlChannel, JSON.stringify(envelope))

  const timer = setInterval(() => {
    void catchUpIfMissed()
    publishControlEnvelope({ from: instanceId, kind: 'heartbeat' })
    const now = Date.now()
    for (const [id, at] of lastHeard) {
      if (now - at <= options.instanceTimeoutMs) continue
      lastHeard.delete(id)
      log.info('instance stopped answering; dropping its clients presence', { instance: id })
      options.events.instanceGone(id)
    }
  }, options.heartbeatMs)
  timer.unref()

  try {
    await Promise.all([pub.connect(), sub.connect()])
    await sub.subscribe(controlChannel)
  } catch (error) {
    clearInterval(timer)
    pub.disconnect()
    sub.disconnect()
    throw new Error(`could not reach Redis at ${options.url}: ${(error as Error).message}`)
  }
  wasConnected = true
  publishControlEnvelope({ from: instanceId, kind: 'heartbeat' })

  return {
    instanceId,
    async join(doc, listener) {
      listeners.set(doc, listener)
      const subscribed = sub.subscribe(docChannel(doc))
      // While Redis is away the subscription waits for it; the re-read after reconnecting covers the gap.
      if (sub.status === 'ready') await subscribed
      else subscribed.catch(() => {})
    },
    leave(doc) {
      if (!listeners.delete(doc)) return
      if (sub.status === 'ready') sub.unsubscribe(docChannel(doc)).catch(() => {})
    },
    publishUpdate: (doc, update, seq, author) =>
      publishDoc(doc, encodeDocChannelMessage({ from: instanceId, kind: 'update', update, seq, author })),
    publishAwareness: (doc, entries) =>
      publishDoc(doc, encodeDocChannelMessage({ from: instanceId, kind: 'awareness', entries })),
    publishResync: (doc) => publishDoc(doc, encodeDocChannelMessage({ from: instanceId, kind: 'resync' })),
    publishQueryAwareness: (doc) =>
      publishDoc(doc, encodeDocChannelMessage({ from: instanceId, kind: 'queryAwareness' })),
    publishControl: (message) => publishControlEnvelope({ from: instanceId, ...message }),
    async ping() {
      let timeout: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          pub.ping(),
          new Promise((_, reject) => {
            timeout = setTimeout(() => reject(new Error('redis did not answer')), PING_TIMEOUT_MS)
          }),
        ])
      } finally {
        clearTimeout(timeout)
      }
    },
    async close() {
      // Tell the others at once that this instance's clients are gone (rather than after the timeout).
      if (pub.status === 'ready')
        await pub.publish(controlChannel, JSON.stringify({ from: instanceId, kind: 'bye' })).catch(() => {})
      closing = true
      clearInterval(timer)
      await Promise.allSettled([pub.quit(), sub.quit()])
    },
  }
}
