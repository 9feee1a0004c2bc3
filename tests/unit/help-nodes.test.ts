/**
 * 帮办 signalling on two backend nodes sharing one PostgreSQL (issue #15 item 3 for issue #16): each node holds
 * only its own sockets, so a kiosk on one node and its helper on the other reach each other through the shared
 * queue and the mailbox. The queue is the same on both nodes, a call goes to one helper whichever node each helper
 * is on, SDP (one over NOTIFY's 8000-byte limit) and ICE cross in order, and either end hanging up or going away
 * ends the call for the other. A call that rings out is missed as `timeout` when a helper is online on either node,
 * and as `no_helper` only when none is online anywhere.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HELP_SIGNAL_PATHS } from '../../mock-backend/src/contract/helpCall'
import { NO_ANSWER_SECONDS } from '../../mock-backend/src/contract/helpDeskRules'
import { connectPostgres } from '../../mock-backend/src/db/postgres/connect'
import { type HelpPeer, openHelpPeer, stripTaken } from '../fixtures/node/backend/helpPeer'
import {
  ADMIN_PASSWORD,
  call,
  demoToken,
  HELPER_PASSWORD,
  login,
  type SpawnedBackend,
  spawnBackend,
} from '../fixtures/node/backend/server'

const FINGERPRINT_KEY = randomBytes(32).toString('base64url')
let nodes: SpawnedBackend[] = []
let kioskKey: string
/** The helper accounts' session cookies (sessions are shared: either node accepts them). */
const cookies: string[] = []

const ws = (node: SpawnedBackend, path: string) => `${node.url.replace(/^http/, 'ws')}${path}`

/** A helper console on `node`. */
async function helperOn(node: SpawnedBackend, cookie: string): Promise<HelpPeer> {
  const peer = await openHelpPeer(ws(node, HELP_SIGNAL_PATHS.helper), { cookie, origin: node.url })
  await peer.next('ready')
  await peer.next('queue')
  return peer
}

/** The demo terminal's kiosk on `node`, greeted. */
async function kioskOn(node: SpawnedBackend): Promise<HelpPeer> {
  const peer = await openHelpPeer(ws(node, HELP_SIGNAL_PATHS.kiosk))
  peer.send({ type: 'hello', key: kioskKey })
  await peer.next('ready')
  return peer
}

beforeAll(async () => {
  const first = await spawnBackend({ store: 'postgres', env: { FINGERPRINT_KEY } })
  nodes.push(first)
  nodes.push(await spawnBackend({ env: { FINGERPRINT_KEY, DATABASE_URL: first.databaseUrl! } }))
  kioskKey = await demoToken(first.url)
  cookies.push((await login(nodes[1]!.url, 'helper', HELPER_PASSWORD)).cookie)
  const admin = (await login(first.url, 'admin', ADMIN_PASSWORD)).token
  const created = await call(first.url, 'POST', '/api/admin/accounts', {
    token: admin,
    body: { username: 'helper.two', role: 'helper' },
  })
  expect(created.status).toBe(201)
  cookies.push((await login(first.url, 'helper.two', created.body.password)).cookie)
}, 90_000)

afterAll(async () => {
  for (const node of [...nodes].reverse()) {
    await node.stop()
    await node.cleanup()
  }
  nodes = []
})

