/**
 * One connection's JSON-RPC dispatch: parses and validates a request, refuses everything but agent.pair until the
 * connection has paired, runs the handler within RPC_TIMEOUT_MS and answers with the same id. Error messages carry
 * no resident data; the log gets the method and the error code only.
 */
import type { z } from 'zod'
import { AgentError } from './drivers/types'
import {
  type AgentMethod,
  JSONRPC,
  RPC_TIMEOUT_MS,
  type RpcFailure,
  type RpcSuccess,
  rpcFailure,
} from './protocol/messages'
import { describeIssue, methodParams, requestEnvelope } from './protocol/schemas'

/** A method's implementation: validated params in, result out. */
export type Handler = (params: unknown) => Promise<unknown>

/** Extra methods (the sim.* controls) with their params schemas. */
export type ExtraMethods = Record<string, { params: z.ZodType; handle: Handler }>

/** What the dispatcher needs. */
export interface DispatchDeps {
  handlers: { [M in AgentMethod]: Handler }
  extra: ExtraMethods
  /** Checks a secret (and the one it replaces, on a rotation) for agent.pair. */
  accept(secret: string, previous?: string): boolean
  log(line: string): void
  timeoutMs?: number
}

/** One connection's state and its message handler. */
export interface Connection {
  paired(): boolean
  /** Handles one text message; resolves with the answer to send (null for nothing). */
  handle(text: string): Promise<RpcSuccess | RpcFailure | null>
}

/** Creates the dispatcher for a new, unpaired connection. */
export function createConnection(deps: DispatchDeps): Connection {
  let paired = false
  const timeoutMs = deps.timeoutMs ?? RPC_TIMEOUT_MS

  async function run(method: string, id: number | string, params: unknown): Promise<RpcSuccess | RpcFailure> {
    const known = method in methodParams ? (method as AgentMethod) : null
    const extra = deps.extra[method]
    if (!known && !extra) return rpcFailure(id, 'methodNotFound', `no method "${method}"`)
    const schema = known ? methodParams[known] : extra?.params
    const parsed = schema?.safeParse(params ?? {})
    if (!parsed?.success)
      return rpcFailure(id, 'invalidParams', parsed ? describeIssue(parsed.error) : 'invalid')
    if (method === 'agent.pair') {
      const { secret, previous } = parsed.data as { secret: string; previous?: string }
      if (!deps.accept(secret, previous))
        return rpcFailure(id, 'pairingRefused', 'the pairing secret does not match')
      paired = true
      return { jsonrpc: JSONRPC, id, result: { paired: true } } as RpcSuccess
    }
    if (!paired) return rpcFailure(id, 'notPaired', 'pair first with agent.pair')
    const handle = known ? deps.handlers[known] : extra?.handle
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AgentError('timeout', `${method} took longer than ${timeoutMs} ms`)),
        timeoutMs,
      )
    })
    try {
      const result = await Promise.race([handle!(parsed.data), timeout])
      return { jsonrpc: JSONRPC, id, result } as RpcSuccess
    } catch (error) {
      if (error instanceof AgentError) {
        deps.log(`${method}: ${error.code}`)
        return rpcFailure(id, error.code, error.message)
      }
      deps.log(`${method}: internalError ${error instanceof Error ? error.name : typeof error}`)
      return rpcFailure(id, 'internalError', 'the agent failed; see its log')
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    paired: () => paired,
    async handle(text) {
      let message: unknown
      try {
        message = JSON.parse(text)
      } catch {
        return rpcFailure(null, 'parseError', 'the message is not JSON')
      }
      const envelope = requestEnvelope.safeParse(message)
      if (!envelope.success) {
        const id = (message as { id?: unknown } | null)?.id
        return rpcFailure(
          typeof id === 'number' || typeof id === 'string' ? id : null,
          'invalidRequest',
          describeIssue(envelope.error),
        )
      }
      const { id, method, params } = envelope.data
      return run(method, id, params)
    },
  }
}
