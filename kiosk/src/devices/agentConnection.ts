/**
 * The page's connection to the terminal's device agent (kiosk/agent/PROTOCOL.md): a WebSocket to the loopback
 * agent that pairs with the terminal's secret, numbers its calls and gives each RPC_TIMEOUT_MS, forwards the
 * agent's events, and reconnects with a backoff capped at RECONNECT_MAX_MS. It says `unavailable` as soon as a
 * connection fails, or when none is ready UNAVAILABLE_AFTER_MS after start, so the screen can tell the resident.
 */
import {
  type AgentEvent,
  type AgentEvents,
  type AgentMessage,
  type AgentMethod,
  type AgentMethods,
  JSONRPC,
  RPC_TIMEOUT_MS,
  type RpcErrorName,
  rpcErrorName,
} from '../../agent/protocol/messages'
import { UNAVAILABLE_AFTER_MS } from './agentTimings'

/** Reconnect delays: doubling from half a second, never more than this. */
export const RECONNECT_MAX_MS = 10_000
const RECONNECT_FIRST_MS = 500

// Defined beside the layer, which needs it before this module is loaded.
export { UNAVAILABLE_AFTER_MS } from './agentTimings'

/** Where the connection stands. */
export type AgentStatus = 'connecting' | 'ready' | 'unavailable'

/** A failed call: the protocol's error name (or `deviceUnavailable` when there is no connection). */
export class AgentCallError extends Error {
  constructor(
    readonly code: RpcErrorName | 'unknown',
    message: string,
  ) {
    super(message)
    this.name = 'AgentCallError'
  }
}

/** What the connection needs: the agent's URL, the pairing secret, and a WebSocket class (the browser's). */
export interface AgentConnectionOptions {
  url: string
  /** The pairing secret from the enrolment; null while the terminal has none (then it stays unavailable). */
  secret(): string | null
  /** The secret held before the last key rotation (PROTOCOL.md, pairing), or null. */
  previousSecret?(): string | null
  WebSocketImpl?: typeof WebSocket
}

/** The connection. */
export interface AgentConnection {
  start(): void
  stop(): void
  status(): AgentStatus
  onStatus(listener: (status: AgentStatus) => void): () => void
  onEvent(listener: <E extends AgentEvent>(event: E, params: AgentEvents[E]) => void): () => void
  call<M extends AgentMethod>(
    method: M,
    params: AgentMethods[M]['params'],
  ): Promise<AgentMethods[M]['result']>
}

/** Creates a stopped connection; `start()` connects. */
export function createAgentConnection(options: AgentConnectionOptions): AgentConnection {
  let socket: WebSocket | null = null
  let status: AgentStatus = 'connecting'
  let running = false
  let attempt = 0
  let nextId = 1
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let unavailableTimer: ReturnType<typeof setTimeout> | undefined
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  const statusListeners = new Set<(status: AgentStatus) => void>()
  const eventListeners = new Set<(event: AgentEvent, params: AgentEvents[AgentEvent]) => void>()

  function setStatus(next: AgentStatus) {
    if (next === status) return
    status = next
    for (const listener of statusListeners) listener(next)
  }

  function failPending(message: string) {
    for (const { reject } of pending.values()) reject(new AgentCallError('deviceUnavailable', message))
    pending.clear()
  }

  function send<M extends AgentMethod>(target: WebSocket, method: M, params: AgentMethods[M]['params']) {
    const id = nextId++
    return new Promise<AgentMethods[M]['result']>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id)
        reject(new AgentCallError('timeout', `${method}: no answer within ${RPC_TIMEOUT_MS} ms`))
      }, RPC_TIMEOUT_MS)
      pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer)
          resolve(value as AgentMethods[M]['result'])
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      target.send(JSON.stringify({ jsonrpc: JSONRPC, id, method, params }))
    })
  }

  function scheduleRetry() {
    if (!running) return
    const delay = Math.min(RECONNECT_FIRST_MS * 2 ** attempt, RECONNECT_MAX_MS)
    attempt++
    retryTimer = setTimeout(connect, delay)
  }

  function connect() {
    if (!running) return
    const secret = options.secret()
    if (!secret) {
      setStatus('unavailable')
      scheduleRetry()
      return
    }
    let opened: WebSocket
    try {
      opened = new (options.WebSocketImpl ?? WebSocket)(options.url)
    } catch {
      setStatus('unavailable')
      scheduleRetry()
      return
    }
    socket = opened
    opened.addEventListener('message', (message: MessageEvent) => {
      let parsed: AgentMessage
      try {
        parsed = JSON.parse(String(message.data)) as AgentMessage
      } catch {
        return
      }
      if ('method' in parsed) {
        for (const listener of eventListeners) listener(parsed.method, parsed.params)
        return
      }
      const waiter = typeof parsed.id === 'number' ? pending.get(parsed.id) : undefined
      if (!waiter || typeof parsed.id !== 'number') return
      pending.delete(parsed.id)
      if ('error' in parsed)
        waiter.reject(new AgentCallError(rpcErrorName(parsed.error.code) ?? 'unknown', parsed.error.message))
      else waiter.resolve(parsed.result)
    })
    opened.addEventListener('open', () => {
      const previous = options.previousSecret?.()
      send(opened, 'agent.pair', previous && previous !== secret ? { secret, previous } : { secret })
        .then(() => {
          attempt = 0
          clearTimeout(unavailableTimer)
          setStatus('ready')
        })
        .catch(() => {
          // A refused secret: the agent was paired with another one; a technician runs --pair.
          setStatus('unavailable')
          opened.close()
        })
    })
    // A refused or broken connection fires error, then close: close handles both.
    opened.addEventListener('error', () => {})
    opened.addEventListener('close', () => {
      if (socket === opened) socket = null
      failPending('the device agent connection closed')
      setStatus('unavailable')
      scheduleRetry()
    })
  }

  return {
    start() {
      if (running) return
      running = true
      unavailableTimer = setTimeout(() => {
        if (status !== 'ready') setStatus('unavailable')
      }, UNAVAILABLE_AFTER_MS)
      connect()
    },
    stop() {
      running = false
      clearTimeout(retryTimer)
      clearTimeout(unavailableTimer)
      socket?.close()
      socket = null
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    onEvent(listener) {
      const wrapped = listener as (event: AgentEvent, params: AgentEvents[AgentEvent]) => void
      eventListeners.add(wrapped)
      return () => eventListeners.delete(wrapped)
    },
    call(method, params) {
      if (!socket || status !== 'ready')
        return Promise.reject(new AgentCallError('deviceUnavailable', 'the device agent is not connected'))
      return send(socket, method, params)
    },
  }
}
