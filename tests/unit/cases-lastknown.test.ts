/**
 * Offline 办件进度查询 through the real bridge on fake-indexeddb: what the terminal learnt online (lookups,
 * its own accepted applications) is answered offline by number with the time it was recorded; a lookup by ID
 * needs the network (nothing on the terminal ties a case to a person), no ID number or fingerprint is stored,
 * 429 becomes "rateLimited", and a rating given offline (一事一评) is kept and delivered after its
 * transaction, or dropped as expired when it rode on a grant that ran out.
 */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it, vi } from 'vitest'
import { SimulatedClock } from 'xstate'
import { loadChinese, type MessageKey, t } from '../../kiosk/src/i18n'
import { openKioskDb } from '../../kiosk/src/storage/db'
import { BackendError } from '../../kiosk/src/sync/backendClient'
import { createTerminalBridge } from '../../kiosk/src/sync/createTerminalBridge'
import type { SwBridge } from '../../kiosk/src/sync/swBridge'
import type { CaseView } from '../../kiosk/src/sync/terminalBridge'
import { recordedWhen } from '../../kiosk/src/ui/cases/recordedWhen'
import { enrolErrorText } from '../../kiosk/src/ui/screens/enrolErrorText'
import type { PublishedCatalog } from '../../services-catalog/src/schema'
import { createFakeBackend, sampleCatalog } from '../fixtures/node/offline/fakeBackend'
import { submission } from '../fixtures/node/offline/records'
import { caseView as acceptedCase } from '../fixtures/shared/caseViews'

const ID = '44160019900101123X'
/** The grant the fake backend hands out with a lookup by ID, and the one it says has expired. */
const GRANT = '1764900000000.fresh'
const EXPIRED_GRANT = '1764800000000.expired'
const T0 = Date.parse('2026-11-23T02:05:00.000Z') // 10:05 in Shanghai
const noSw: SwBridge = {
  updateWaiting: () => false,
  applyUpdate: () => undefined,
  onUpdateWaiting: () => () => undefined,
}

function catalog(): PublishedCatalog {
  const base = sampleCatalog(1)
  const item = {
    code: 'SB-0001',
    name: { zh: '城乡居民养老保险参保登记', en: 'Pension enrolment' },
    department: 'social-security',
    kind: '申办',
    timeLimit: { days: 5, unit: '工作日' },
  }
  return { ...base, items: [item as unknown as PublishedCatalog['items'][number]] }
}

/** The case in progress (办理中), as the lookups below find it. */
const caseView = (over: Partial<CaseView> = {}): CaseView =>
  acceptedCase({
    status: '办理中',
    history: [
      { status: '已受理', at: '2026-11-23T01:00:00.000Z' },
      { status: '办理中', at: '2026-11-23T02:00:00.000Z' },
    ],
    ...over,
  })

