import { randomBytes, randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { followUpsCsv, ratingFiguresCsv, warningsCsv, yellowCardsCsv } from '../../mock-backend/src/cases/csv'
import { RATING_GRANT_TTL_MS } from '../../mock-backend/src/cases/ratingGrants'
import { CaseService, notRatable } from '../../mock-backend/src/cases/service'
import {
  countByDepartment,
  followUpQueue,
  isOverdue,
  ratingFigures,
  warnings,
  yellowCards,
} from '../../mock-backend/src/cases/supervision'
import { CatalogCache } from '../../mock-backend/src/catalogCache'
import type { TransactionRecord } from '../../mock-backend/src/contract'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import type { CaseRow } from '../../mock-backend/src/db/caseRows'
import { migrate } from '../../mock-backend/src/db/sqlite/migrations'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import { ApiError } from '../../mock-backend/src/http/errors'
import { FINGERPRINT_KEY_BYTES, Fingerprints } from '../../mock-backend/src/privacy/fingerprints'
import { Catalog, type ServiceItem } from '../../services-catalog/src/schema'
import fixture from '../fixtures/node/backend/catalog.json' with { type: 'json' }

const MONDAY = '2026-11-23T09:00:00+08:00'
/** The terminal the cases are opened for, in the demo district. */
const T1 = { id: 'T-1', districtCode: DEMO_DISTRICT_CODE }

/** A fresh database, the fixture catalog published, and a case service on a fake clock. */
async function setup(options: { seed?: string; lateRate?: number; refuseRate?: number } = {}) {
  const db = new Database(':memory:')
  migrate(db)
  const store = new SqliteStorage(db)
  let nowMs = Date.parse(MONDAY)
  const now = () => new Date(nowMs)
  const catalog = Catalog.parse(fixture)
  await store.publishCatalog(catalog, [], 'test', '', now().toISOString())
  const service = new CaseService(
    store,
    {
      seed: options.seed ?? 'seed-a',
      lateRate: options.lateRate ?? 0.05,
      refuseRate: options.refuseRate ?? 0,
      warnDays: 1,
      followUpDays: 15,
    },
    now,
    new CatalogCache(store),
    new Fingerprints(randomBytes(FINGERPRINT_KEY_BYTES)),
  )
  const apply = catalog.items.find((i) => i.kind === '申办')!
  const item = (days: number): ServiceItem => ({ ...apply, timeLimit: { days, unit: '工作日' } })
  let serial = 0
  const open = async (it: ServiceItem, subject?: TransactionRecord['subject']) => {
    const record: TransactionRecord = {
      key: randomUUID(),
      sessionId: randomUUID(),
      itemCode: it.code,
      catalogVersion: 1,
      createdAt: now().toISOString(),
      fields: {},
      ...(subject ? { subject } : {}),
    }
    serial++
    await service.openCases(T1, [
      { record, item: it, reference: `SB20261123${String(serial).padStart(5, '0')}` },
    ])
    return record.key
  }
  return {
    db,
    service,
    item,
    open,
    set: (iso: string) => {
      nowMs = Date.parse(iso)
    },
  }
}

/** Every case by key, for followUpQueue's synchronous lookup. */
async function casesByKey(service: CaseService): Promise<(key: string) => CaseRow | undefined> {
  const all = await service.store.acceptedBetween('0000-01-01', '9999-12-31')
  const byKey = new Map(all.map((c) => [c.transactionKey, c]))
  return (key) => byKey.get(key)
}

async function apiError(fn: () => unknown): Promise<ApiError> {
  try {
    await fn()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected an ApiError')
}

describe('case progression', () => {
  it('opens 申办 cases only, with 已受理 first and the promised deadline', async () => {
    const t = await setup()
    const key = await t.open(t.item(3))
    const query = t.item(3)
    await t.open({ ...query, kind: '查询' })
    const [c] = (await t.service.lookupNumber('SB2026112300001', 'T-1')).cases
    expect(c).toMatchObject({
      transactionKey: key,
      status: '已受理',
      dueDay: '2026-11-26',
      calendarCovered: true,
    })
    expect(c!.history).toEqual([{ status: '已受理', at: new Date(MONDAY).toISOString() }])
    expect((await t.service.lookupNumber('SB2026112300002', 'T-1')).cases).toEqual([])
  })

  it('moves cases 已受理 → 办理中 → 办结 as the fake clock advances, never backwards in time', async () => {
    const t = await setup({ lateRate: 0 })
    for (let i = 0; i < 30; i++) await t.open(t.item(5))
    t.set('2026-11-23T12:00:00+08:00')
    const midday = await Promise.all(
      (await t.service.store.acceptedBetween('2026-11-23', '2026-11-23')).map((c) => t.service.view(c)),
    )
    await t.service.refresh()
    const later = await Promise.all(
      (await t.service.store.acceptedBetween('2026-11-23', '2026-11-23')).map((c) => t.service.view(c)),
    )
    expect(later.some((c) => c.status === '办理中')).toBe(true)
    expect(midday).toHaveLength(30)
    t.set('2026-12-31T12:00:00+08:00')
    await t.service.refresh()
    for (const c of await Promise.all(
      (await t.service.store.acceptedBetween('2026-11-23', '2026-11-23')).map((x) => t.service.view(x)),
    )) {
      expect(c.history.map((h) => h.status)).toEqual(['已受理', '办理中', '办结'])
      const times = c.history.map((h) => h.at)
      expect([...times].sort()).toEqual(times)
      expect(c.overdue).toBe(false)
    }
  })

  it('is deterministic under the seed: same seed and keys give the same histories', async () => {
    const histories = async (seed: string) => {
      const t = await setup({ seed, refuseRate: 0.1, lateRate: 0.2 })
      const keys = Array.from({ length: 40 }, () => randomUUID())
      // Fixed keys so two runs plan the same cases.
      for (const [i, key] of keys.entries()) {
        await t.service.openCases(T1, [
          {
            record: {
              key: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
              sessionId: key,
              itemCode: 'X',
              catalogVersion: 1,
              createdAt: MONDAY,
              fields: {},
            },
            item: t.item(i % 4 === 0 ? 0 : 10),
            reference: `SB${i}`,
          },
        ])
      }
      t.set('2027-03-01T00:00:00+08:00')
      await t.service.refresh()
      const rows = await t.service.store.acceptedBetween('2026-01-01', '2026-12-31')
      return (await Promise.all(rows.map((c) => t.service.view(c)))).map((v) => v.history)
    }
    expect(await histories('seed-a')).toEqual(await histories('seed-a'))
    expect(await histories('seed-a')).not.toEqual(await histories('seed-b'))
  })

  it('finishes about CASE_LATE_RATE of the cases after their deadline', async () => {
    const t = await setup({ lateRate: 0.2 })
    for (let i = 0; i < 600; i++) await t.open(t.item(i % 2 === 0 ? 0 : 5))
    t.set('2027-01-31T12:00:00+08:00')
    await t.service.refresh()
    const cases = await t.service.store.acceptedBetween('2026-11-23', '2026-11-23')
    const late = cases.filter((c) => isOverdue(c, '2027-01-31')).length
    expect(late / cases.length).toBeGreaterThan(0.15)
    expect(late / cases.length).toBeLessThan(0.25)
    expect(cases.every((c) => c.status === '办结')).toBe(true)
  })
})

describe('supervision: 预警 and 黄牌', () => {
  it('warns at ≤ 1 working day left and gives a yellow card the day after the deadline', async () => {
    const t = await setup({ lateRate: 1 }) // every case finishes late
    await t.open(t.item(3)) // Monday 11-23, due Thursday 11-26
    const at = async (iso: string, threshold = 1) => {
      t.set(iso)
      await t.service.refresh()
      return warnings(await t.service.store.openCases(), t.service.today(), threshold)
    }
    expect(await at('2026-11-24T10:00:00+08:00')).toEqual([])
    expect((await at('2026-11-24T10:00:00+08:00', 2)).map((w) => w.daysLeft)).toEqual([2])
    expect((await at('2026-11-25T10:00:00+08:00')).map((w) => w.daysLeft)).toEqual([1])
    expect((await at('2026-11-26T10:00:00+08:00')).map((w) => w.daysLeft)).toEqual([0])
    // Overdue now: no longer a warning. 08:30 is before office hours (09:00), so a case planned to finish late on
    // 11-27 is still open whatever its random key drew for the hour.
    expect(await at('2026-11-27T08:30:00+08:00')).toEqual([])
    const cards = yellowCards(await t.service.store.dueBetween('2026-11-01', '2026-11-27'), '2026-11-27')
    expect(cards).toHaveLength(1)
    expect(cards[0]).toMatchObject({ overdueSince: '2026-11-27', month: '2026-11', stillOpen: true })
    expect(countByDepartment(cards, true)).toEqual([
      { department: 'police', departmentName: '公安', month: '2026-11', count: 1 },
    ])
    // Finished late: still a yellow card, no longer open.
    t.set('2026-12-15T10:00:00+08:00')
    await t.service.refresh()
    const after = yellowCards(await t.service.store.dueBetween('2026-11-01', '2026-12-15'), '2026-12-15')
    expect(after[0]).toMatchObject({ stillOpen: false, month: '2026-11' })
  })

  it('a case finished on time is never a yellow card; a refused one neither', async () => {
    const t = await setup({ lateRate: 0 })
    await t.open(t.item(3))
    t.set('2026-12-15T10:00:00+08:00')
    await t.service.refresh()
    expect(yellowCards(await t.service.store.dueBetween('2026-11-01', '2026-12-15'), '2026-12-15')).toEqual(
      [],
    )
    const r = await setup({ refuseRate: 1 })
    await r.open(r.item(3))
    r.set('2026-12-15T10:00:00+08:00')
    await r.service.refresh()
    const [c] = await r.service.store.acceptedBetween('2026-11-23', '2026-11-23')
    expect(c!.status).toBe('不予受理')
    expect(isOverdue(c!, '2026-12-15')).toBe(false)
  })
})

describe('一事一评 and 差评整改', () => {
  it('takes one rating per case: a second is not ratable (as an unknown case), a retry with the same key is replayed', async () => {
    const t = await setup()
    const key = await t.open(t.item(3))
    const ratingKey = randomUUID()
    expect(await t.service.rate({ transactionKey: key, level: 5, key: ratingKey }, 'T-1')).toMatchObject({
      level: 5,
      replayed: false,
      followUp: null,
    })
    expect((await t.service.rate({ transactionKey: key, level: 5, key: ratingKey }, 'T-1')).replayed).toBe(
      true,
    )
    const second = await apiError(() => t.service.rate({ caseNumber: 'sb2026112300001', level: 1 }, 'T-1'))
    const unknown = await apiError(() => t.service.rate({ caseNumber: 'SB404', level: 3 }, 'T-1'))
    expect([second.status, second.code, second.message]).toEqual([
      404,
      'case_not_ratable',
      notRatable().message,
    ])
    expect([unknown.status, unknown.code, unknown.message]).toEqual([
      404,
      'case_not_ratable',
      notRatable().message,
    ])
  })

  it('a rating of 1–2 opens a follow-up due in 15 working days; ops close it after contact, rectification and outcome', async () => {
    const t = await setup()
    const key = await t.open(t.item(3))
    const answer = await t.service.rate({ transactionKey: key, level: 2 }, 'T-1')
    // Monday 2026-11-23 + 15 working days = Monday 2026-12-14.
    expect(answer.followUp).toMatchObject({ dueDay: '2026-12-14', calendarCovered: true })
    const id = answer.followUp!.id
    const early = await apiError(() => t.service.closeFollowUp(id, 'ops'))
    expect(early.message).toMatch(/contactNote, rectification, outcome/)
    await t.service.updateFollowUp(id, { contactNote: '已电话联系群众' }, 'ops')
    await t.service.updateFollowUp(id, { rectification: '窗口增加引导员', outcome: '群众表示满意' }, 'ops')
    const closed = await t.service.closeFollowUp(id, 'ops')
    expect(closed.closedAt).not.toBeNull()
    expect(closed.contactedAt).not.toBeNull()
    expect((await apiError(() => t.service.updateFollowUp(id, { outcome: 'x' }, 'ops'))).code).toBe(
      'already_closed',
    )
  })

  it('orders open follow-ups at-risk first', async () => {
    const t = await setup()
    const a = await t.open(t.item(3))
    await t.service.rate({ transactionKey: a, level: 1 }, 'T-1') // due 12-14
    t.set('2026-12-07T09:00:00+08:00')
    const b = await t.open(t.item(3))
    await t.service.rate({ transactionKey: b, level: 2 }, 'T-1') // due 12-28
    const queue = followUpQueue(
      await t.service.store.followUps('open'),
      await casesByKey(t.service),
      '2026-12-10',
      3,
    )
    expect(queue.map((q) => [q.followUp.transactionKey, q.daysLeft, q.atRisk])).toEqual([
      [a, 2, true],
      [b, 12, false],
    ])
    const late = followUpQueue(await t.service.store.followUps('open'), () => undefined, '2026-12-16', 3)
    expect(late[0]).toMatchObject({ overdue: true, daysLeft: -2, atRisk: true })
  })

  it('computes the report’s 好差评 figures: coverage, 好评率, 差评, 整改率', async () => {
    const t = await setup()
    const keys: string[] = []
    for (let i = 0; i < 40; i++) keys.push(await t.open(t.item(5)))
    const levels = [5, 5, 5, 4, 4, 3, 2, 1, 1, 5] // 10 patterns
    for (const [i, k] of keys.slice(0, 30).entries()) {
      await t.service.rate({ transactionKey: k, level: levels[i % 10]! }, 'T-1')
    }
    // 30 ratings: 9 bad (levels 1–2), 21 good (3–5). Close 6 of the 9 follow-ups.
    const open = await t.service.store.followUps('open')
    expect(open).toHaveLength(9)
    for (const f of open.slice(0, 6)) {
      await t.service.updateFollowUp(f.id, { contactNote: 'a', rectification: 'b', outcome: 'c' }, 'ops')
      await t.service.closeFollowUp(f.id, 'ops')
    }
    const figures = ratingFigures(
      await t.service.store.acceptedBetween('2026-11-01', '2026-11-30'),
      await t.service.store.followUps('all'),
    )
    expect(figures).toEqual({
      cases: 40,
      ratings: 30,
      coverage: 0.75,
      good: 21,
      goodRate: 0.7,
      bad: 9,
      rectified: 6,
      rectificationRate: 6 / 9,
      byLevel: [6, 3, 3, 6, 12],
    })
    const csv = ratingFiguresCsv('2026-11-01', '2026-11-30', figures)
    expect(csv.startsWith('\uFEFF指标,数值\r\n')).toBe(true)
    expect(csv).toContain('评价覆盖度,75.00%\r\n')
    expect(csv).toContain('好评率,70.00%\r\n')
    expect(csv).toContain('差评整改率,66.67%\r\n')
  })

  it('finds a resident’s cases by ID number without storing the number', async () => {
    const t = await setup()
    await t.open(t.item(3), { idNumber: '44160019900101123X', name: '张三' })
    await t.open(t.item(3))
    expect((await t.service.lookupSubject('44160019900101123x', 'T-1')).cases).toHaveLength(1)
    expect((await t.service.lookupSubject('440000199001011234', 'T-1')).cases).toEqual([])
    const dump = JSON.stringify(t.db.prepare('SELECT * FROM cases').all())
    expect(dump).not.toContain('44160019900101123')
    expect(dump).not.toContain('张三')
  })
})

describe('who may rate a case (the terminal that took it, or a grant from a lookup by ID)', () => {
  const ID = '44160019900101123X'
  /** The one answer a terminal gets for any case it may not rate, as [status, code, message]. */
  const refusal = async (fn: () => unknown) => {
    const e = await apiError(fn)
    return [e.status, e.code, e.message]
  }
  const NOT_RATABLE = [404, 'case_not_ratable', notRatable().message]

  it('lets the terminal that took the case rate it, by key or by number, with no grant', async () => {
    const t = await setup()
    await t.open(t.item(3), { idNumber: ID })
    expect((await t.service.lookupNumber('SB2026112300001', 'T-1')).ratable).toEqual([
      { transactionKey: expect.any(String) },
    ])
    expect((await t.service.rate({ caseNumber: 'SB2026112300001', level: 4 }, 'T-1')).level).toBe(4)
  })

  it('grants nothing to another terminal looking up by number; its rating answers as an unknown or rated case does', async () => {
    const t = await setup()
    const key = await t.open(t.item(3), { idNumber: ID })
    const rated = await t.open(t.item(3))
    await t.service.rate({ transactionKey: rated, level: 5 }, 'T-1')
    expect(await t.service.lookupNumber('SB2026112300001', 'T-2')).toMatchObject({ ratable: [] })
    const foreign = await refusal(() => t.service.rate({ transactionKey: key, level: 1 }, 'T-2'))
    const unknown = await refusal(() => t.service.rate({ transactionKey: randomUUID(), level: 1 }, 'T-2'))
    const already = await refusal(() => t.service.rate({ transactionKey: rated, level: 1 }, 'T-1'))
    const forged = await refusal(() =>
      t.service.rate(
        { transactionKey: key, level: 1, grant: `${Date.now() + 60_000}.${'A'.repeat(43)}` },
        'T-2',
      ),
    )
    expect([foreign, unknown, already, forged]).toEqual([NOT_RATABLE, NOT_RATABLE, NOT_RATABLE, NOT_RATABLE])
    expect((await t.service.store.byKey(key))!.rating).toBeNull()
  })

  it('gives a lookup by ID a grant per unrated case, bound to the case and the terminal, that rates once', async () => {
    const t = await setup()
    const key = await t.open(t.item(3), { idNumber: ID })
    const other = await t.open(t.item(3), { idNumber: ID })
    const found = await t.service.lookupSubject(ID, 'T-2')
    const pass = found.ratable.find((p) => p.transactionKey === key)!
    expect(pass.grant).toEqual({
      token: expect.stringMatching(/^\d+\.[\w-]{43}$/),
      expiresAt: new Date(Date.parse(MONDAY) + RATING_GRANT_TTL_MS).toISOString(),
    })
    const grant = pass.grant!.token
    // Bound: not for another case, not from another terminal.
    expect(await refusal(() => t.service.rate({ transactionKey: other, level: 3, grant }, 'T-2'))).toEqual(
      NOT_RATABLE,
    )
    expect(await refusal(() => t.service.rate({ transactionKey: key, level: 3, grant }, 'T-3'))).toEqual(
      NOT_RATABLE,
    )
    const ratingKey = randomUUID()
    expect(
      (await t.service.rate({ transactionKey: key, level: 3, grant, key: ratingKey }, 'T-2')).replayed,
    ).toBe(false)
    expect(
      (await t.service.rate({ transactionKey: key, level: 3, grant, key: ratingKey }, 'T-2')).replayed,
    ).toBe(true)
    expect(await refusal(() => t.service.rate({ transactionKey: key, level: 1, grant }, 'T-2'))).toEqual(
      NOT_RATABLE,
    )
    // A rated case gets no grant any more.
    expect((await t.service.lookupSubject(ID, 'T-2')).ratable.map((p) => p.transactionKey)).toEqual([other])
  })

  it(`expires a grant after ${RATING_GRANT_TTL_MS / 60_000} minutes with its own answer; a retry of a stored rating still replays`, async () => {
    const t = await setup()
    const key = await t.open(t.item(3), { idNumber: ID })
    const other = await t.open(t.item(3), { idNumber: ID })
    const passes = (await t.service.lookupSubject(ID, 'T-2')).ratable
    const grantOf = (k: string) => passes.find((p) => p.transactionKey === k)!.grant!.token
    const ratingKey = randomUUID()
    await t.service.rate({ transactionKey: key, level: 2, grant: grantOf(key), key: ratingKey }, 'T-2')
    t.set(new Date(Date.parse(MONDAY) + RATING_GRANT_TTL_MS - 1).toISOString())
    expect(
      (await t.service.ratable({ transactionKey: other, level: 3, grant: grantOf(other) }, 'T-2'))
        .transactionKey,
    ).toBe(other)
    t.set(new Date(Date.parse(MONDAY) + RATING_GRANT_TTL_MS).toISOString())
    expect(
      await refusal(() => t.service.rate({ transactionKey: other, level: 3, grant: grantOf(other) }, 'T-2')),
    ).toEqual([
      403,
      'grant_expired',
      'grant: the rating grant has expired; look the case up by ID number again to rate it',
    ])
    expect(
      (await t.service.rate({ transactionKey: key, level: 2, grant: grantOf(key), key: ratingKey }, 'T-2'))
        .replayed,
    ).toBe(true)
    // The terminal that took the case needs no grant, however late.
    expect((await t.service.rate({ transactionKey: other, level: 3 }, 'T-1')).replayed).toBe(false)
  })
})

describe('supervision CSV', () => {
  it('writes 预警, 黄牌 and follow-ups with BOM, CRLF and formula cells neutralised', async () => {
    const t = await setup({ lateRate: 1 })
    const evil: ServiceItem = { ...t.item(1), name: { zh: '=HYPERLINK("http://x")', en: 'x' } }
    const key = await t.open(evil)
    await t.service.rate({ transactionKey: key, level: 1 }, 'T-1')
    t.set('2026-11-24T10:00:00+08:00')
    await t.service.refresh()
    const w = warnings(await t.service.store.openCases(), t.service.today(), 1)
    const csv = warningsCsv(w, countByDepartment(w))
    expect(csv.startsWith('\uFEFF办件编号,')).toBe(true)
    expect(csv).toContain(
      `SB2026112300001,公安,"'=HYPERLINK(""http://x"")",2026-11-23 09:00,1个工作日,2026-11-24,0,`,
    )
    expect(csv.endsWith('\r\n')).toBe(true)
    t.set('2026-11-26T10:00:00+08:00')
    await t.service.refresh()
    const cards = yellowCards(await t.service.store.dueBetween('2026-11-01', '2026-11-26'), '2026-11-26')
    expect(yellowCardsCsv(cards, countByDepartment(cards, true))).toContain('2026-11,公安,1\r\n')
    const fu = followUpQueue(
      await t.service.store.followUps('all'),
      await casesByKey(t.service),
      '2026-11-26',
      3,
    )
    expect(followUpsCsv(fu)).toContain(
      `SB2026112300001,公安,"'=HYPERLINK(""http://x"")",1,2026-11-23,2026-12-14,12,待联系`,
    )
  })
})
