/**
 * Talks to a server's V8 inspector (started with `--inspect=127.0.0.1:0`) to force a full garbage
 * collection and read heap usage before memory is measured, the same way for both servers.
 */
import WebSocket from 'ws'

export interface Inspector {
  collectGarbage(): Promise<void>
  heapUsedBytes(): Promise<number>
  close(): void
}

export async function connectInspector(url: string): Promise<Inspector> {
  const socket = new WebSocket(url)
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  let nextId = 1
  const pending = new Map<number, (result: unknown) => void>()
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown }
    if (message.id !== undefined) pending.get(message.id)?.(message.result)
  })
  const call = <T>(method: string) =>
    new Promise<T>((resolve) => {
      const id = nextId++
      pending.set(id, resolve as (result: unknown) => void)
      socket.send(JSON.stringify({ id, method }))
    })
  return {
    async collectGarbage() {
      await call('HeapProfiler.collectGarbage')
    },
    async heapUsedBytes() {
      return (await call<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize
    },
    close: () => socket.close(),
  }
}
