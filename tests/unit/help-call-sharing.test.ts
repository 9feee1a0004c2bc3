/**
 * The 帮办 queue, mailbox and helper presence every node shares (help/callQueue.ts, help/mailbox.ts,
 * help/helperPresence.ts): one node's memory, and PostgreSQL seen from two pools as two nodes see it. A call is
 * claimed once and ended once, whichever node asks; mail reaches every node, in the order one node posted it, a
 * mail over NOTIFY's payload limit included; a helper console counts on every node while connected, and on
 * PostgreSQL stops counting once its node stops refreshing it (a dead node).
 */
import { randomUUID } from 'node:crypto'
import type { Sql } from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QueuedCall } from '../../mock-backend/src/contract/helpCall'
import { connectPostgres, openPostgres } from '../../mock-backend/src/db/postgres/connect'
import {
  PostgresHelpCallQueue,
  PostgresHelpMailbox,
} from '../../mock-backend/src/db/postgres/helpCallSharing'
import { PostgresHelperPresence } from '../../mock-backend/src/db/postgres/helperPresence'
import type { HelpCallSharing } from '../../mock-backend/src/db/storage'
import { InProcessHelpCallQueue } from '../../mock-backend/src/help/callQueue'
import { InProcessHelperPresence } from '../../mock-backend/src/help/helperPresence'
import { type HelpMail, InProcessHelpMailbox } from '../../mock-backend/src/help/mailbox'
import { createTestDatabase, type TestDatabase } from '../fixtures/node/backend/postgres'

/** Two nodes' views of one shared desk (the same object twice in one process). */
type Pair = [HelpCallSharing, HelpCallSharing]

let database: TestDatabase
const pools: Sql[] = []

beforeAll(async () => {
  database = await createTestDatabase('kiosk_help_desk')
  pools.push(await openPostgres(database.url, { max: 4 }), connectPostgres(database.url, { max: 4 }))
})

afterAll(async () => {
  for (const pool of pools) await pool.end()
  await database?.drop()
})

const SHARINGS: [string, () => Pair][] = [
  [
    'in one process',
    () => {
      const desk = {
        queue: new InProcessHelpCallQueue(),
        mailbox: new InProcessHelpMailbox(),
        presence: new InProcessHelperPresence(),
      }
      return [desk, desk]
    },
  ],
  [
    'on PostgreSQL from two pools',
    () => {
      const desk = (sql: Sql) => ({
        queue: new PostgresHelpCallQueue(sql),
        mailbox: new PostgresHelpMailbox(sql),
        presence: new PostgresHelperPresence(sql),
      })
      return [desk(pools[0]!), desk(pools[1]!)]
    },
  ],
]

const call = (since: number): QueuedCall => ({
  callId: randomUUID(),
  terminalName: '东埔社区 1 号机',
  location: '东埔社区服务中心',
  since,
})

describe.each(SHARINGS)('the help desk %s', (_name, make) => {
  it('gives a call to one helper of many answering at once, and ends it once', async () => {
    const [a, b] = make()
    const first = call(1_000)
    const second = call(2_000)
    const facts = (itemCode: string) => ({ terminalId: 'T-1', districtCode: '441602', itemCode })
    await a.queue.place(second, facts('B'))
    await b.queue.place(first, facts('A'))
    expect((await a.queue.waiting()).map((c) => c.callId)).toEqual([first.callId, second.callId])

    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).queue.claim(first.callId, `helper.${i}`, 5_000 + i),
      ),
    )
    const won = claims.flatMap((c, i) => (c ? [i] : []))
    expect(won).toHaveLength(1)
    expect(claims[won[0]!]).toEqual(first)
    expect(await b.queue.waiting()).toEqual([second])

    const ends = await Promise.all([a.queue.end(first.callId), b.queue.end(first.callId)])
    expect(ends.filter(Boolean)).toEqual([
      { call: first, facts: facts('A'), helper: `helper.${won[0]}`, answeredAt: 5_000 + won[0]! },
    ])
    expect(await a.queue.end(second.callId)).toEqual({ call: second, facts: facts('B') })
    expect(await b.queue.waiting()).toEqual([])
    expect(await a.queue.claim(second.callId, 'helper.late', 9_000)).toBeUndefined()
  })

  it('delivers every mail to every node, in the order one node posted it', async () => {
    const [a, b] = make()
    const seen: [HelpMail[], HelpMail[]] = [[], []]
    await a.mailbox.listen((mail) => seen[0].push(mail))
    await b.mailbox.listen((mail) => seen[1].push(mail))
    const callId = randomUUID()
    // An SDP offer far over NOTIFY's 8000-byte payload travels stored; the candidates after it must not overtake it.
    const mails: HelpMail[] = [
      {
        to: 'helper',
        callId,
        message: { type: 'signal', callId, description: { type: 'offer', sdp: 'v'.repeat(20_000) } },
      },
      ...Array.from(
        { length: 20 },
        (_, i): HelpMail => ({
          to: 'helper',
          callId,
          message: {
            type: 'signal',
            callId,
            candidate: { candidate: `candidate:${i}`, sdpMid: '0', sdpMLineIndex: 0 },
          },
        }),
      ),
      { to: 'kiosk', callId, message: { type: 'ended', callId, reason: 'hangup' } },
      { to: 'helpers' },
    ]
    await Promise.all(mails.map((mail) => a.mailbox.post(mail)))
    await expect
      .poll(() => seen.map((s) => s.length), { timeout: 5000 })
      .toEqual([mails.length, mails.length])
    expect(seen).toEqual([mails, mails])
    await a.mailbox.close()
    await b.mailbox.close()
  })

  it('counts a helper console on every node while it is connected, whichever node holds it', async () => {
    const [a, b] = make()
    const [one, two, three] = [randomUUID(), randomUUID(), randomUUID()]
    expect([await a.presence.count(), await b.presence.count()]).toEqual([0, 0])
    await a.presence.join(one, 'helper')
    await b.presence.join(two, 'helper.two')
    // The same helper on a second console counts as a console of its own.
    await b.presence.join(three, 'helper.two')
    expect([await a.presence.count(), await b.presence.count()]).toEqual([3, 3])
    await a.presence.heartbeat()
    await b.presence.leave(two)
    await b.presence.leave(three)
    expect(await a.presence.count()).toBe(1)
    await a.presence.leave(one)
    expect([await a.presence.count(), await b.presence.count()]).toEqual([0, 0])
  })
})

describe('helper presence on PostgreSQL', () => {
  it('stops counting a dead node’s consoles once they are not refreshed, and a stopped node’s at once', async () => {
    // Two nodes with a short expiry: node B keeps beating, node A dies (never beats again).
    const expiryMs = 600
    const a = new PostgresHelperPresence(pools[0]!, expiryMs)
    const b = new PostgresHelperPresence(pools[1]!, expiryMs)
    await a.join(randomUUID(), 'helper')
    await b.join(randomUUID(), 'helper.two')
    expect(await b.count()).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, expiryMs + 300))
    await b.heartbeat()
    expect(await b.count()).toBe(1)
    // A node that stops takes its consoles along.
    await b.close()
    expect(await a.count()).toBe(0)
    await a.close()
  })
})
