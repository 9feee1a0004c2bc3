/**
 * The 帮办 signalling hub: WebSockets (`ws`, noServer) on the node server's `upgrade`, one for each kiosk and
 * helper console. It authenticates both sides (upgradeAuth.ts), keeps the queue in a HelpCallQueue, and relays
 * SDP and ICE between the two ends of an answered call, never anything else. Each node holds only its own sockets;
 * a message for a socket on another node goes through the HelpMailbox (one node's memory, or PostgreSQL's NOTIFY). A message that fails the contract
 * (contract/helpCall.ts) is answered with an error naming the problem; the socket and its peer stay up.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { type RawData, WebSocket, WebSocketServer } from 'ws'
import type { ZodType } from 'zod'
import { upgradeClientAddress } from '../clientAddress'
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
import type { MirrorMessage } from '../contract/helpMirror'
import type { TerminalRow } from '../db/rows'
import type { HelpCallSharing } from '../db/storage'
import type { AppDeps } from '../deps'
import type { EndedCall } from './callQueue'
import type { HelpCallRecorder } from './callRecords'
import { HELPER_PRESENCE_HEARTBEAT_MS } from './helperPresence'
import type { HelpMail } from './mailbox'
import { messageProblem } from './messageIssue'
import { MirrorRelay } from './mirrorRelay'
import { helperOfUpgrade, terminalOfKey } from './upgradeAuth'

/** Milliseconds a kiosk socket may stay open without its `hello`. */
export const HELLO_TIMEOUT_MS = 10_000

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
  return parsed.success ? parsed.data : messageProblem(parsed.error)
}

