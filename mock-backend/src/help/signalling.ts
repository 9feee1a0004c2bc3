/**
 * The 帮办 signalling hub: WebSockets (`ws`, noServer) on the node server's `upgrade`, one for each kiosk and
 * helper console. It authenticates both sides (upgradeAuth.ts), keeps the queue in a HelpCallQueue, and relays
 * SDP and ICE between the two ends of an answered call, never anything else. A message that fails the contract
 * (contract/helpCall.ts) is answered with an error naming the problem; the socket and its peer stay up.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { type RawData, WebSocket, WebSocketServer } from 'ws'
import type { ZodType } from 'zod'
import {
  type CallEndReason,
  HELP_MESSAGE_MAX_BYTES,
  HELP_SIGNAL_PATHS,
  HelperHelpMessage,
  type HelpIceServer,
  KioskHelpMessage,
  type ToHelperHelpMessage,
  type ToKioskHelpMessage,
} from '../contract/helpCall'
import type { TerminalRow } from '../db/rows'
import type { AppDeps } from '../deps'
import type { HelpCallQueue } from './callQueue'
import type { HelpCallRecorder } from './callRecords'
import { helperOfUpgrade, terminalOfKey } from './upgradeAuth'

/** Milliseconds a kiosk socket may stay open without its `hello`. */
export const HELLO_TIMEOUT_MS = 10_000

/** One call's two ends on this node. */
interface CallEnds {
  kiosk: WebSocket
  helper?: WebSocket
}

/** A socket's sender of typed messages. */
function send(socket: WebSocket | undefined, message: ToKioskHelpMessage | ToHelperHelpMessage): void {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message))
}

/** Parses one inbound frame against `schema`: the message, or the error text the sender gets. */
function parse<T>(schema: ZodType<T>, data: RawData): T | string {
  let raw: unknown
  try {
    raw = JSON.parse(data.toString())
  } catch {
    return 'not JSON: send one JSON object per message'
  }
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  return `bad message: ${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}`
}

/** Refuses an upgrade with a plain HTTP answer. */
function refuse(socket: Duplex, status: number, message: string): void {
  const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${message}`,
  )
}

/** The signalling of one backend node. */
export class HelpSignalling {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: HELP_MESSAGE_MAX_BYTES })
  readonly #helpers = new Map<WebSocket, string>()
  readonly #calls = new Map<string, CallEnds>()

  constructor(
    private readonly deps: Pick<AppDeps, 'store' | 'sessions' | 'now' | 'logger'>,
    private readonly queue: HelpCallQueue,
    private readonly iceServers: HelpIceServer[],
    private readonly records: HelpCallRecorder,
  ) {}

  /** Listens on `server`'s upgrades to the signalling paths; other upgrades are refused with 404. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      void this.#upgrade(req, socket, head).catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'help signalling upgrade failed')
        socket.destroy()
      })
    })
  }

  /** Closes every socket (server stop). */
  close(): void {
    this.records.close()
    for (const client of this.#wss.clients) client.terminate()
    this.#wss.close()
  }

  async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = (req.url ?? '').split('?')[0]
    if (path === HELP_SIGNAL_PATHS.kiosk) {
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#kiosk(ws))
    } else if (path === HELP_SIGNAL_PATHS.helper) {
      const helper = await helperOfUpgrade(this.deps, req)
      if ('status' in helper) return refuse(socket, helper.status, helper.message)
      this.#wss.handleUpgrade(req, socket, head, (ws) => void this.#helper(ws, helper.username))
    } else {
      refuse(socket, 404, 'no WebSocket here')
    }
  }

  #kiosk(ws: WebSocket): void {
    let terminal: TerminalRow | undefined
    let callId: string | undefined
    const hello = setTimeout(() => ws.close(4401, 'hello with the terminal key first'), HELLO_TIMEOUT_MS)
    ws.on('close', () => {
      clearTimeout(hello)
      if (callId) void this.#end(callId, 'peer_gone')
    })
    ws.on('message', (data) => {
      const message = parse(KioskHelpMessage, data)
      if (typeof message === 'string') return send(ws, { type: 'error', message })
      void (async () => {
        if (message.type === 'hello') {
          terminal = await terminalOfKey(this.deps, message.key)
          if (!terminal) return ws.close(4401, 'terminal key unknown, revoked or expired')
          clearTimeout(hello)
          return send(ws, { type: 'ready', iceServers: this.iceServers })
        }
        if (!terminal) return send(ws, { type: 'error', message: 'say hello with the terminal key first' })
        if (message.type === 'call') {
          if (callId) return send(ws, { type: 'error', message: 'a call is already under way' })
          callId = randomUUID()
          this.#calls.set(callId, { kiosk: ws })
          const call = {
            callId,
            terminalName: terminal.name,
            location: terminal.location,
            since: this.deps.now().getTime(),
          }
          this.records.placed(call.callId, terminal, message.itemCode ?? null, () => {
            if (callId === call.callId) callId = undefined
            void this.#end(call.callId, 'no_answer')
          })
          await this.queue.place(call)
          this.deps.logger.info({ terminal: terminal.id }, 'help call placed')
          send(ws, { type: 'queued', callId })
          return this.#broadcastQueue()
        }
        if (message.callId !== callId)
          return send(ws, { type: 'error', message: 'callId is not this kiosk’s call' })
        if (message.type === 'hangup') {
          const current = callId
          callId = undefined
          return this.#end(current, this.#calls.get(current)?.helper ? 'hangup' : 'cancelled')
        }
        send(this.#calls.get(message.callId)?.helper, message)
      })()
    })
  }

  async #helper(ws: WebSocket, username: string): Promise<void> {
    this.#helpers.set(ws, username)
    ws.on('close', () => {
      this.#helpers.delete(ws)
      for (const [callId, ends] of this.#calls) if (ends.helper === ws) void this.#end(callId, 'peer_gone')
    })
    ws.on('message', (data) => {
      const message = parse(HelperHelpMessage, data)
      if (typeof message === 'string') return send(ws, { type: 'error', message })
      void (async () => {
        const ends = this.#calls.get(message.callId)
        if (message.type === 'answer') {
          const call = ends ? await this.queue.claim(message.callId, username) : undefined
          if (!call || !ends) return send(ws, { type: 'error', message: 'that call was answered or ended' })
          ends.helper = ws
          this.records.answered(call.callId, username)
          this.deps.logger.info({ helper: username }, 'help call answered')
          send(ws, { type: 'assigned', call })
          send(ends.kiosk, { type: 'answered', callId: call.callId })
          return this.#broadcastQueue()
        }
        if (!ends || ends.helper !== ws)
          return send(ws, { type: 'error', message: 'callId is not your call' })
        if (message.type === 'hangup') return this.#end(message.callId, 'hangup')
        send(ends.kiosk, message)
      })()
    })
    send(ws, { type: 'ready', iceServers: this.iceServers, helper: username })
    send(ws, { type: 'queue', calls: await this.queue.waiting() })
  }

  async #end(callId: string, reason: CallEndReason): Promise<void> {
    const ends = this.#calls.get(callId)
    if (!ends) return
    this.#calls.delete(callId)
    await this.queue.end(callId)
    await this.records.ended(callId, reason, this.#helpers.size)
    send(ends.kiosk, { type: 'ended', callId, reason })
    send(ends.helper, { type: 'ended', callId, reason })
    await this.#broadcastQueue()
  }

  async #broadcastQueue(): Promise<void> {
    const calls = await this.queue.waiting()
    for (const helper of this.#helpers.keys()) send(helper, { type: 'queue', calls })
  }
}
