/**
 * 帮办 when nobody answers, against the real process: a call nobody answers within the terminal's (shortened)
 * timeout ends as `no_answer` and is recorded as missed, an answered call and a call the resident gave up are
 * recorded too (metadata only), and the ops figures count them; a call-back request is stored once, listed masked,
 * taken by one helper only, its number shown only to the taker (audited), closed, and purged 30 days after.
 */
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { HELP_SIGNAL_PATHS } from '../../mock-backend/src/contract/helpCall'
import {
  CALLBACK_NUMBER_RETENTION_DAYS,
  NO_ANSWER_SECONDS,
} from '../../mock-backend/src/contract/helpDeskRules'
import { shanghaiDay } from '../../mock-backend/src/time'
import { call, HELPER_PASSWORD, login, spawnBackend, uuid } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const backend = backendSession({ env: { FAULTS: 'on' } })
const PHONE = '13812345678'
let helperA: Awaited<ReturnType<typeof login>>
let helperB: Awaited<ReturnType<typeof login>>
const passwords: Record<string, string> = { helper: HELPER_PASSWORD }

beforeAll(async () => {
  helperA = await login(backend.url, 'helper', HELPER_PASSWORD)
  const created = await call(backend.url, 'POST', '/api/admin/accounts', {
    token: backend.admin.token,
    body: { username: 'helper.b', role: 'helper' },
  })
  passwords['helper.b'] = created.body.password
  helperB = await login(backend.url, 'helper.b', created.body.password)
  const set = await call(backend.url, 'PUT', '/api/admin/terminals/T-DEMO-0001', {
    token: backend.admin.token,
    body: { noAnswerSeconds: NO_ANSWER_SECONDS.min },
  })
  expect(set.status).toBe(200)
}, 30_000)

// biome-ignore lint/suspicious/noExplicitAny: messages of every shape
type Message = any

/** A socket and the messages it received, with a wait for the first of a type not yet read. */
async function socketOf(path: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(`${backend.url.replace(/^http/, 'ws')}${path}`, { headers })
  const inbox: Message[] = []
  socket.on('message', (data) => inbox.push(JSON.parse(data.toString())))
  await new Promise((done, fail) => {
    socket.once('open', done)
    socket.once('error', fail)
  })
  const read = async (type: string, withinMs = 5000): Promise<Message> => {
    const until = Date.now() + withinMs
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type)
      if (i >= 0) return inbox.splice(i, 1)[0]
      if (Date.now() > until) throw new Error(`no ${type} within ${withinMs} ms`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }
  return { socket, read, send: (m: unknown) => socket.send(JSON.stringify(m)) }
}

async function kiosk() {
  const k = await socketOf(HELP_SIGNAL_PATHS.kiosk)
  k.send({ type: 'hello', key: backend.terminal })
  await k.read('ready')
  return k
}

/** The call records as stored (read from the process's database file, read-only). */
function storedCalls() {
  const db = new Database(`${backend.server.dataDir}/kiosk.sqlite`, { readonly: true })
  try {
    return db.prepare('SELECT * FROM help_calls ORDER BY started_at').all() as Record<string, unknown>[]
  } finally {
    db.close()
  }
}

describe('call records', () => {
  it('a call nobody answers rings out after the terminal’s timeout and is recorded as missed', async () => {
    const k = await kiosk()
    const started = Date.now()
    k.send({ type: 'call', itemCode: 'POL-APPLY-0001' })
    const { callId } = await k.read('queued')
    expect(await k.read('ended', (NO_ANSWER_SECONDS.min + 5) * 1000)).toEqual({
      type: 'ended',
      callId,
      reason: 'no_answer',
    })
    expect(Date.now() - started).toBeGreaterThanOrEqual(NO_ANSWER_SECONDS.min * 1000 - 50)
    k.socket.close()
    const [row] = storedCalls()
    expect(row).toMatchObject({
      call_id: callId,
      terminal_id: 'T-DEMO-0001',
      answered: 0,
      missed_reason: 'no_helper',
      helper: null,
      item_code: 'POL-APPLY-0001',
      duration_ms: 0,
    })
    expect(row?.wait_ms).toBeGreaterThanOrEqual(NO_ANSWER_SECONDS.min * 1000 - 50)
  }, 30_000)

  it('records an answered call with its helper, wait and duration, and a call the resident gave up', async () => {
    const helper = await socketOf(HELP_SIGNAL_PATHS.helper, { cookie: helperA.cookie, origin: backend.url })
    await helper.read('ready')
    const k = await kiosk()
    k.send({ type: 'call' })
    const { callId } = await k.read('queued')
    await new Promise((r) => setTimeout(r, 100))
    helper.send({ type: 'answer', callId })
    await k.read('answered')
    await new Promise((r) => setTimeout(r, 100))
    k.send({ type: 'hangup', callId })
    await helper.read('ended')
    k.send({ type: 'call' })
    const second = await k.read('queued')
    k.send({ type: 'hangup', callId: second.callId })
    await k.read('ended')
    k.socket.close()
    helper.socket.close()
    await new Promise((r) => setTimeout(r, 100))
    const [, answered, gaveUp] = storedCalls()
    expect(answered).toMatchObject({ call_id: callId, answered: 1, missed_reason: null, helper: 'helper' })
    expect(answered?.wait_ms).toBeGreaterThanOrEqual(90)
    expect(answered?.duration_ms).toBeGreaterThanOrEqual(90)
    expect(gaveUp).toMatchObject({ call_id: second.callId, answered: 0, missed_reason: 'hung_up' })
  })

  it('ops see calls, answered share and median wait per day and terminal', async () => {
    const today = shanghaiDay(new Date())
    const res = await call(backend.url, 'GET', `/api/ops/help-figures?from=${today}&to=${today}`, {
      token: backend.ops.token,
    })
    expect(res.status).toBe(200)
    const answeredWait = storedCalls()[1]?.wait_ms
    expect(res.body).toEqual({
      from: today,
      to: today,
      rows: [
        {
          day: today,
          terminalId: 'T-DEMO-0001',
          calls: 3,
          answered: 1,
          answeredShare: 1 / 3,
          medianWaitMs: answeredWait,
        },
      ],
    })
    const bad = await call(backend.url, 'GET', `/api/ops/help-figures?from=${today}&to=2020-01-01`, {
      token: backend.ops.token,
    })
    expect([bad.status, bad.body.message]).toEqual([400, 'query: from must not be after to'])
  })
})

