/**
 * 帮办 signalling against the real process: who may connect, the queue two helpers see, one helper per call, the
 * SDP/ICE relay, bad messages, and hang-up. Messages are checked whole against the contract (contract/helpCall.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HELP_SIGNAL_PATHS } from '../../mock-backend/src/contract/helpCall'
import { type HelpMessage, type HelpPeer, openHelpPeer, stripTaken } from '../fixtures/node/backend/helpPeer'
import {
  ADMIN_PASSWORD,
  call,
  demoToken,
  HELPER_PASSWORD,
  login,
  OPS_PASSWORD,
  type SpawnedBackend,
  spawnBackend,
} from '../fixtures/node/backend/server'

/** Where phones and consoles reach this server through a proxy on a port of its own. */
const PUBLIC_BASE_URL = 'https://kiosk.example.gov.cn:8443'
let server: SpawnedBackend
let wsBase: string
let kioskKey: string
let helperCookie: string
let secondHelperCookie: string

type Message = HelpMessage
const strip = stripTaken
const open = (path: string, headers: Record<string, string> = {}) => openHelpPeer(`${wsBase}${path}`, headers)

const helper = (cookie: string, headers: Record<string, string> = {}) =>
  open(HELP_SIGNAL_PATHS.helper, { cookie, origin: server.url, ...headers })

async function kiosk(): Promise<HelpPeer> {
  const peer = await open(HELP_SIGNAL_PATHS.kiosk)
  peer.send({ type: 'hello', key: kioskKey })
  expect(strip(await peer.next('ready'))).toEqual({ type: 'ready', iceServers: [] })
  return peer
}

beforeAll(async () => {
  // Loopback is the trusted proxy: a helper console behind it is audited by the address it forwards.
  server = await spawnBackend({ env: { PUBLIC_BASE_URL, TRUST_PROXY: 'loopback' } })
  wsBase = server.url.replace(/^http/, 'ws')
  kioskKey = await demoToken(server.url)
  helperCookie = (await login(server.url, 'helper', HELPER_PASSWORD)).cookie
  const admin = (await login(server.url, 'admin', ADMIN_PASSWORD)).token
  const created = await call(server.url, 'POST', '/api/admin/accounts', {
    token: admin,
    body: { username: 'helper.two', role: 'helper' },
  })
  expect(created.status).toBe(201)
  secondHelperCookie = (await login(server.url, 'helper.two', created.body.password)).cookie
}, 60_000)

afterAll(async () => {
  await server.stop()
  server.cleanup()
})

describe('who may connect', () => {
  it('refuses a helper socket without a session, from another origin, or of another role', async () => {
    await expect(open(HELP_SIGNAL_PATHS.helper, { origin: server.url })).rejects.toThrow('refused 401')
    await expect(
      open(HELP_SIGNAL_PATHS.helper, { cookie: helperCookie, origin: 'https://evil.example' }),
    ).rejects.toThrow('refused 403')
    await expect(open(HELP_SIGNAL_PATHS.helper, { cookie: helperCookie })).rejects.toThrow('refused 403')
    const ops = (await login(server.url, 'ops', OPS_PASSWORD)).cookie
    await expect(helper(ops)).rejects.toThrow('refused 403')
    await expect(open('/api/help/elsewhere')).rejects.toThrow('refused 404')
  })

  it('takes a helper console from the public origin when the proxy in front rewrote Host', async () => {
    // nginx's `proxy_set_header Host $host` drops a non-default port: Origin and Host then differ.
    const proxied = { cookie: helperCookie, host: 'kiosk.example.gov.cn' }
    const desk = await open(HELP_SIGNAL_PATHS.helper, { ...proxied, origin: PUBLIC_BASE_URL })
    expect(strip(await desk.next('ready'))).toEqual({ type: 'ready', iceServers: [], helper: 'helper' })
    desk.socket.close()
    await expect(
      open(HELP_SIGNAL_PATHS.helper, { ...proxied, origin: 'https://kiosk.example.gov.cn:9443' }),
    ).rejects.toThrow('refused 403')
  })

  it('closes a kiosk socket whose key is unknown, and asks for hello before anything else', async () => {
    const early = await open(HELP_SIGNAL_PATHS.kiosk)
    early.send({ type: 'call' })
    expect(strip(await early.next('error'))).toEqual({
      type: 'error',
      message: 'say hello with the terminal key first',
    })
    const closed = new Promise<number>((done) => early.socket.once('close', (code) => done(code)))
    early.send({ type: 'hello', key: 'x'.repeat(43) })
    expect(await closed).toBe(4401)
  })
})

