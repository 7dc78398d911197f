// The reference: the stock y-websocket server (@y/websocket-server 0.1.1, `setupWSConnection` on a plain `ws`
// server, in memory, no persistence). Plain JS so it runs on bare Node like Yardstick's production build.
import http from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'

const host = process.env.HOST || '127.0.0.1'
const port = Number(process.env.PORT || 0)
const wss = new WebSocketServer({ noServer: true })
const server = http.createServer((_request, response) => {
  response.writeHead(404, { 'content-type': 'text/plain' })
  response.end('reference sync server: websocket only')
})

// Same URL shape as Yardstick (`/sync/<doc>`), so clients differ only in the port they dial.
server.on('upgrade', (request, socket, head) => {
  const path = (request.url ?? '/').split('?')[0]
  const docName = decodeURIComponent(path.replace(/^\/sync\//, '').replace(/^\//, ''))
  wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request, { docName }))
})

server.listen(port, host, () => {
  process.stdout.write(`reference listening on http://${host}:${server.address().port}\n`)
})
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0))
