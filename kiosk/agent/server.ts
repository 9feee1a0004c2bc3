/**
 * The agent's WebSocket server on the loopback address: refuses an upgrade whose Origin is not allowed (HTTP 403),
 * gives each connection its own dispatcher, and sends driver events only to paired connections.
 */
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import type { AgentEvent, AgentEvents, RpcNotification } from './protocol/messages'
import { JSONRPC } from './protocol/messages'
import { type Connection, createConnection, type DispatchDeps } from './rpc'

/** The running server. */
export interface AgentServer {
  port: number
  /** Sends an event to every paired connection. */
  broadcast<E extends AgentEvent>(event: E, params: AgentEvents[E]): void
  close(): Promise<void>
}

/** Starts listening; resolves once the port is bound. */
export async function startAgentServer(options: {
  host: string
  port: number
  origins: readonly string[]
  dispatch: DispatchDeps
}): Promise<AgentServer> {
  const allowed = new Set(options.origins)
  const wss = new WebSocketServer({
    host: options.host,
    port: options.port,
    maxPayload: 64 * 1024,
    verifyClient: (
      info: { origin: string },
      done: (ok: boolean, code?: number, message?: string) => void,
    ) => {
      if (allowed.has(info.origin)) done(true)
      else {
        options.dispatch.log(`refused a connection from origin ${JSON.stringify(info.origin).slice(0, 80)}`)
        done(false, 403, 'Origin not allowed')
      }
    },
  })
  const connections = new Map<import('ws').WebSocket, Connection>()
  wss.on('connection', (socket) => {
    const connection = createConnection(options.dispatch)
    connections.set(socket, connection)
    socket.on('message', (data, isBinary) => {
      if (isBinary) return
      connection.handle(data.toString()).then((answer) => {
        if (answer && socket.readyState === socket.OPEN) socket.send(JSON.stringify(answer))
      })
    })
    socket.on('close', () => connections.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve)
    wss.once('error', reject)
  })
  return {
    port: (wss.address() as AddressInfo).port,
    broadcast(event, params) {
      const text = JSON.stringify({ jsonrpc: JSONRPC, method: event, params } satisfies RpcNotification)
      for (const [socket, connection] of connections)
        if (connection.paired() && socket.readyState === socket.OPEN) socket.send(text)
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of connections.keys()) socket.terminate()
        wss.close(() => resolve())
      }),
  }
}