describe('a call across two nodes', () => {
  it('rings on both nodes, goes to one helper, relays SDP and ICE in order, and ends for both', async () => {
    const [a, b] = [nodes[0]!, nodes[1]!]
    const onA = await helperOn(a, cookies[1]!)
    const onB = await helperOn(b, cookies[0]!)
    const resident = await kioskOn(a)
    resident.send({ type: 'call' })
    const { callId } = await resident.next('queued')
    const queued = (await onB.next('queue')).calls
    expect(queued.map((c: { callId: string }) => c.callId)).toEqual([callId])
    expect((await onA.next('queue')).calls).toEqual(queued)

    // The helper on node B answers the kiosk on node A; the helper on A, answering after, is told it lost.
    onB.send({ type: 'answer', callId })
    expect(stripTaken(await onB.next('assigned'))).toEqual({ type: 'assigned', call: queued[0] })
    expect(stripTaken(await resident.next('answered'))).toEqual({ type: 'answered', callId })
    onA.send({ type: 'answer', callId })
    expect(stripTaken(await onA.next('error'))).toEqual({
      type: 'error',
      message: 'that call was answered or ended',
    })
    const [winner, loser] = [onB, onA]

    const offer = {
      type: 'signal',
      callId,
      description: { type: 'offer', sdp: `v=0\r\n${'a=x\r\n'.repeat(4000)}` },
    }
    resident.send(offer)
    const candidates = Array.from({ length: 5 }, (_, i) => ({
      type: 'signal',
      callId,
      candidate: { candidate: `candidate:${i}`, sdpMid: '0', sdpMLineIndex: 0 },
    }))
    for (const c of candidates) resident.send(c)
    const relayed = [await winner.next('signal')]
    for (const _ of candidates) relayed.push(await winner.next('signal'))
    expect(relayed.map(stripTaken)).toEqual([offer, ...candidates])

    const answer = { type: 'signal', callId, description: { type: 'answer', sdp: 'v=0 answer' } }
    winner.send(answer)
    expect(stripTaken(await resident.next('signal'))).toEqual(answer)

    // The mirror crosses to the helper's node, which audits the consented view; the pointer comes back.
    const details = { name: '张**' }
    const mirror = {
      screen: 'flow',
      item: { code: 'GA-0001', name: '居民身份证换领' },
      step: { index: 1, count: 5, kind: 'identify' },
      lang: 'zh',
      elder: false,
      elements: [{ id: 'card.demo', role: 'button', label: '使用演示身份证', enabled: true }],
      details,
    }
    resident.send({ type: 'mirror', callId, mirror })
    expect(stripTaken(await winner.next('mirror'))).toEqual({ type: 'mirror', callId, mirror })
    winner.send({ type: 'point', callId, target: 'card.demo' })
    expect(stripTaken(await resident.next('point'))).toEqual({
      type: 'point',
      callId,
      target: 'card.demo',
    })
    const admin = (await login(a.url, 'admin', ADMIN_PASSWORD)).token
    const audit = await call(a.url, 'GET', '/api/admin/audit?action=help.consent_view', { token: admin })
    expect(audit.body.entries).toEqual([
      expect.objectContaining({ actor: 'helper', detail: { callId, fields: 'name' } }),
    ])

    resident.send({ type: 'hangup', callId })
    expect(stripTaken(await winner.next('ended'))).toEqual({ type: 'ended', callId, reason: 'hangup' })
    expect(stripTaken(await resident.next('ended'))).toEqual({ type: 'ended', callId, reason: 'hangup' })
    expect(loser.got.filter((m) => m.type === 'signal' || m.type === 'ended')).toEqual([])
    for (const peer of [onA, onB, resident]) peer.socket.close()
  }, 30_000)

  it('ends the call for the kiosk on one node when its helper on the other goes away', async () => {
    const [a, b] = [nodes[0]!, nodes[1]!]
    const desk = await helperOn(a, cookies[1]!)
    const resident = await kioskOn(b)
    resident.send({ type: 'call' })
    const { callId } = await resident.next('queued')
    await desk.next('queue')
    desk.send({ type: 'answer', callId })
    await resident.next('answered')
    desk.socket.close()
    expect(stripTaken(await resident.next('ended'))).toEqual({ type: 'ended', callId, reason: 'peer_gone' })

    // The kiosk places a new call, which a helper on the other node sees, then leaves before an answer.
    const other = await helperOn(b, cookies[0]!)
    resident.send({ type: 'call' })
    const second = (await resident.next('queued')).callId
    expect((await other.next('queue')).calls.map((c: { callId: string }) => c.callId)).toEqual([second])
    resident.socket.close()
    expect((await other.next('queue')).calls).toEqual([])
    other.socket.close()
  })

  it('records a rung-out call as `timeout` with a helper online on the other node, `no_helper` with none anywhere', async () => {
    const [a, b] = [nodes[0]!, nodes[1]!]
    const admin = (await login(a.url, 'admin', ADMIN_PASSWORD)).token
    const shortest = await call(a.url, 'PUT', '/api/admin/terminals/T-DEMO-0001', {
      token: admin,
      body: { noAnswerSeconds: NO_ANSWER_SECONDS.min },
    })
    expect(shortest.status).toBe(200)
    const sql = connectPostgres(a.databaseUrl!, { max: 1 })
    const consoles = async () =>
      (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM help_presence`)[0]!.n
    const missedReason = async (callId: string) =>
      (
        await sql<{ missedReason: string }[]>`SELECT missed_reason FROM help_calls WHERE call_id = ${callId}`
      )[0]?.missedReason
    /** A call placed by a kiosk on node A that nobody answers: its missed reason once it rang out. */
    const ringOut = async () => {
      const resident = await kioskOn(a)
      resident.send({ type: 'call' })
      const { callId } = await resident.next('queued')
      const ended = await resident.next('ended', (NO_ANSWER_SECONDS.min + 10) * 1000)
      expect(stripTaken(ended)).toEqual({ type: 'ended', callId, reason: 'no_answer' })
      resident.socket.close()
      await expect.poll(() => missedReason(callId), { timeout: 5000 }).toBeDefined()
      return missedReason(callId)
    }
    try {
      await expect.poll(consoles, { timeout: 5000 }).toBe(0)
      // A helper online only on node B: the kiosk's node A ends the call, and counts B's helper.
      const desk = await helperOn(b, cookies[0]!)
      await expect.poll(consoles).toBe(1)
      expect(await ringOut()).toBe('timeout')
      desk.socket.close()
      // Nobody online on either node.
      await expect.poll(consoles, { timeout: 5000 }).toBe(0)
      expect(await ringOut()).toBe('no_helper')
    } finally {
      await call(a.url, 'PUT', '/api/admin/terminals/T-DEMO-0001', {
        token: admin,
        body: { noAnswerSeconds: NO_ANSWER_SECONDS.default },
      })
      await sql.end()
    }
  }, 90_000)
})
