/**
 * The 帮办 call queue and the mail between nodes' signalling hubs, shared by every node on one PostgreSQL
 * (help/callQueue.ts and help/mailbox.ts state the invariants). Calls are rows of `help_calls_live`; mail rides
 * on NOTIFY, in line when it fits the 8000-byte payload, else stored in `help_mail` and named by id
 * (migrations/0008-help-nodes.sql).
 */
import type { Sql } from 'postgres'
import type { QueuedCall } from '../../contract/helpCall'
import {
  type CallRecordFacts,
  type EndedCall,
  HELP_CALL_ABANDONED_MS,
  HELP_CALL_FORGOTTEN_MS,
  type HelpCallQueue,
} from '../../help/callQueue'
import type { HelpMail, HelpMailbox } from '../../help/mailbox'

/** The LISTEN channel of the mail. */
const MAIL_CHANNEL = 'kiosk_help_mail'
/** Largest mail sent in line: NOTIFY's payload limit is 8000 bytes; a stored mail's notice is `#<id>`. */
const INLINE_MAX_BYTES = 7_900
/** A stored mail is deleted this long after it was posted: every live node has read it by then. */
const STORED_MAIL_KEPT_MS = 5 * 60_000

/** What `call_json` holds. */
interface Stored {
  call: QueuedCall
  facts: CallRecordFacts
}

/** The queue of every node, in `help_calls_live`. */
export class PostgresHelpCallQueue implements HelpCallQueue {
  constructor(private readonly sql: Sql) {}

  /** `call_json` holds the queue's view and the record's facts: `{ call, facts }`. */
  async place(call: QueuedCall, facts: CallRecordFacts): Promise<void> {
    await this.sql`
      DELETE FROM help_calls_live WHERE created_at < now() - make_interval(secs => ${HELP_CALL_FORGOTTEN_MS / 1000})`
    await this.sql`
      INSERT INTO help_calls_live (call_id, call_json, since_ms)
      VALUES (${call.callId}, ${JSON.stringify({ call, facts })}, ${call.since})`
  }

  async claim(callId: string, helper: string, at: number): Promise<QueuedCall | undefined> {
    const [row] = await this.sql<{ callJson: string }[]>`
      UPDATE help_calls_live SET helper = ${helper}, answered_ms = ${at}
      WHERE call_id = ${callId} AND helper IS NULL
        AND created_at > now() - make_interval(secs => ${HELP_CALL_ABANDONED_MS / 1000})
      RETURNING call_json`
    return row ? (JSON.parse(row.callJson) as Stored).call : undefined
  }

  async end(callId: string): Promise<EndedCall | undefined> {
    const [row] = await this.sql<{ callJson: string; helper: string | null; answeredMs: number | null }[]>`
      DELETE FROM help_calls_live WHERE call_id = ${callId} RETURNING call_json, helper, answered_ms`
    if (!row) return undefined
    const { call, facts } = JSON.parse(row.callJson) as Stored
    return row.helper
      ? { call, facts, helper: row.helper, answeredAt: row.answeredMs ?? undefined }
      : { call, facts }
  }

  async waiting(): Promise<QueuedCall[]> {
    const rows = await this.sql<{ callJson: string }[]>`
      SELECT call_json FROM help_calls_live
      WHERE helper IS NULL AND created_at > now() - make_interval(secs => ${HELP_CALL_ABANDONED_MS / 1000})
      ORDER BY since_ms, call_id`
    return rows.map((row) => (JSON.parse(row.callJson) as Stored).call)
  }
}

/** The mail of every node, over LISTEN/NOTIFY. */
export class PostgresHelpMailbox implements HelpMailbox {
  /** Posts of this node, one after another, so its mail to one address keeps its order. */
  #posting: Promise<unknown> = Promise.resolve()
  /** Deliveries on this node, one after another, so a stored mail read back does not overtake the next. */
  #delivering: Promise<unknown> = Promise.resolve()
  readonly #listening: { unlisten(): Promise<void> }[] = []

  constructor(private readonly sql: Sql) {}

  post(mail: HelpMail): Promise<void> {
    const sent = this.#posting.then(() => this.#send(JSON.stringify(mail)))
    this.#posting = sent.catch(() => {})
    return sent
  }

  async #send(body: string): Promise<void> {
    if (Buffer.byteLength(body) <= INLINE_MAX_BYTES) {
      await this.sql.notify(MAIL_CHANNEL, body)
      return
    }
    await this.sql`
      DELETE FROM help_mail WHERE created_at < now() - make_interval(secs => ${STORED_MAIL_KEPT_MS / 1000})`
    const [row] = await this.sql<{ id: number }[]>`INSERT INTO help_mail (body) VALUES (${body}) RETURNING id`
    await this.sql.notify(MAIL_CHANNEL, `#${row!.id}`)
  }

  async listen(handler: (mail: HelpMail) => void): Promise<void> {
    const listener = await this.sql.listen(MAIL_CHANNEL, (payload) => {
      this.#delivering = this.#delivering
        .then(async () => {
          const body = payload.startsWith('#') ? await this.#stored(Number(payload.slice(1))) : payload
          if (body !== undefined) handler(JSON.parse(body) as HelpMail)
        })
        // A mail that cannot be read (deleted after STORED_MAIL_KEPT_MS) is lost for this node alone; the call's
        // sides see a signal missing and the call fail, which they show, rather than the hub stopping.
        .catch(() => {})
    })
    this.#listening.push(listener)
  }

  async #stored(id: number): Promise<string | undefined> {
    const [row] = await this.sql<{ body: string }[]>`SELECT body FROM help_mail WHERE id = ${id}`
    return row?.body
  }

  async close(): Promise<void> {
    const listeners = this.#listening.splice(0)
    await Promise.allSettled(listeners.map((l) => l.unlisten()))
  }
}