describe('a call', () => {
  it('queues for every helper, goes to the first to answer, relays SDP and ICE, and ends for both', async () => {
    const one = await helper(helperCookie)
    const two = await helper(secondHelperCookie)
    expect(strip(await one.next('ready'))).toEqual({ type: 'ready', iceServers: [], helper: 'helper' })
    expect(strip(await two.next('queue'))).toEqual({ type: 'queue', calls: [] })
    await one.next('queue')
    const resident = await kiosk()
    resident.send({ type: 'call' })
    const { callId } = await resident.next('queued')
    const queued = await one.next('queue')
    expect(queued.calls).toEqual([
      { callId, terminalName: expect.any(String), location: expect.any(String), since: expect.any(Number) },
    ])
    expect((await two.next('queue')).calls).toEqual(queued.calls)

    two.send({ type: 'answer', callId })
    expect(strip(await two.next('assigned'))).toEqual({ type: 'assigned', call: queued.calls[0] })
    expect(strip(await resident.next('answered'))).toEqual({ type: 'answered', callId })
    expect((await one.next('queue')).calls).toEqual([])
    one.send({ type: 'answer', callId })
    expect(strip(await one.next('error'))).toEqual({
      type: 'error',
      message: 'that call was answered or ended',
    })

    const offer = { type: 'signal', callId, description: { type: 'offer', sdp: 'v=0 offer' } }
    resident.send(offer)
    expect(strip(await two.next('signal'))).toEqual(offer)
    const ice = {
      type: 'signal',
      callId,
      candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 },
    }
    two.send(ice)
    expect(strip(await resident.next('signal'))).toEqual(ice)
    one.send({ type: 'signal', callId, description: { type: 'answer', sdp: 'intruder' } })
    expect(strip(await one.next('error'))).toEqual({ type: 'error', message: 'callId is not your call' })

    resident.send({ type: 'signal', callId, description: { type: 'pranswer', sdp: '' } })
    expect((await resident.next('error')).message).toMatch(/^bad message: /)
    resident.socket.send('not json')
    expect(strip(await resident.next('error'))).toEqual({
      type: 'error',
      message: 'not JSON: send one JSON object per message',
    })
    two.send({ type: 'answer', callId: 'nope' })
    expect(strip(await two.next('error'))).toEqual({
      type: 'error',
      message: 'bad message: callId: callId must be a UUID',
    })
    // The bad messages killed neither socket nor the call: the relay still works.
    resident.send(offer)
    expect(strip(await two.next('signal'))).toEqual(offer)

    two.send({ type: 'hangup', callId })
    expect(strip(await resident.next('ended'))).toEqual({ type: 'ended', callId, reason: 'hangup' })
    expect(strip(await two.next('ended'))).toEqual({ type: 'ended', callId, reason: 'hangup' })
    for (const peer of [one, two, resident]) peer.socket.close()
  })

  it('leaves the queue when the kiosk hangs up or goes away before an answer', async () => {
    const desk = await helper(helperCookie)
    await desk.next('queue')
    const resident = await kiosk()
    resident.send({ type: 'call' })
    const first = (await resident.next('queued')).callId
    expect((await desk.next('queue')).calls.map((c: Message) => c.callId)).toEqual([first])
    resident.send({ type: 'hangup', callId: first })
    expect(strip(await resident.next('ended'))).toEqual({ type: 'ended', callId: first, reason: 'cancelled' })
    expect((await desk.next('queue')).calls).toEqual([])
    resident.send({ type: 'call' })
    await resident.next('queued')
    expect((await desk.next('queue')).calls).toHaveLength(1)
    resident.socket.close()
    expect((await desk.next('queue')).calls).toEqual([])
    desk.socket.close()
  })
})