/** The fake terminal backend plus case routes, with a switch that takes the network away. */
function setup(factory = new IDBFactory()) {
  const backend = createFakeBackend()
  backend.state.catalog = catalog()
  const byNumber = new Map<string, CaseView>([['SB2026112300001', caseView()]])
  const bySubject = new Map<string, CaseView[]>([[ID, [caseView()]]])
  const ratings: Array<Record<string, unknown>> = []
  const bySubjectKeys = () => new Set([...bySubject.values()].flat().map((c) => c.transactionKey))
  const rated = new Set<string>()
  /** `up`: the OS reports a network; `reachable`: requests get through (both false = offline). */
  const net = {
    up: true,
    reachable: true,
    lookupStatus: 200,
    /** The grant lookups by ID hand out. */
    grant: GRANT,
    set offline(value: boolean) {
      net.up = !value
      net.reachable = !value
    },
  }
  let nowMs = T0
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  const fetchImpl: typeof fetch = async (input, init) => {
    if (!net.up || !net.reachable) throw new TypeError('Failed to fetch')
    const path = new URL(String(input), 'http://kiosk.test').pathname
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
    if (path.startsWith('/api/terminal/cases')) {
      if (net.lookupStatus === 429)
        return json(429, { error: 'rate_limited', message: 'too many case lookups from this terminal' })
      if (path === '/api/terminal/cases/lookup') {
        const cases = bySubject.get(body.idNumber) ?? []
        const grant = { token: net.grant, expiresAt: '2026-11-23T02:20:00.000Z' }
        return json(200, { cases, ratable: cases.map((c) => ({ transactionKey: c.transactionKey, grant })) })
      }
      const found = byNumber.get(decodeURIComponent(path.split('/').pop() ?? '').toUpperCase())
      // Another terminal's case looked up by number: no pass.
      return found
        ? json(200, { cases: [found], ratable: [] })
        : json(404, { error: 'case_not_found', message: 'no such case' })
    }
    if (path === '/api/terminal/ratings') {
      // Like the backend: only delivered transactions are cases; one rating per case; unknown and rated alike.
      if (body.grant === EXPIRED_GRANT) return json(403, { error: 'grant_expired', message: 'expired' })
      const known =
        backend.stored.has(body.transactionKey) ||
        (body.grant === GRANT && bySubjectKeys().has(body.transactionKey))
      if (!known || rated.has(body.transactionKey))
        return json(404, { error: 'case_not_ratable', message: 'no case to rate' })
      rated.add(body.transactionKey)
      ratings.push(body)
      return json(201, { caseNumber: body.caseNumber ?? '', replayed: false })
    }
    return backend.fetch(input, init)
  }
  const clock = new SimulatedClock()
  const bridge = createTerminalBridge({
    fetchImpl,
    idbFactory: factory,
    now: () => new Date(nowMs),
    clock,
    serviceWorker: noSw,
    onLine: () => net.up,
    storage: {
      persist: async () => true,
      persisted: async () => true,
      estimate: async () => ({ usage: 0, quota: 1 }),
    },
  })
  const advance = (ms: number) => {
    nowMs += ms
  }
  return { bridge, backend, factory, net, ratings, byNumber, clock, advance }
}

/** Every value in every store of the kiosk database, as JSON text. */
async function dumpDb(factory: IDBFactory): Promise<string> {
  const db = await openKioskDb(factory)
  const out: string[] = []
  for (const store of db.objectStoreNames) out.push(JSON.stringify(await db.getAll(store)))
  db.close()
  return out.join('\n')
}