/** Refuses an upgrade with a plain HTTP answer. */
function refuse(socket: Duplex, status: number, message: string): void {
  const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${message}`,
  )
}

/** The signalling of one backend node: it holds its own sockets and reaches others' through the mailbox. */
export class HelpSignalling {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: HELP_MESSAGE_MAX_BYTES })
  /** Helper consoles connected to this node, and their user names. */
  readonly #helpers = new Map<WebSocket, string>()
  /** Refreshes this node's consoles in the shared presence (help/helperPresence.ts) while the node runs. */
  #presenceBeat: NodeJS.Timeout | undefined
  /** The kiosk socket of each call placed on this node. */
  readonly #kiosks = new Map<string, WebSocket>()
  /** The helper socket of each call answered on this node. */
  readonly #answering = new Map<string, WebSocket>()
  /** Each helper socket's client address at its upgrade (through TRUST_PROXY), for the audit of a consented view. */
  readonly #helperAddresses = new Map<WebSocket, string>()
  /** The mirrors of the calls answered on this node, consented views audited. */
  readonly #mirrors: MirrorRelay

  constructor(
    private readonly deps: Pick<AppDeps, 'store' | 'sessions' | 'now' | 'logger' | 'audit' | 'proxyTrust'>,
    private readonly desk: HelpCallSharing,
    private readonly iceServers: HelpIceServer[],
    /** PUBLIC_BASE_URL's origin, which helper consoles behind a proxy come from. */
    private readonly publicOrigin: string | undefined,
    private readonly records: HelpCallRecorder,
  ) {
    this.#mirrors = new MirrorRelay(deps)
  }

  /** Listens on `server`'s upgrades to the signalling paths (others are refused with 404) and on the mailbox. */
  async attach(server: Server): Promise<void> {
    await this.desk.mailbox.listen((mail) => this.#deliver(mail))
    this.#presenceBeat = setInterval(() => {
      this.desk.presence.heartbeat().catch((error: unknown) => {
        this.deps.logger.error({ err: { message: (error as Error).message } }, 'helper presence heartbeat')
      })
    }, HELPER_PRESENCE_HEARTBEAT_MS)
    this.#presenceBeat.unref()
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
    clearInterval(this.#presenceBeat)
    void this.desk.presence.close().catch(() => {})
    for (const client of this.#wss.clients) client.terminate()
    this.#wss.close()
    void this.desk.mailbox.close()
  }

  async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = (req.url ?? '').split('?')[0]
    if (path === HELP_SIGNAL_PATHS.kiosk) {
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#kiosk(ws))
    } else if (path === HELP_SIGNAL_PATHS.helper) {
      const helper = await helperOfUpgrade(this.deps, req, this.publicOrigin)
      if ('status' in helper) return refuse(socket, helper.status, helper.message)
      this.#wss.handleUpgrade(req, socket, head, (ws) => {
        this.#helperAddresses.set(ws, upgradeClientAddress(req, this.deps.proxyTrust))
        void this.#helper(ws, helper.username)
      })
    } else {
      refuse(socket, 404, 'no WebSocket here')
    }
  }

  /** Hands a mail to the sockets this node holds for its address (most nodes hold none). */
  #deliver(mail: HelpMail): void {
    if (mail.to === 'helpers') {
      void this.#sendQueue()
      return
    }
    if (mail.to === 'helper' && mail.message.type === 'mirror') {
      void this.#relayMirror(mail.message, mail.terminalId ?? 'unknown')
      return
    }
    const held = mail.to === 'kiosk' ? this.#kiosks : this.#answering
    // The kiosk's node runs the call's no-answer timer: an answer or an end, from any node, stops it.
    if (mail.to === 'kiosk' && (mail.message.type === 'answered' || mail.message.type === 'ended'))
      this.records.settled(mail.callId)
    send(held.get(mail.callId), mail.message)
    if (mail.message.type !== 'ended') return
    held.delete(mail.callId)
    if (mail.to === 'helper') this.#mirrors.forget(mail.callId)
  }

  #kiosk(ws: WebSocket): void {
    let terminal: TerminalRow | undefined
    let placed: string | undefined
    /** This socket's call while it lasts (an ended call leaves #kiosks when its `ended` is delivered). */
    const current = () => (placed !== undefined && this.#kiosks.get(placed) === ws ? placed : undefined)
    const hello = setTimeout(() => ws.close(4401, 'hello with the terminal key first'), HELLO_TIMEOUT_MS)
    ws.on('close', () => {
      clearTimeout(hello)
      const callId = current()
      if (callId) void this.#end(callId, () => 'peer_gone')
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
          if (current()) return send(ws, { type: 'error', message: 'a call is already under way' })
          const callId = randomUUID()
          placed = callId
          this.#kiosks.set(callId, ws)
          this.records.placed(callId, terminal, () => void this.#end(callId, () => 'no_answer'))
          await this.desk.queue.place(
            {
              callId,
              terminalName: terminal.name,
              location: terminal.location,
              since: this.deps.now().getTime(),
            },
            {
              terminalId: terminal.id,
              districtCode: terminal.districtCode,
              itemCode: message.itemCode ?? null,
            },
          )
          this.deps.logger.info({ terminal: terminal.id }, 'help call placed')
          send(ws, { type: 'queued', callId })
          return this.desk.mailbox.post({ to: 'helpers' })
        }
        if (message.callId !== current())
          return send(ws, { type: 'error', message: 'callId is not this kiosk’s call' })
        if (message.type === 'hangup')
          return this.#end(message.callId, (ended) => (ended.helper ? 'hangup' : 'cancelled'))
        return this.desk.mailbox.post({
          to: 'helper',
          callId: message.callId,
          message,
          terminalId: terminal.id,
        })
      })()
    })
  }

  async #helper(ws: WebSocket, username: string): Promise<void> {
    this.#helpers.set(ws, username)
    // Counted on every node while connected (a call ending on another node asks whether any helper was online).
    const consoleId = randomUUID()
    const joined = this.desk.presence.join(consoleId, username)
    ws.on('close', () => {
      void joined.then(() => this.desk.presence.leave(consoleId)).catch(() => {})
      this.#helpers.delete(ws)
      this.#helperAddresses.delete(ws)
      for (const [callId, helper] of this.#answering)
        if (helper === ws) void this.#end(callId, () => 'peer_gone')
    })
    ws.on('message', (data) => {
      const message = parse(HelperHelpMessage, data)
      if (typeof message === 'string') return send(ws, { type: 'error', message })
      void (async () => {
        if (message.type === 'answer') {
          const call = await this.desk.queue.claim(message.callId, username, this.deps.now().getTime())
          if (!call) return send(ws, { type: 'error', message: 'that call was answered or ended' })
          this.#answering.set(call.callId, ws)
          this.deps.logger.info({ helper: username }, 'help call answered')
          send(ws, { type: 'assigned', call })
          await this.desk.mailbox.post({
            to: 'kiosk',
            callId: call.callId,
            message: { type: 'answered', callId: call.callId },
          })
          return this.desk.mailbox.post({ to: 'helpers' })
        }
        if (this.#answering.get(message.callId) !== ws)
          return send(ws, { type: 'error', message: 'callId is not your call' })
        if (message.type === 'hangup') return this.#end(message.callId, () => 'hangup')
        return this.desk.mailbox.post({ to: 'kiosk', callId: message.callId, message })
      })()
    })
    await joined.catch((error: unknown) => {
      this.deps.logger.error({ err: { message: (error as Error).message } }, 'helper presence join')
    })
    send(ws, { type: 'ready', iceServers: this.iceServers, helper: username })
    send(ws, { type: 'queue', calls: await this.desk.queue.waiting() })
  }

  /** Ends the call once, on whichever node gets there first, and tells both ends and every helper. */
  async #end(callId: string, reasonOf: (ended: EndedCall) => CallEndReason): Promise<void> {
    const ended = await this.desk.queue.end(callId)
    if (!ended) return
    const reason = reasonOf(ended)
    // A call that rang out was missed for want of helpers only when none was connected to any node.
    const rangOut = !ended.helper && reason === 'no_answer'
    const helpersOnline = rangOut ? await this.desk.presence.count().catch(() => this.#helpers.size) : 0
    await this.records.ended(ended, reason, helpersOnline)
    await this.desk.mailbox.post({ to: 'kiosk', callId, message: { type: 'ended', callId, reason } })
    if (ended.helper)
      await this.desk.mailbox.post({ to: 'helper', callId, message: { type: 'ended', callId, reason } })
    await this.desk.mailbox.post({ to: 'helpers' })
  }

  /**
   * A kiosk's mirror, to its call's helper only (none while it rings; on the node that holds the helper), audited
   * there when it shows details: that node knows who the helper is and where from.
   */
  async #relayMirror(message: MirrorMessage, terminalId: string): Promise<void> {
    const helper = this.#answering.get(message.callId)
    const username = helper && this.#helpers.get(helper)
    if (!helper || !username) return
    const viewer = { username, address: this.#helperAddresses.get(helper) ?? 'unknown' }
    send(helper, await this.#mirrors.relay(message, viewer, terminalId))
  }

  /** Sends the waiting calls to this node's helper consoles. */
  async #sendQueue(): Promise<void> {
    if (this.#helpers.size === 0) return
    const calls = await this.desk.queue.waiting()
    for (const helper of this.#helpers.keys()) send(helper, { type: 'queue', calls })
  }
}