describe('the structured mirror and the pointer', () => {
  /** A kiosk in a call answered by the first helper; the second helper is connected but not in it. */
  async function answeredCall(deskHeaders: Record<string, string> = {}) {
    const desk = await helper(helperCookie, deskHeaders)
    const other = await helper(secondHelperCookie)
    await desk.next('queue')
    await other.next('queue')
    const resident = await kiosk()
    resident.send({ type: 'call' })
    const { callId } = await resident.next('queued')
    await desk.next('queue')
    desk.send({ type: 'answer', callId })
    await desk.next('assigned')
    await resident.next('answered')
    return { desk, other, resident, callId }
  }

  const screen = {
    screen: 'flow',
    item: { code: 'GA-0001', name: '居民身份证换领' },
    step: { index: 1, count: 5, kind: 'identify' },
    lang: 'zh',
    elder: false,
    elements: [
      { id: 'card.demo', role: 'button', label: '使用演示身份证', enabled: true },
      { id: 'field.idNumber', role: 'input', label: '身份证号码', enabled: true, filled: 18 },
    ],
  }

  async function consentViews(callId: string) {
    const admin = (await login(server.url, 'admin', ADMIN_PASSWORD)).token
    const page = await call(server.url, 'GET', '/api/admin/audit?limit=200&action=help.consent_view', {
      token: admin,
    })
    expect(page.status).toBe(200)
    // biome-ignore lint/suspicious/noExplicitAny: audit entries as the API returns them
    return page.body.entries.filter((e: any) => e.detail.callId === callId)
  }

  it('relays the mirror to the call’s helper only, and the pointer both ways', async () => {
    const { desk, other, resident, callId } = await answeredCall()
    resident.send({ type: 'mirror', callId, mirror: screen })
    expect(strip(await desk.next('mirror'))).toEqual({ type: 'mirror', callId, mirror: screen })
    desk.send({ type: 'point', callId, target: 'card.demo' })
    expect(strip(await resident.next('point'))).toEqual({ type: 'point', callId, target: 'card.demo' })
    resident.send({ type: 'pointed', callId, target: 'card.demo', found: true })
    expect(strip(await desk.next('pointed'))).toEqual({
      type: 'pointed',
      callId,
      target: 'card.demo',
      found: true,
    })
    // The other helper saw none of it, and may not point.
    other.send({ type: 'point', callId, target: 'card.demo' })
    expect(strip(await other.next('error'))).toEqual({ type: 'error', message: 'callId is not your call' })
    expect(other.got.map((m: Message) => m.type)).toEqual(['ready', 'queue', 'queue', 'queue', 'error'])
    // Without consent nothing was audited.
    expect(await consentViews(callId)).toEqual([])
    for (const peer of [desk, other, resident]) peer.socket.close()
  })

  it('refuses a mirror with a value, an unmasked detail or too many elements, naming the field', async () => {
    const { desk, other, resident, callId } = await answeredCall()
    const refusals: Array<[unknown, string]> = [
      [
        { ...screen, elements: [{ id: 'field.phone', role: 'input', enabled: true, value: '13800138000' }] },
        'bad message: mirror.elements.0: Unrecognized key: "value"',
      ],
      [
        { ...screen, details: { name: '张三丰' } },
        'bad message: mirror.details.name: name: only a masked name (first character, then *)',
      ],
      [
        { ...screen, details: { idNumber: '440106199001011234' } },
        'bad message: mirror.details.idNumber: idNumber: only a masked ID number (4 digits, *, 4 characters)',
      ],
      [
        { ...screen, details: { phone: '13800138000' } },
        'bad message: mirror.details.phone: phone: only a masked mobile number (3 digits, ****, 4 digits)',
      ],
      [
        {
          ...screen,
          elements: Array.from({ length: 161 }, (_, i) => ({ id: `k.${i}`, role: 'button', enabled: true })),
        },
        'bad message: mirror.elements: elements: at most 160',
      ],
      [
        { ...screen, elements: [{ id: 'a b', role: 'button', enabled: true }] },
        'bad message: mirror.elements.0.id: id: no spaces',
      ],
      [{ ...screen, caseNumber: 'WB2026' }, 'bad message: mirror: Unrecognized key: "caseNumber"'],
    ]
    for (const [mirror, message] of refusals) {
      resident.send({ type: 'mirror', callId, mirror })
      expect(strip(await resident.next('error'))).toEqual({ type: 'error', message })
    }
    expect(desk.got.filter((m: Message) => m.type === 'mirror')).toEqual([])
    for (const peer of [desk, other, resident]) peer.socket.close()
  })

  it('audits each consented view: helper, terminal and call, once per consent', async () => {
    // The helper's console stands behind the trusted proxy, which names its address.
    const { desk, other, resident, callId } = await answeredCall({ 'x-forwarded-for': '203.0.113.7' })
    const details = { name: '张**', idNumber: '4401**********1234' }
    resident.send({ type: 'mirror', callId, mirror: { ...screen, details } })
    expect((await desk.next('mirror')).mirror.details).toEqual(details)
    // Another screen with the same consent is the same view; a withdrawal and a new consent is a new one.
    resident.send({
      type: 'mirror',
      callId,
      mirror: { ...screen, step: { ...screen.step, index: 2 }, details },
    })
    await desk.next('mirror')
    resident.send({ type: 'mirror', callId, mirror: screen })
    expect((await desk.next('mirror')).mirror.details).toBeUndefined()
    resident.send({
      type: 'mirror',
      callId,
      mirror: { ...screen, details: { ...details, phone: '138****8000' } },
    })
    await desk.next('mirror')
    const views = await consentViews(callId)
    expect(views).toEqual([
      expect.objectContaining({
        actorKind: 'staff',
        actor: 'helper',
        role: 'helper',
        action: 'help.consent_view',
        address: '203.0.113.7',
        target: expect.stringMatching(/\S/),
        detail: { callId, fields: 'idNumber,name,phone' },
      }),
      expect.objectContaining({ actor: 'helper', detail: { callId, fields: 'idNumber,name' } }),
    ])
    // The entries hold which fields were seen, never the values.
    expect(JSON.stringify(views)).not.toMatch(/张|\*\*|1234|8000/)
    for (const peer of [desk, other, resident]) peer.socket.close()
  })
})
