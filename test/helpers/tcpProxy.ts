/**
 * A TCP proxy for tests, standing in for two pieces of infrastructure: an ordinary load balancer without
 * sticky sessions (round robin over backends, skipping ones that refuse), and a network link that can be
 * cut and restored (in front of Redis).
 */
import net from 'node:net'

export interface TcpProxy {
  port: number
  /** Drops every open connection and refuses new ones until `restore`. */
  cut(): void
  restore(): void
  close(): Promise<void>
}

export async function startTcpProxy(backends: () => number[]): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>()
  let next = 0
  let isCut = false
  const track = (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }
  const server = net.createServer((client) => {
    track(client)
    if (isCut) return client.destroy()
    client.pause()
    const ports = backends()
    const tryBackend = (attempt: number) => {
      if (attempt >= ports.length) return client.destroy()
      const port = ports[next++ % ports.length]!
      const upstream = net.connect(port, '127.0.0.1')
      upstream.once('error', () => {
        upstream.destroy()
        if (!client.destroyed) tryBackend(attempt + 1)
      })
      upstream.once('connect', () => {
        track(upstream)
        client.pipe(upstream)
        upstream.pipe(client)
        client.on('close', () => upstream.destroy())
        upstream.on('close', () => client.destroy())
        client.resume()
      })
    }
    tryBackend(0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      isCut = true
      for (const socket of sockets) socket.destroy()
    },
    restore() {
      isCut = false
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
