/**
 * The protocol's time limit on both ends (PROTOCOL.md: every RPC is answered within RPC_TIMEOUT_MS or fails with
 * `timeout`): the agent's dispatcher answers a handler that hangs with the timeout error and logs only the method
 * and code; the page's connection rejects a call the agent never answers, at the limit, and stays usable after.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { RPC_ERRORS, RPC_TIMEOUT_MS } from '../../kiosk/agent/protocol/messages'
import { createConnection, type DispatchDeps } from '../../kiosk/agent/rpc'
import { AgentCallError, createAgentConnection } from '../../kiosk/src/devices/agentConnection'
import { pageWebSocket } from '../fixtures/node/agent/pageWebSocket'

const SECRET = 'terminal-pairing-secret-0042'
const never = () => new Promise<never>(() => {})
const done = async () => ({ done: true })

describe('the agent answers a hanging handler with timeout', () => {
  it('after its limit, with the same id, logging no more than method and code', async () => {
    const logged: string[] = []
    const handlers = {
      'agent.pair': done,
      'devices.list': never,
      'idCard.read': never,
      'printer.print': never,
      'camera.documentCamera': never,
      'qrReader.scan': never,
      'socialCard.read': never,
      'bankCard.read': never,
      'bankCard.handBack': never,
    } as DispatchDeps['handlers']
    const connection = createConnection({
      handlers,
      extra: {},
      accept: (secret) => secret === SECRET,
      log: (line) => logged.push(line),
      timeoutMs: 80,
    })
    await connection.handle(
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'agent.pair', params: { secret: SECRET } }),
    )
    const started = performance.now()
    const answer = await connection.handle(
      JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'devices.list', params: {} }),
    )
    expect(performance.now() - started).toBeGreaterThanOrEqual(75)
    expect(answer).toMatchObject({ id: 7, error: { code: RPC_ERRORS.timeout } })
    expect(logged).toEqual(['devices.list: timeout'])
  })
})

describe('the page rejects a call the agent never answers', () => {
  let server: WebSocketServer | undefined
  afterEach(() => server?.close())

  it(
    `with AgentCallError timeout at ${RPC_TIMEOUT_MS} ms, and the connection stays ready`,
    async () => {
      // An agent that pairs, then answers devices.list only from the second call on.
      const listening = new WebSocketServer({ host: '127.0.0.1', port: 0 })
      server = listening
      await new Promise((resolve) => listening.once('listening', resolve))
      let lists = 0
      listening.on('connection', (socket) => {
        socket.on('message', (data) => {
          const request = JSON.parse(String(data)) as { id: number; method: string }
          if (request.method === 'devices.list' && lists++ === 0) return
          socket.send(
            JSON.stringify({
              jsonrpc: '2.0',
              id: request.id,
              result: request.method === 'agent.pair' ? { paired: true } : {},
            }),
          )
        })
      })
      const { port } = listening.address() as { port: number }
      const connection = createAgentConnection({
        url: `ws://127.0.0.1:${port}`,
        secret: () => SECRET,
        WebSocketImpl: pageWebSocket('http://127.0.0.1:4281'),
      })
      connection.start()
      try {
        await expect.poll(() => connection.status(), { timeout: 3000 }).toBe('ready')
        const started = performance.now()
        const failure = await connection.call('devices.list', {}).then(
          () => null,
          (error: unknown) => error,
        )
        const waited = performance.now() - started
        expect(failure).toBeInstanceOf(AgentCallError)
        expect((failure as AgentCallError).code).toBe('timeout')
        expect(waited).toBeGreaterThanOrEqual(RPC_TIMEOUT_MS - 50)
        expect(waited).toBeLessThan(RPC_TIMEOUT_MS + 1000)
        expect(connection.status()).toBe('ready')
        await expect(connection.call('devices.list', {})).resolves.toEqual({})
      } finally {
        connection.stop()
      }
    },
    RPC_TIMEOUT_MS + 10_000,
  )
})
