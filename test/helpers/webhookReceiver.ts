/**
 * A real local HTTP server that records webhook deliveries (raw body and headers) and answers what the test
 * says (a status, a redirect, or nothing at all, to time out). Closed by `closeAllReceivers()`.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedDelivery {
  rawBody: string
  headers: IncomingHttpHeaders
  path: string
}

export interface Receiver {
  url: string
  port: number
  received: ReceivedDelivery[]
  /** How to answer the next requests (default 200). */
  answer: (response: ServerResponse, request: ReceivedDelivery) => void
  close(): Promise<void>
}

const open = new Set<Server>()

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    port: 0,
    received: [],
    answer: (response) => response.writeHead(200).end('ok'),
    close: () =>
      new Promise<void>((done) => {
        open.delete(server)
        server.close(() => done())
        server.closeAllConnections()
      }),
  }
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const delivery = {
        rawBody: Buffer.concat(chunks).toString('utf8'),
        headers: request.headers,
        path: request.url ?? '/',
      }
      receiver.received.push(delivery)
      receiver.answer(response, delivery)
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()))
  open.add(server)
  receiver.port = (server.address() as AddressInfo).port
  receiver.url = `http://127.0.0.1:${receiver.port}/hook`
  return receiver
}

export async function closeAllReceivers(): Promise<void> {
  await Promise.all(
    [...open].map(
      (server) =>
        new Promise<void>((done) => {
          open.delete(server)
          server.close(() => done())
          server.closeAllConnections()
        }),
    ),
  )
}