describe('offline 办件进度查询: last known status', () => {
  it('answers a number looked up online earlier with that status and when it was recorded', async () => {
    const { bridge, net, advance } = setup()
    await bridge.start()
    expect(await bridge.lookupCase?.('sb2026112300001')).toEqual({
      state: 'found',
      cases: [caseView()],
      ratable: [],
    })
    advance(3 * 3600_000)
    net.offline = true
    expect(await bridge.lookupCase?.('SB2026112300001')).toEqual({
      state: 'offline',
      lastKnown: [{ view: caseView(), recordedAt: '2026-11-23T02:05:00.000Z' }],
    })
    // A number never seen here: offline, and nothing to show.
    expect(await bridge.lookupCase?.('SB2026112300099')).toEqual({ state: 'offline', lastKnown: [] })
    bridge.stop?.()
  })

  it('a newer online answer replaces the recorded status; a request that fails in flight also falls back', async () => {
    const { bridge, net, byNumber, advance } = setup()
    await bridge.start()
    await bridge.lookupCase?.('SB2026112300001')
    const done = caseView({
      status: '办结',
      finishedAt: '2026-11-24T01:00:00.000Z',
      history: [...caseView().history, { status: '办结', at: '2026-11-24T01:00:00.000Z' }],
    })
    byNumber.set('SB2026112300001', done)
    advance(86_400_000)
    await bridge.lookupCase?.('SB2026112300001')
    // The OS still reports a network, but the backend is unreachable.
    net.reachable = false
    const answer = await bridge.lookupCase?.('SB2026112300001')
    expect(answer).toEqual({
      state: 'offline',
      lastKnown: [{ view: done, recordedAt: '2026-11-24T02:05:00.000Z' }],
    })
    bridge.stop?.()
  })

  it('by ID card offline: "needsNetwork", though the case was found by that ID before; no ID or fingerprint is stored', async () => {
    const { bridge, net, factory } = setup()
    await bridge.start()
    expect(await bridge.lookupCasesById?.(ID)).toMatchObject({
      state: 'found',
      ratable: [{ transactionKey: caseView().transactionKey, grant: { token: GRANT } }],
    })
    net.offline = true
    expect(await bridge.lookupCasesById?.(ID)).toEqual({ state: 'needsNetwork' })
    // The number still answers offline: the case is known, only its tie to a person is not.
    expect(await bridge.lookupCase?.('SB2026112300001')).toMatchObject({ state: 'offline', lastKnown: [{}] })
    bridge.stop?.()
    const stored = await dumpDb(factory)
    expect(stored).toContain('SB2026112300001')
    expect(stored).not.toContain(ID)
    expect(stored).not.toContain(ID.slice(6, 14)) // not even the birth date part
    expect(stored).not.toMatch(/subjects|caseSalt|[0-9a-f]{64}/)
    expect(stored).not.toContain(GRANT)
  })

  it("records the terminal's own delivered 申办 as 已受理, findable offline by number only", async () => {
    const { bridge, net, factory } = setup()
    await bridge.start()
    const outcome = await bridge.submit(
      { ...submission('SB-0001'), subject: { idNumber: ID, name: '张三' } },
      { waitMs: 2000 },
    )
    expect(outcome.state).toBe('done')
    if (outcome.state !== 'done') return
    net.offline = true
    await vi.waitFor(async () =>
      expect(await bridge.lookupCase?.(outcome.result.reference)).toMatchObject({
        state: 'offline',
        lastKnown: [{ recordedAt: '2026-11-23T02:05:00.000Z' }],
      }),
    )
    const answer = await bridge.lookupCase?.(outcome.result.reference)
    if (answer?.state !== 'offline') throw new Error('expected offline')
    expect(answer.lastKnown?.[0]?.view).toMatchObject({
      transactionKey: outcome.key,
      caseNumber: outcome.result.reference.toUpperCase(),
      itemName: { zh: '城乡居民养老保险参保登记' },
      departmentName: { zh: '社会保险' },
      limit: { days: 5, unit: '工作日', immediate: false },
      status: '已受理',
      history: [{ status: '已受理', at: '2026-11-23T02:05:00.000Z' }],
      dueDay: '',
    })
    expect(await bridge.lookupCasesById?.(ID)).toEqual({ state: 'needsNetwork' })
    bridge.stop?.()
    const stored = await dumpDb(factory)
    expect(stored).not.toContain(ID)
    expect(stored).not.toContain('张三')
  })

  it('answers "rateLimited" when the backend says 429, and records nothing', async () => {
    const { bridge, net } = setup()
    await bridge.start()
    net.lookupStatus = 429
    expect(await bridge.lookupCase?.('SB2026112300001')).toEqual({ state: 'rateLimited' })
    expect(await bridge.lookupCasesById?.(ID)).toEqual({ state: 'rateLimited' })
    net.offline = true
    expect(await bridge.lookupCase?.('SB2026112300001')).toEqual({ state: 'offline', lastKnown: [] })
    bridge.stop?.()
  })
})