describe('call-back tasks', () => {
  const key = uuid()
  let takerName = ''
  const request = {
    key,
    phone: '138 1234 5678',
    itemCode: 'POL-APPLY-0001',
    requestedAt: new Date().toISOString(),
  }
  const send = (body: unknown) =>
    call(backend.url, 'POST', '/api/terminal/callbacks', { token: backend.terminal, body })
  const asHelper = (who: { token: string }, method: string, path: string, body?: unknown) =>
    call(backend.url, method, `/api/help/callbacks${path}`, { token: who.token, body })

  it('a terminal’s request is stored once per key, and a bad number is refused naming the field', async () => {
    expect(await send(request)).toMatchObject({ status: 201, body: { key, replay: false } })
    expect(await send(request)).toMatchObject({ status: 200, body: { key, replay: true } })
    const bad = await send({ ...request, key: uuid(), phone: '12345' })
    expect([bad.status, bad.body.message]).toEqual([
      400,
      expect.stringContaining('phone must be a mainland mobile or landline number'),
    ])
  })

  it('lists the task masked, gives it to one helper only, and shows the number only to the taker, audited', async () => {
    const listed = await asHelper(helperA, 'GET', '')
    expect(listed.body.tasks).toEqual([
      {
        key,
        terminalId: 'T-DEMO-0001',
        terminalName: expect.any(String),
        itemCode: 'POL-APPLY-0001',
        requestedAt: request.requestedAt,
        maskedPhone: '138****5678',
        takenBy: null,
        closedAt: null,
        outcome: null,
      },
    ])
    expect(listed.text).not.toContain(PHONE)
    expect(listed.text).not.toContain('5678 ')
    const takes = await Promise.all([
      asHelper(helperA, 'POST', `/${key}/take`, {}),
      asHelper(helperB, 'POST', `/${key}/take`, {}),
    ])
    expect(takes.map((t) => t.status).sort()).toEqual([200, 409])
    const [taker, other] = takes[0]?.status === 200 ? [helperA, helperB] : [helperB, helperA]
    takerName = taker === helperA ? 'helper' : 'helper.b'
    expect(takes.find((t) => t.status === 200)?.body.takenBy).toBe(takerName)
    expect((await asHelper(other, 'GET', `/${key}/number`)).status).toBe(403)
    expect((await asHelper(other, 'POST', `/${key}/close`, { outcome: 'called_back' })).status).toBe(403)
    const number = await asHelper(taker, 'GET', `/${key}/number`)
    expect(number.body).toEqual({ key, phone: PHONE })
    const audit = await call(backend.url, 'GET', '/api/admin/audit?action=callback.number', {
      token: backend.admin.token,
    })
    expect(audit.body.entries).toEqual([expect.objectContaining({ action: 'callback.number', target: key })])
    expect(audit.text).not.toContain(PHONE)
    const bad = await asHelper(taker, 'POST', `/${key}/close`, { outcome: 'maybe' })
    expect([bad.status, bad.body.message]).toEqual([400, expect.stringContaining('outcome')])
    const closed = await asHelper(taker, 'POST', `/${key}/close`, { outcome: 'unreachable' })
    expect(closed.body).toMatchObject({ key, outcome: 'unreachable', closedAt: expect.any(String) })
    expect((await asHelper(taker, 'POST', `/${key}/close`, { outcome: 'called_back' })).status).toBe(409)
    expect(backend.server.output()).not.toContain(PHONE)
  })

  it('purges the number CALLBACK_NUMBER_RETENTION_DAYS after the task closed (retention at the next start)', async () => {
    const { dataDir } = backend.server
    expect(await backend.server.stop()).toBe(0)
    const later = new Date(Date.now() + (CALLBACK_NUMBER_RETENTION_DAYS + 1) * 86_400_000).toISOString()
    backend.server = await spawnBackend({ dataDir, env: { FAULTS: 'on', FAKE_NOW: later } })
    backend.url = backend.server.url
    const taker = await login(backend.url, takerName, passwords[takerName] ?? '')
    const db = new Database(`${dataDir}/kiosk.sqlite`, { readonly: true })
    try {
      expect(db.prepare('SELECT phone_sealed, masked_phone FROM callback_tasks').all()).toEqual([
        { phone_sealed: null, masked_phone: '138****5678' },
      ])
    } finally {
      db.close()
    }
    const number = await asHelper(taker, 'GET', `/${key}/number`)
    expect([number.status, number.body]).toEqual([200, { key, phone: null }])
  }, 30_000)
})