describe('一事一评 offline: the rating reaches its case after sync', () => {
  it('a rating of a queued 申办 waits for the transaction, then is sent once with its key', async () => {
    const { bridge, backend, net, ratings, clock } = setup()
    await bridge.start()
    net.offline = true
    const outcome = await bridge.submit(
      { ...submission('SB-0001'), subject: { idNumber: ID } },
      { waitMs: 0 },
    )
    expect(outcome.state).toBe('queued')
    const rating = { transactionKey: outcome.key, level: 2 as const, key: crypto.randomUUID() }
    expect(await bridge.rateCase?.(rating)).toBe('queued')
    expect(ratings).toEqual([])

    net.offline = false
    // Past any backoff (the failed offline run may schedule it a moment later, so keep advancing).
    await vi.waitFor(() => {
      clock.increment(10 * 60_000)
      expect(ratings).toEqual([rating])
    })
    expect(backend.stored.has(outcome.key)).toBe(true)
    // Sent once: later runs have nothing left to send.
    bridge.syncNow?.()
    clock.increment(10 * 60_000)
    await new Promise((r) => setTimeout(r, 20))
    expect(ratings).toHaveLength(1)
    bridge.stop?.()
  })

  it('a rating of a delivered case given while the network is down is kept and sent later', async () => {
    const { bridge, net, ratings, clock, factory } = setup()
    await bridge.start()
    const outcome = await bridge.submit(submission('SB-0001'), { waitMs: 2000 })
    expect(outcome.state).toBe('done')
    net.offline = true
    const rating = { transactionKey: outcome.key, level: 5 as const, key: crypto.randomUUID() }
    expect(await bridge.rateCase?.(rating)).toBe('queued')
    const db = await openKioskDb(factory)
    expect(await db.count('pendingRatings')).toBe(1)
    db.close()
    net.offline = false
    bridge.syncNow?.()
    await vi.waitFor(() => {
      clock.increment(10 * 60_000)
      expect(ratings).toEqual([rating])
    })
    bridge.stop?.()
  })

  it('online, a rating goes straight through; a second rating of the case is "notRatable", as an unknown case is', async () => {
    const { bridge, ratings } = setup()
    await bridge.start()
    const outcome = await bridge.submit(submission('SB-0001'), { waitMs: 2000 })
    const first = { transactionKey: outcome.key, level: 4 as const, key: crypto.randomUUID() }
    expect(await bridge.rateCase?.(first)).toBe('rated')
    expect(await bridge.rateCase?.({ ...first, key: crypto.randomUUID() })).toBe('notRatable')
    expect(await bridge.rateCase?.({ ...first, transactionKey: crypto.randomUUID() })).toBe('notRatable')
    expect(ratings).toEqual([first])
    bridge.stop?.()
  })
})

describe('ratings that ride on a grant from a lookup by ID', () => {
  it('sends the grant; a rating queued offline whose grant expired is dropped as expired, not retried for ever', async () => {
    const { bridge, net, ratings, clock, factory } = setup()
    await bridge.start()
    const transactionKey = caseView().transactionKey
    const online = { transactionKey, level: 4 as const, key: crypto.randomUUID(), grant: GRANT }
    net.grant = EXPIRED_GRANT
    const found = await bridge.lookupCasesById?.(ID)
    if (found?.state !== 'found') throw new Error('expected found')
    const grant = found.ratable[0]?.grant?.token
    expect(grant).toBe(EXPIRED_GRANT)
    net.reachable = false
    expect(await bridge.rateCase?.({ ...online, grant })).toBe('queued')
    const db = await openKioskDb(factory)
    expect(await db.getAll('pendingRatings')).toEqual([expect.objectContaining({ transactionKey, grant })])
    net.reachable = true
    await vi.waitFor(async () => {
      clock.increment(10 * 60_000)
      expect(await db.count('pendingRatings')).toBe(0)
    })
    db.close()
    expect(ratings).toEqual([])
    // Straight through, a fresh grant rates; an expired one says so to the resident.
    expect(await bridge.rateCase?.({ ...online, grant: EXPIRED_GRANT })).toBe('grantExpired')
    expect(await bridge.rateCase?.(online)).toBe('rated')
    expect(ratings).toEqual([online])
    bridge.stop?.()
  })
})

describe('how the screens word it', () => {
  it('says when a status was recorded in Asia/Shanghai time, across the date line', () => {
    expect(recordedWhen('2026-11-23T02:05:00.000Z', 'zh')).toBe('11月23日 10:05')
    expect(recordedWhen('2026-11-23T02:05:00.000Z', 'en')).toBe('23 Nov 10:05')
    expect(recordedWhen('2026-12-31T16:30:00.000Z', 'zh')).toBe('1月1日 00:30')
    expect(recordedWhen('not a time', 'zh')).toBe('')
  })

  it('maps the backend enrol_code refusal to the Chinese sentence; other errors keep their message', async () => {
    // The maintenance panel's text loads with it, as on the terminal.
    await loadChinese()
    const tr = (key: MessageKey) => t('zh', key)
    expect(enrolErrorText(new BackendError('http', 'HTTP 400', 400, 'enrol_code'), tr)).toBe(
      '注册码无效、已使用或已过期',
    )
    expect(
      enrolErrorText(new BackendError('network', 'POST /api/terminals/enrol: Failed to fetch'), tr),
    ).toBe('POST /api/terminals/enrol: Failed to fetch')
    expect(t('zh', 'maintEnrolFailed', { message: tr('maintEnrolCodeInvalid') })).toBe(
      '注册失败：注册码无效、已使用或已过期',
    )
  })
})
