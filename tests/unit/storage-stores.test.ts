/**
 * One storage suite, run against every store (SQLite in memory, PostgreSQL in a fresh database): settings,
 * catalog versions and candidates, terminals and keys, transactions (idempotent insert, races, references),
 * counters and rollups, cases with ratings and follow-ups, reports, staff with sessions and audit, and the
 * retention purge. A store passes only when it answers exactly as the other does.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import type { NewCase } from '../../mock-backend/src/db/caseRows'
import { connectPostgres } from '../../mock-backend/src/db/postgres/connect'
import { PostgresStorage } from '../../mock-backend/src/db/postgres/postgresStorage'
import type { NewTransaction } from '../../mock-backend/src/db/rows'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import type { TransactionMark } from '../../mock-backend/src/db/storage'
import type { Catalog } from '../../services-catalog/src/schema'
import { holdOpen } from '../fixtures/node/backend/postgres'
import { STORES, useStore } from '../fixtures/node/backend/postgresStores'
import { insertTownHall } from '../fixtures/node/backend/storeRows'
import { SUITE_DAY, SUITE_NOW, suiteCase, suiteRecord } from '../fixtures/node/backend/suiteRows'

const NOW = SUITE_NOW
const DAY = SUITE_DAY

/** A catalog of `n` items, as far as storage looks at it (the items' codes; the rest is kept as given). */
const catalogOf = (codes: string[]) => ({ items: codes.map((code) => ({ code })) }) as unknown as Catalog

/** 紫金县, a second district of the seeded tree (河源市). */
const ZIJIN = '441621'

const record = suiteRecord
const newCase = suiteCase

const noCases = () => [] as NewCase[]

/** The columns of a transaction row as `record` names them (for a raw insert by a second PostgreSQL node). */
const TRANSACTION_FIELDS = Object.keys(record('k')) as (keyof NewTransaction)[]

describe.each(STORES)('%s store', (kind) => {
  const under = useStore(kind)

  it('keeps settings: put, overwrite, delete', async () => {
    const { store } = under
    expect(await store.getSetting('a')).toBeUndefined()
    await store.putSetting('a', '1')
    await store.putSetting('a', '2')
    expect(await store.getSetting('a')).toBe('2')
    await store.deleteSetting('a')
    expect(await store.getSetting('a')).toBeUndefined()
    expect(await store.ping()).toBe(true)
  })

  it('numbers catalog versions and keeps only the newest 20 candidates', async () => {
    const { store } = under
    expect(await store.latestCatalogVersion()).toBe(0)
    const generation = store.catalogGeneration
    expect(await store.publishCatalog(catalogOf(['A']), [], 'admin', 'first', NOW)).toBe(1)
    expect(
      await store.publishCatalog(catalogOf(['A', 'B']), [], 'admin', '', '2026-03-03T01:00:00.000Z'),
    ).toBe(2)
    expect(store.catalogGeneration).toBe(generation + 2)
    expect(await store.listCatalogVersions()).toEqual([
      { version: 2, publishedAt: '2026-03-03T01:00:00.000Z', publishedBy: 'admin', note: '', itemCount: 2 },
      { version: 1, publishedAt: NOW, publishedBy: 'admin', note: 'first', itemCount: 1 },
    ])
    expect(await store.getCatalogVersion(1)).toMatchObject({
      version: 1,
      catalog: catalogOf(['A']),
      search: [],
    })
    expect(await store.getCatalogVersion(3)).toBeUndefined()
    expect(await store.counters.itemFirstDays()).toEqual(
      new Map([
        ['A', DAY],
        ['B', '2026-03-03'],
      ]),
    )

    for (let i = 0; i < 21; i++)
      await store.putCandidate(
        {
          id: `c${i}`,
          createdBy: 'admin',
          ok: i % 2 === 0,
          report: { i },
          catalog: i === 20 ? catalogOf(['X']) : null,
        },
        `2026-03-02T01:00:${String(i).padStart(2, '0')}.000Z`,
      )
    expect(await store.getCandidate('c0')).toBeUndefined()
    expect(await store.getCandidate('c1')).toEqual({
      id: 'c1',
      createdBy: 'admin',
      ok: false,
      report: { i: 1 },
      catalog: null,
    })
    expect(await store.getCandidate('c20')).toEqual({
      id: 'c20',
      createdBy: 'admin',
      ok: true,
      report: { i: 20 },
      catalog: catalogOf(['X']),
    })
  })

  it('keeps the organisation tree: adds only missing divisions, keeps a stored name, lists by code, finds one', async () => {
    const { store } = under
    expect(await store.listDivisions()).toEqual([])
    const heyuan = { code: '441600', nameZh: '河源市', nameEn: 'Heyuan' }
    const yuancheng = { code: DEMO_DISTRICT_CODE, nameZh: '源城区', nameEn: 'Yuancheng District' }
    expect(await store.addDivisions([yuancheng, heyuan])).toBe(2)
    expect(
      await store.addDivisions([
        { ...heyuan, nameZh: '改名' },
        { code: '440000', nameZh: '广东省', nameEn: 'Guangdong' },
      ]),
    ).toBe(1)
    expect(await store.addDivisions([])).toBe(0)
    expect(await store.listDivisions()).toEqual([
      { code: '440000', nameZh: '广东省', nameEn: 'Guangdong' },
      heyuan,
      yuancheng,
    ])
    expect(await store.division('441600')).toEqual(heyuan)
    expect(await store.division('441699')).toBeUndefined()
  })

  it('enrols a terminal once with an unexpired code, then revokes, rotates, wipes and edits it', async () => {
    const { store } = under
    const nowMs = Date.parse(NOW)
    await store.insertTerminal({
      id: 'T-1',
      name: 'Town hall',
      location: 'Hall',
      groups: ['town'],
      districtCode: DEMO_DISTRICT_CODE,
      tokenHash: null,
      codeHash: 'code-1',
      codeExpiresAt: nowMs + 60_000,
      now: NOW,
    })
    await store.insertTerminal({
      id: 'T-2',
      name: 'Village',
      location: 'Square',
      groups: [],
      districtCode: DEMO_DISTRICT_CODE,
      tokenHash: null,
      codeHash: 'code-2',
      codeExpiresAt: nowMs - 1,
      now: NOW,
    })
    expect(await store.enrolWithCode('code-2', 'key-2', nowMs)).toBeUndefined()
    expect(await store.enrolWithCode('code-1', 'key-1', nowMs)).toEqual({ id: 'T-1', name: 'Town hall' })
    expect(await store.enrolWithCode('code-1', 'key-again', nowMs)).toBeUndefined()
    expect(await store.terminalByTokenHash('key-1')).toMatchObject({
      id: 'T-1',
      enrolled: true,
      revokedAt: null,
    })
    expect(await store.counters.enrolmentDay('T-1')).toBe(DAY)
    expect(await store.counters.enrolmentDay('T-2')).toBeUndefined()

    await store.rotateTerminalKey('T-1', 'code-3', nowMs + 5000)
    await store.rotateTerminalKey('T-1', 'code-4', nowMs + 9000)
    expect((await store.getTerminal('T-1'))?.tokenExpiresAt).toBe(nowMs + 5000)
    await store.revokeTerminal('T-1', NOW)
    expect(await store.enrolWithCode('code-4', 'key-4', nowMs)).toBeUndefined()
    await store.setTerminalToken('T-1', 'key-5', NOW)
    expect(await store.getTerminal('T-1')).toMatchObject({
      revokedAt: null,
      tokenExpiresAt: null,
      enrolled: true,
    })

    await store.orderWipe('T-1', NOW)
    expect((await store.getTerminal('T-1'))?.wipeRequestedAt).toBe(NOW)
    await store.recordWipe('T-1', '2026-03-02T02:00:00.000Z')
    expect(await store.getTerminal('T-1')).toMatchObject({
      wipeRequestedAt: null,
      wipedAt: '2026-03-02T02:00:00.000Z',
    })

    const pin = { salt: 's', iterations: 1000, hash: 'h' }
    await store.editTerminal('T-1', {
      name: 'Town hall 2',
      location: 'Lobby',
      groups: ['a', 'b'],
      districtCode: '441621',
      idleSeconds: 90,
      pin,
    })
    await store.recordHeartbeat('T-1', NOW, { battery: 80 })
    expect(await store.setIdleSeconds(['T-2', 'T-9', 'T-1'], 120)).toEqual(['T-2', 'T-1'])
    expect(await store.getTerminal('T-1')).toMatchObject({
      name: 'Town hall 2',
      location: 'Lobby',
      groups: ['a', 'b'],
      districtCode: '441621',
      idleSeconds: 120,
      pin,
      lastSeenAt: NOW,
      heartbeat: { battery: 80 },
    })
    expect((await store.listTerminals()).map((t) => [t.id, t.districtCode])).toEqual([
      ['T-1', '441621'],
      ['T-2', DEMO_DISTRICT_CODE],
    ])
    expect(await store.reports.terminalNames()).toEqual([
      { id: 'T-1', name: 'Town hall 2' },
      { id: 'T-2', name: 'Village' },
    ])
  })

  it('stores a batch once: a replay and a key twice in one batch answer the stored row', async () => {
    const { store } = under
    const first = await store.ingest({ rows: [record('k-00001'), record('k-00002')], casesFor: noCases })
    expect(first).toEqual({ raced: [null, null], referenceTaken: [], casesOpened: 0 })
    const again = await store.ingest({
      rows: [record('k-00001', { payloadHash: 'other' }), record('k-00003'), record('k-00003')],
      casesFor: noCases,
    })
    expect(again.raced).toEqual([
      { key: 'k-00001', payloadHash: 'hash-k-00001', resultJson: JSON.stringify({ key: 'k-00001' }) },
      null,
      { key: 'k-00003', payloadHash: 'hash-k-00003', resultJson: JSON.stringify({ key: 'k-00003' }) },
    ])
    expect(await store.countTransactions()).toBe(3)
    expect(await store.getTransactionsByKey(['k-00002', 'nope'])).toEqual(
      new Map([
        ['k-00002', { key: 'k-00002', payloadHash: 'hash-k-00002', resultJson: '{"key":"k-00002"}' }],
      ]),
    )
    expect((await store.referencesOfDay(DAY)).sort()).toEqual([
      'SB2026030200001',
      'SB2026030200002',
      'SB2026030200003',
    ])
    expect(await store.transactionsByReference('SB2026030200002')).toEqual([
      { key: 'k-00002', resultJson: '{"key":"k-00002"}' },
    ])
  })

  it('keeps 为谁办理 with each record and counts 代办 per item over a day range, in the districts given', async () => {
    const { store } = under
    await store.ingest({
      rows: [
        record('a-00001'),
        record('a-00002', { servedFor: '家人', relationship: '配偶' }),
        record('a-00003', { servedFor: '他人', relationship: '其他' }),
        record('a-00004', { itemCode: 'ITEM-B', servedFor: '家人', relationship: '子女' }),
        record('a-00005', {
          itemCode: 'ITEM-B',
          districtCode: ZIJIN,
          servedFor: '他人',
          relationship: '父母',
        }),
        record('a-00006', { day: '2026-03-03', createdAt: '2026-03-03T00:30:00.000Z', servedFor: '家人' }),
      ],
      casesFor: noCases,
    })
    expect(await store.agencyFigures(DAY, DAY)).toEqual([
      { itemCode: 'ITEM-A', records: 3, family: 1, others: 1 },
      { itemCode: 'ITEM-B', records: 2, family: 1, others: 1 },
    ])
    expect(await store.agencyFigures(DAY, '2026-03-03', [DEMO_DISTRICT_CODE])).toEqual([
      { itemCode: 'ITEM-A', records: 4, family: 2, others: 1 },
      { itemCode: 'ITEM-B', records: 1, family: 1, others: 0 },
    ])
    expect(await store.agencyFigures('2026-03-04', '2026-03-05')).toEqual([])
  })

  it('requests racing with the same keys in opposite orders store each record exactly once', async () => {
    const { store } = under
    for (let round = 0; round < 5; round++) {
      const rows = Array.from({ length: 200 }, (_, i) => {
        const serial = String(round * 1000 + i).padStart(5, '0')
        return record(`race-${serial}`, { reference: `SB20260302${serial}` })
      })
      const [a, b] = await Promise.all([
        store.ingest({ rows, casesFor: noCases }),
        store.ingest({ rows: [...rows].reverse(), casesFor: noCases }),
      ])
      const storedBy = rows.map((_, i) => [a.raced[i] === null, b.raced[rows.length - 1 - i] === null])
      expect(storedBy.every(([x, y]) => x !== y)).toBe(true)
    }
    expect(await store.countTransactions()).toBe(1000)
  })

  it('opens the cases of the records a batch stored, and none for raced ones', async () => {
    const { store } = under
    await store.ingest({ rows: [record('k-00001')], casesFor: noCases })
    const seen: boolean[][] = []
    const done = await store.ingest({
      rows: [record('k-00001'), record('k-00002')],
      casesFor: (storedNow) => {
        seen.push([...storedNow])
        return storedNow.flatMap((stored, i) => (stored ? [newCase(['k-00001', 'k-00002'][i]!)] : []))
      },
    })
    expect(done.casesOpened).toBe(1)
    expect(seen[0]).toEqual([false, true])
    expect((await store.cases.byKey('k-00002'))?.status).toBe('已受理')
    expect(await store.cases.byKey('k-00001')).toBeUndefined()
    expect(await store.cases.events('k-00002')).toEqual([{ status: '已受理', at: NOW }])
  })

  it('keeps the records when opening their cases fails, and says why', async () => {
    const { store } = under
    const done = await store.ingest({
      rows: [record('k-00001')],
      // A plan the store cannot write (JSON has no BigInt): the failure comes from inside the cases' savepoint.
      casesFor: () => [newCase('k-00001', { plan: [{ status: '办结', at: 1n as unknown as string }] })],
    })
    expect(done.raced).toEqual([null])
    expect(done.casesOpened).toBe(0)
    expect(done.caseError).toBeInstanceOf(TypeError)
    expect(await store.countTransactions()).toBe(1)
    expect(await store.cases.byKey('k-00001')).toBeUndefined()
  })

  it('max-merges counters, keeps the rollups a report reads, and tells which days changed', async () => {
    const { store } = under
    await insertTownHall(store, NOW)
    await store.insertTerminal({
      id: 'T-2',
      name: 'Village',
      location: 'Square',
      groups: [],
      districtCode: '441621',
      tokenHash: 'key-2',
      codeHash: null,
      codeExpiresAt: null,
      now: NOW,
    })
    const c = (itemCode: string, metric: string, value: number, day = DAY) => ({
      day,
      itemCode,
      metric,
      value,
    })
    expect(
      await store.mergeCounters('T-1', [
        c('', 'sessions', 5),
        c('ITEM-A', 'views', 3),
        c('ITEM-A', 'views', 7),
      ]),
    ).toBe(3)
    await store.mergeCounters('T-1', [c('', 'sessions', 2), c('ITEM-A', 'starts', 1)])
    await store.mergeCounters('T-2', [c('', 'sessions', 4)])
    const mark = await store.reports.transactionMark()
    await store.ingest({
      rows: [record('k-00001'), record('k-00002', { sessionId: 'S-2', day: '2026-03-03' })],
      casesFor: noCases,
    })
    expect(await store.reports.transactionDaysAfter(mark)).toEqual([DAY, '2026-03-03'])
    const later = await store.reports.transactionMark()
    expect(await store.reports.transactionDaysAfter(later)).toEqual([])
    // A mark the store never handed out (or rows gone since): it cannot tell, so nothing derived is trusted.
    expect(await store.reports.transactionDaysAfter((later + 1000) as TransactionMark)).toBeNull()

    const inputs = await store.reports.countsInputs({ from: DAY, to: '2026-03-03', by: 'day', span: 'day' })
    expect(inputs.counterRows).toEqual([
      expect.objectContaining({ day: DAY, terminalId: '', itemCode: '', sessions: 9, views: 7, starts: 1 }),
    ])
    const blank = { terminalId: '', districtCode: '', itemCode: '', department: '' }
    expect(inputs.factGroups).toEqual([
      { day: DAY, ...blank, transactions: 1, sessions: 0 },
      { day: '2026-03-03', ...blank, transactions: 1, sessions: 0 },
    ])
    // Per district: each terminal's rows stand where it stood when they were written.
    const range = `${DAY}/2026-03-03`
    const byDistrict = await store.reports.countsInputs({
      from: DAY,
      to: '2026-03-03',
      by: 'district',
      span: 'range',
    })
    expect(byDistrict.counterRows.map((r) => [r.districtCode, r.sessions, r.views, r.starts])).toEqual(
      expect.arrayContaining([
        [DEMO_DISTRICT_CODE, 5, 7, 1],
        ['441621', 4, 0, 0],
      ]),
    )
    expect(byDistrict.counterRows).toHaveLength(2)
    expect(byDistrict.factGroups).toEqual([
      { day: range, ...blank, districtCode: DEMO_DISTRICT_CODE, transactions: 2, sessions: 0 },
    ])
    const byDepartment = await store.reports.countsInputs({
      from: DAY,
      to: '2026-03-03',
      by: 'department',
      span: 'range',
      department: 'DEPT-1',
    })
    expect(byDepartment.departmentSessions).toBe(2)
    expect(byDepartment.factGroups).toEqual([
      { day: range, ...blank, department: 'DEPT-1', transactions: 2, sessions: 2 },
    ])
    expect(await store.reports.sessionsPerKey('item', DAY, '2026-03-03')).toEqual(
      expect.arrayContaining([
        [DAY, 'ITEM-A', 'S-1'],
        ['2026-03-03', 'ITEM-A', 'S-2'],
      ]),
    )
    const prints = await store.reports.counterPrints(DAY, DAY)
    await store.mergeCounters('T-2', [c('', 'sessions', 6)])
    expect((await store.reports.counterPrints(DAY, DAY)).get(DAY)).not.toBe(prints.get(DAY))

    // T-2 moves to the demo district: its stored day stays in Zijin, its next day counts where it stands now.
    await store.editTerminal('T-2', {
      name: 'Village',
      location: 'Square',
      groups: [],
      districtCode: DEMO_DISTRICT_CODE,
    })
    await store.mergeCounters('T-2', [c('', 'sessions', 8), c('', 'sessions', 3, '2026-03-03')])
    const moved = await store.reports.countsInputs({
      from: DAY,
      to: '2026-03-03',
      by: 'district',
      span: 'day',
    })
    expect(moved.counterRows.map((r) => [r.day, r.districtCode, r.sessions])).toEqual(
      expect.arrayContaining([
        [DAY, DEMO_DISTRICT_CODE, 5],
        [DAY, '441621', 8],
        ['2026-03-03', DEMO_DISTRICT_CODE, 3],
      ]),
    )
    expect(moved.counterRows).toHaveLength(3)
  })

  it('quarantines out-of-bound counters, and a reset stores floors and clears the day', async () => {
    const { store } = under
    await insertTownHall(store, NOW)
    const c = (itemCode: string, metric: string, value: number) => ({ day: DAY, itemCode, metric, value })
    await store.counters.apply('T-1', [c('ITEM-A', 'views', 4)], [c('ITEM-A', 'starts', 999)], NOW)
    await store.counters.apply(
      'T-1',
      [],
      [c('ITEM-A', 'starts', 500), c('ITEM-A', 'starts', 700)],
      '2026-03-02T02:00:00.000Z',
    )
    expect(await store.counters.quarantined(10)).toEqual([
      {
        terminalId: 'T-1',
        terminalName: 'Town hall',
        day: DAY,
        itemCode: 'ITEM-A',
        metric: 'starts',
        value: 999,
        times: 3,
        firstAt: NOW,
        lastAt: '2026-03-02T02:00:00.000Z',
      },
    ])
    expect(await store.counters.resetDay('T-1', DAY, 'admin', NOW)).toEqual({
      reset: 1,
      floors: 2,
      cleared: 1,
    })
    expect(await store.counters.floors('T-1', [DAY, '2026-03-03'])).toEqual(
      new Map([
        [`${DAY}|ITEM-A|starts`, 999],
        [`${DAY}|ITEM-A|views`, 4],
      ]),
    )
    expect(await store.counters.quarantined(10)).toEqual([])
    expect(await store.reports.counterPrints(DAY, DAY)).toEqual(new Map())
  })

  it('a moved terminal: its quarantine and reset of a day stay in the district the day began in', async () => {
    const { store } = under
    await insertTownHall(store, NOW)
    const c = (metric: string, value: number, day = DAY) => ({ day, itemCode: 'ITEM-A', metric, value })
    await store.counters.apply('T-1', [c('views', 4)], [], NOW)
    await store.editTerminal('T-1', { name: 'Town hall', location: 'Hall', groups: [], districtCode: ZIJIN })
    // The day it began in the demo district; a new day in 紫金县, where it stands now.
    await store.counters.apply(
      'T-1',
      [c('views', 6)],
      [c('starts', 999), c('starts', 998, '2026-03-03')],
      NOW,
    )
    const byDistrict = await store.reports.countsInputs({
      from: DAY,
      to: '2026-03-03',
      by: 'district',
      span: 'day',
    })
    expect(byDistrict.counterRows.map((r) => [r.day, r.districtCode, r.views])).toEqual([
      [DAY, DEMO_DISTRICT_CODE, 6],
    ])
    const days = async (districts?: readonly string[]) =>
      (await store.counters.quarantined(10, districts)).map((q) => q.day).sort()
    expect(await days()).toEqual([DAY, '2026-03-03'])
    expect(await days([DEMO_DISTRICT_CODE])).toEqual([DAY])
    expect(await days([ZIJIN])).toEqual(['2026-03-03'])
    expect(await days([])).toEqual([])
    // The reset of the old day finds its counters and quarantine where they stand, and floors them there.
    expect(await store.counters.resetDay('T-1', DAY, 'admin', NOW)).toEqual({
      reset: 1,
      floors: 2,
      cleared: 1,
    })
    expect(await store.counters.floors('T-1', [DAY])).toEqual(
      new Map([
        [`${DAY}|ITEM-A|starts`, 999],
        [`${DAY}|ITEM-A|views`, 6],
      ]),
    )
    // A later push of the day reads the floors where they stand and merges into the day's district (its floors
    // are there, though the reset deleted its counters).
    await store.counters.judgeAndApply(
      'T-1',
      [DAY],
      (floors) => {
        expect(floors.get(`${DAY}|ITEM-A|views`)).toBe(6)
        return { merge: [c('views', 2)], quarantine: [] }
      },
      NOW,
    )
    const after = await store.reports.countsInputs({ from: DAY, to: DAY, by: 'district', span: 'day' })
    expect(after.counterRows.map((r) => [r.day, r.districtCode, r.views])).toEqual([
      [DAY, DEMO_DISTRICT_CODE, 2],
    ])
  })

  it('claims each reference number once in the province (reference_numbers), in any district', async () => {
    const { store } = under
    await store.ingest({ rows: [record('k-00001', { reference: 'SB2026030200777' })], casesFor: noCases })
    const done = await store.ingest({
      rows: [
        record('k-00002', { reference: 'SB2026030200777', districtCode: ZIJIN }),
        record('k-00001', { reference: 'SB2026030200778' }),
      ],
      casesFor: noCases,
    })
    expect(done.referenceTaken).toEqual([0])
    expect(done.raced).toEqual([
      null,
      { key: 'k-00001', payloadHash: 'hash-k-00001', resultJson: JSON.stringify({ key: 'k-00001' }) },
    ])
    expect(await store.countTransactions()).toBe(1)
    expect(await store.transactionsByReference('SB2026030200777')).toEqual([
      { key: 'k-00001', resultJson: JSON.stringify({ key: 'k-00001' }) },
    ])
    // The replay's fresh reference names nothing: released in the same unit, free for the next record.
    expect(await store.transactionsByReference('SB2026030200778')).toEqual([])
    const later = await store.ingest({
      rows: [record('k-00003', { reference: 'SB2026030200778', districtCode: ZIJIN })],
      casesFor: noCases,
    })
    expect(later).toEqual({ raced: [null], referenceTaken: [], casesOpened: 0 })
    expect(await store.transactionsByReference('SB2026030200778')).toEqual([
      { key: 'k-00003', resultJson: JSON.stringify({ key: 'k-00003' }) },
    ])
  })

  it('advances cases, takes one rating, and a bad one opens a follow-up that closes once', async () => {
    const { store } = under
    expect(await store.cases.insertCase(newCase('k-001'))).toBe(true)
    expect(await store.cases.insertCase(newCase('k-001'))).toBe(false)
    expect(await store.cases.insertCases([newCase('k-002'), newCase('k-003'), newCase('k-002')])).toBe(2)
    expect(await store.cases.advanceDue('2026-03-03T12:00:00.000Z')).toBe(3)
    expect((await store.cases.openCases()).map((c) => c.status)).toEqual(['办理中', '办理中', '办理中'])
    expect(await store.cases.advanceDue('2026-03-05T00:00:00.000Z')).toBe(3)
    expect(await store.cases.byKey('k-001')).toMatchObject({
      status: '办结',
      finishedAt: '2026-03-04T01:00:00.000Z',
    })
    expect(await store.cases.events('k-001')).toEqual([
      { status: '已受理', at: NOW },
      { status: '办理中', at: '2026-03-03T01:00:00.000Z' },
      { status: '办结', at: '2026-03-04T01:00:00.000Z' },
    ])
    expect((await store.cases.byNumber('SB2026030200001')).map((c) => c.transactionKey)).toEqual(['k-001'])
    expect((await store.cases.bySubject('subject-k-002')).map((c) => c.transactionKey)).toEqual(['k-002'])
    expect((await store.cases.acceptedBetween(DAY, DAY)).length).toBe(3)
    expect((await store.cases.dueBetween('2026-03-09', '2026-03-10')).length).toBe(3)
    expect(await store.cases.dueBetween('2026-03-10', '2026-03-11')).toEqual([])

    const bad = await store.cases.rate({
      transactionKey: 'k-001',
      level: 1,
      at: NOW,
      ratingKey: 'r-1',
      followUp: { openDay: DAY, dueDay: '2026-03-04', calendarCovered: true },
    })
    expect(bad).toMatchObject({
      stored: true,
      followUp: { id: 1, level: 1, transactionKey: 'k-001', closedAt: null },
    })
    const again = await store.cases.rate({ transactionKey: 'k-001', level: 5, at: NOW, ratingKey: 'r-2' })
    expect(again).toMatchObject({
      stored: false,
      current: { rating: 1, ratingKey: 'r-1' },
      followUp: { id: 1 },
    })
    expect(await store.cases.rate({ transactionKey: 'k-002', level: 5, at: NOW, ratingKey: null })).toEqual({
      stored: true,
      followUp: undefined,
    })

    const change = {
      id: 1,
      contactedAt: NOW,
      contactNote: 'called',
      rectification: 'fixed',
      outcome: 'satisfied',
      updatedBy: 'ops',
    }
    expect(await store.cases.updateFollowUp(change)).toBe(true)
    expect(await store.cases.followUps('open')).toEqual([
      expect.objectContaining({ id: 1, contactNote: 'called' }),
    ])
    expect(await store.cases.closeFollowUp(1, '2026-03-03T00:00:00.000Z', 'ops')).toBe(true)
    expect(await store.cases.closeFollowUp(1, '2026-03-03T00:00:00.000Z', 'ops')).toBe(false)
    expect(await store.cases.updateFollowUp(change)).toBe(false)
    expect(await store.cases.followUps('open')).toEqual([])
    expect((await store.cases.followUps('all')).map((f) => f.id)).toEqual([1])
    expect(await store.cases.followUp(1)).toMatchObject({ calendarCovered: true, closedBy: 'ops' })
    expect(await store.cases.followUpOfCase('k-002')).toBeUndefined()

    // Retention: a finished case's subject and a closed follow-up's contact note, before the cutoff.
    expect(await store.purgeResidentData('2026-03-04T00:00:00.000Z')).toEqual({
      subjects: 0,
      contactNotes: 1,
    })
    expect(await store.purgeResidentData('2026-03-05T00:00:00.000Z')).toEqual({
      subjects: 3,
      contactNotes: 0,
    })
    expect(await store.cases.bySubject('subject-k-002')).toEqual([])
    expect((await store.cases.followUp(1))?.contactNote).toBeNull()
  })

  it('keeps a 代办 case’s agent beside its subject as keyed hashes, and purges both with the resident data', async () => {
    const { store } = under
    await store.cases.insertCases([newCase('k-301', { agentHash: 'agent-of-k-301' }), newCase('k-302')])
    /** The hashes stored, read from the store's own table. */
    const hashes = async () => {
      const query =
        'SELECT transaction_key AS key, subject_hash AS subject, agent_hash AS agent FROM cases ORDER BY 1'
      if (store instanceof SqliteStorage) return store.db.prepare(query).all()
      const sql = connectPostgres(under.url!, { max: 1 })
      try {
        return [...(await sql.unsafe(query))]
      } finally {
        await sql.end()
      }
    }
    expect(await hashes()).toEqual([
      { key: 'k-301', subject: 'subject-k-301', agent: 'agent-of-k-301' },
      { key: 'k-302', subject: 'subject-k-302', agent: null },
    ])
    await store.cases.advanceDue('2026-03-05T00:00:00.000Z')
    expect((await store.purgeResidentData('2026-03-05T00:00:00.000Z')).subjects).toBe(2)
    expect(await hashes()).toEqual([
      { key: 'k-301', subject: null, agent: null },
      { key: 'k-302', subject: null, agent: null },
    ])
  })

  it('reads only the overdue cases of a due range, and counts ratings by channel and level', async () => {
    const { store } = under
    const finished = (at: string) => [{ status: '办结' as const, at }]
    await store.cases.insertCases([
      // The last instant of its due day (24:00 Asia/Shanghai is 16:00 UTC): on time.
      newCase('k-201', { plan: finished('2026-03-09T15:59:59.999Z') }),
      newCase('k-202', { plan: finished('2026-03-09T16:00:00.000Z') }),
      newCase('k-203', { channel: '网上', terminalId: 'portal-system', plan: [] }),
      newCase('k-204', { dueDay: '2026-03-10', plan: [] }),
    ])
    expect(await store.cases.advanceDue('2026-03-10T00:00:00.000Z')).toBe(2)
    const keys = (rows: { transactionKey: string }[]) => rows.map((c) => c.transactionKey).sort()
    expect(keys(await store.cases.overdueBetween('2026-03-09', '2026-03-10'))).toEqual(['k-202', 'k-203'])
    expect(keys(await store.cases.overdueBetween('2026-03-10', '2026-03-11'))).toEqual(['k-204'])
    expect(keys(await store.cases.dueBetween('2026-03-09', '2026-03-10'))).toEqual([
      'k-201',
      'k-202',
      'k-203',
    ])

    await store.cases.rateAll([
      { transactionKey: 'k-201', level: 5, at: NOW, ratingKey: 'r-201' },
      { transactionKey: 'k-202', level: 5, at: NOW, ratingKey: 'r-202' },
      { transactionKey: 'k-203', level: 4, at: NOW, ratingKey: 'r-203' },
    ])
    const counts = await store.cases.ratingCounts(DAY, DAY)
    expect(counts.sort((a, b) => `${a.channel}${a.rating}`.localeCompare(`${b.channel}${b.rating}`))).toEqual(
      [
        { districtCode: DEMO_DISTRICT_CODE, channel: '网上', rating: 4, cases: 1 },
        { districtCode: DEMO_DISTRICT_CODE, channel: '自助终端', rating: 5, cases: 2 },
        { districtCode: DEMO_DISTRICT_CODE, channel: '自助终端', rating: null, cases: 1 },
      ],
    )
    expect(await store.cases.ratingCounts('2026-03-03', '2026-03-31')).toEqual([])
  })

  it('cases, their events and follow-ups carry their district; supervision reads keep to the districts given', async () => {
    const { store } = under
    const zijin = (key: string, over: Partial<NewCase> = {}) => newCase(key, { districtCode: ZIJIN, ...over })
    const finished = [{ status: '办结' as const, at: '2026-03-09T16:00:00.000Z' }]
    expect(
      await store.cases.insertCases([
        newCase('k-301', { plan: [] }),
        zijin('k-302', { plan: [] }),
        zijin('k-303', { plan: finished }),
        zijin('k-304', { channel: '窗口', terminalId: 'hall-system', plan: [] }),
      ]),
    ).toBe(4)
    // A key names one case in the province: the same key in another district opens nothing.
    expect(await store.cases.insertCases([newCase('k-302', { plan: [] })])).toBe(0)
    expect((await store.cases.byKey('k-302'))?.districtCode).toBe(ZIJIN)
    expect(await store.cases.advanceDue('2026-03-10T00:00:00.000Z')).toBe(1)
    expect(await store.cases.events('k-303')).toEqual([
      { status: '已受理', at: NOW },
      { status: '办结', at: '2026-03-09T16:00:00.000Z' },
    ])
    const reported = { transactionKey: 'k-304', status: '办理中' as const, at: '2026-03-02T02:00:00.000Z' }
    expect(await store.cases.reportEvents([reported])).toEqual({ ok: true, outcomes: ['stored'] })

    const keys = (rows: { transactionKey: string }[]) => rows.map((c) => c.transactionKey).sort()
    expect(keys(await store.cases.openCases())).toEqual(['k-301', 'k-302', 'k-304'])
    expect(keys(await store.cases.openCases([ZIJIN]))).toEqual(['k-302', 'k-304'])
    expect(keys(await store.cases.openCases([DEMO_DISTRICT_CODE, ZIJIN]))).toEqual([
      'k-301',
      'k-302',
      'k-304',
    ])
    expect(await store.cases.openCases([])).toEqual([])
    expect(keys(await store.cases.overdueBetween('2026-03-09', '2026-03-10', [ZIJIN]))).toEqual([
      'k-302',
      'k-303',
      'k-304',
    ])
    expect(keys(await store.cases.overdueBetween('2026-03-09', '2026-03-10', [DEMO_DISTRICT_CODE]))).toEqual([
      'k-301',
    ])
    expect(keys(await store.cases.dueBetween('2026-03-09', '2026-03-10', [DEMO_DISTRICT_CODE]))).toEqual([
      'k-301',
    ])
    expect(keys(await store.cases.acceptedBetween(DAY, DAY, [ZIJIN]))).toEqual(['k-302', 'k-303', 'k-304'])

    // A bad rating's follow-up stands in its case's district.
    await store.cases.rateAll([
      { transactionKey: 'k-301', level: 5, at: NOW, ratingKey: 'r-301' },
      {
        transactionKey: 'k-303',
        level: 1,
        at: NOW,
        ratingKey: 'r-303',
        followUp: { openDay: DAY, dueDay: '2026-03-20', calendarCovered: true },
      },
    ])
    const byCode = (rows: { districtCode: string; channel: string; rating: number | null }[]) =>
      rows.map((r) => `${r.districtCode} ${r.channel} ${r.rating}`).sort()
    expect(byCode(await store.cases.ratingCounts(DAY, DAY, [ZIJIN]))).toEqual([
      '441621 窗口 null',
      '441621 自助终端 1',
      '441621 自助终端 null',
    ])
    expect(byCode(await store.cases.ratingCounts(DAY, DAY))).toEqual([
      '441602 自助终端 5',
      '441621 窗口 null',
      '441621 自助终端 1',
      '441621 自助终端 null',
    ])
    const [followUp] = await store.cases.followUps('open', [ZIJIN])
    expect(followUp?.transactionKey).toBe('k-303')
    expect(await store.cases.followUps('open', [DEMO_DISTRICT_CODE])).toEqual([])
    expect(await store.cases.followUps('all', [DEMO_DISTRICT_CODE])).toEqual([])
    expect(await store.cases.followUp(followUp!.id, [DEMO_DISTRICT_CODE])).toBeUndefined()
    expect(await store.cases.followUp(followUp!.id, [ZIJIN])).toEqual(followUp)
    // Another district's follow-up is not there for a change: `decide` is never asked.
    const close = { kind: 'close', at: NOW, by: 'ops' } as const
    let asked = 0
    const decide = () => {
      asked++
      return close
    }
    expect(await store.cases.changeFollowUp(followUp!.id, decide, [DEMO_DISTRICT_CODE])).toBeUndefined()
    expect(asked).toBe(0)
    expect((await store.cases.changeFollowUp(followUp!.id, decide, [ZIJIN]))?.closedBy).toBe('ops')
    expect(asked).toBe(1)
  })

  it('keeps a case channel, finds cases by keys, and stores reported events all or none', async () => {
    const { store } = under
    const portal = newCase('k-101', { channel: '网上', terminalId: 'portal-system', plan: [] })
    expect(await store.cases.insertCases([newCase('k-100'), portal])).toBe(2)
    expect(
      (await store.cases.byKeys(['k-101', 'k-100', 'k-nope']))
        .map((c) => [c.transactionKey, c.channel])
        .sort(),
    ).toEqual([
      ['k-100', '自助终端'],
      ['k-101', '网上'],
    ])
    expect(await store.cases.byKeys([])).toEqual([])
    const processing = { transactionKey: 'k-101', status: '办理中' as const, at: '2026-03-02T02:00:00.000Z' }
    const finished = { transactionKey: 'k-101', status: '办结' as const, at: '2026-03-03T02:00:00.000Z' }
    // A refused event (a terminal's planned case) rolls back the events before it in the same call.
    expect(await store.cases.reportEvents([processing, { ...finished, transactionKey: 'k-100' }])).toEqual({
      ok: false,
      index: 1,
      refusal: 'planned',
    })
    expect(await store.cases.events('k-101')).toEqual([{ status: '已受理', at: NOW }])
    expect(await store.cases.reportEvents([{ ...processing, at: '2026-03-01T00:00:00.000Z' }])).toEqual({
      ok: false,
      index: 0,
      refusal: 'before_acceptance',
    })
    expect(await store.cases.reportEvents([{ ...processing, transactionKey: 'k-nope' }])).toEqual({
      ok: false,
      index: 0,
      refusal: 'unknown',
    })
    expect(await store.cases.reportEvents([processing, finished])).toEqual({
      ok: true,
      outcomes: ['stored', 'stored'],
    })
    // A retry replays; a new status on a finished case is refused.
    expect(await store.cases.reportEvents([processing, finished])).toEqual({
      ok: true,
      outcomes: ['replayed', 'replayed'],
    })
    expect(
      await store.cases.reportEvents([{ ...finished, status: '不予受理', at: '2026-03-04T02:00:00.000Z' }]),
    ).toEqual({ ok: false, index: 0, refusal: 'closed' })
    expect(await store.cases.byKey('k-101')).toMatchObject({
      channel: '网上',
      status: '办结',
      finishedAt: finished.at,
    })
    expect(await store.cases.events('k-101')).toEqual([
      { status: '已受理', at: NOW },
      { status: '办理中', at: processing.at },
      { status: '办结', at: finished.at },
    ])
    // Ratings of a page in one unit, answered in order; a second page with the same cases stores nothing.
    const page = [
      { transactionKey: 'k-100', level: 5, at: NOW, ratingKey: 'r-100' },
      {
        transactionKey: 'k-101',
        level: 2,
        at: NOW,
        ratingKey: 'r-101',
        followUp: { openDay: DAY, dueDay: '2026-03-23', calendarCovered: true },
      },
    ]
    expect(await store.cases.rateAll(page)).toEqual([
      { stored: true, followUp: undefined },
      {
        stored: true,
        followUp: expect.objectContaining({ transactionKey: 'k-101', level: 2, closedAt: null }),
      },
    ])
    expect(
      (await store.cases.rateAll(page)).map((w) => [w.stored, w.stored ? null : w.current?.ratingKey]),
    ).toEqual([
      [false, 'r-100'],
      [false, 'r-101'],
    ])
    // Nothing planned: advancing the clock leaves a reported case alone.
    expect(await store.cases.advanceDue('2027-01-01T00:00:00.000Z')).toBe(1)
    expect((await store.cases.byKey('k-101'))?.status).toBe('办结')
  })

  it('keeps staff accounts, live sessions only, and an audit log paged newest first', async () => {
    const { store } = under
    const user = {
      username: 'ann',
      role: 'admin' as const,
      passwordHash: 'h1',
      scope: [],
      orgCode: '440000',
      now: NOW,
    }
    expect(await store.staff.insertUser(user)).toBe(true)
    expect(await store.staff.insertUser(user)).toBe(false)
    await store.staff.insertUser({
      ...user,
      username: 'bob',
      role: 'ops',
      scope: ['town'],
      orgCode: '441600',
    })
    await store.staff.updateUser('bob', 'helper', ['village'])
    await store.staff.setPassword('bob', 'h2', '2026-03-03T00:00:00.000Z')
    await store.staff.rehashPassword('ann', 'h1b')
    expect(await store.staff.getUser('bob')).toEqual({
      username: 'bob',
      role: 'helper',
      passwordHash: 'h2',
      scope: ['village'],
      orgCode: '441600',
      disabledAt: null,
      createdAt: NOW,
      passwordChangedAt: '2026-03-03T00:00:00.000Z',
    })
    expect((await store.staff.getUser('ann'))?.passwordChangedAt).toBeNull()
    expect(await store.staff.countActiveAdmins()).toBe(1)

    const now = Date.parse(NOW)
    await store.staff.createSession('t1', { username: 'ann', csrfToken: 'c1', expiresAt: now + 1000 }, now)
    await store.staff.createSession('t2', { username: 'ann', csrfToken: 'c2', expiresAt: now + 1000 }, now)
    await store.staff.createSession('t3', { username: 'bob', csrfToken: 'c3', expiresAt: now + 1000 }, now)
    expect(await store.staff.findSession('t1', now)).toEqual({
      username: 'ann',
      csrfToken: 'c1',
      expiresAt: now + 1000,
      role: 'admin',
      scope: [],
      orgCode: '440000',
    })
    expect((await store.staff.findSession('t3', now))?.orgCode).toBe('441600')
    expect(await store.staff.findSession('t1', now + 1000)).toBeUndefined()
    await store.staff.setDisabled('bob', NOW)
    expect(await store.staff.findSession('t3', now)).toBeUndefined()
    expect(await store.staff.endSessionsOf('ann', 't2')).toBe(1)
    expect(await store.staff.findSession('t2', now)).toBeDefined()
    await store.staff.endSession('t2')
    expect(await store.staff.findSession('t2', now)).toBeUndefined()
    expect((await store.staff.listUsers()).map((u) => u.username)).toEqual(['ann', 'bob'])

    const entry = {
      at: NOW,
      actorKind: 'staff' as const,
      actor: 'ann',
      role: 'admin',
      address: '127.0.0.1',
      target: 'T-1',
      detail: { n: 1, ok: true },
    }
    await store.audit.insert({ ...entry, action: 'terminal.create' })
    await store.audit.insert({ ...entry, action: 'terminal.revoke' })
    await store.audit.insert({ ...entry, action: 'terminal.create' })
    expect((await store.audit.page(Number.MAX_SAFE_INTEGER, 10, undefined)).map((e) => e.id)).toEqual([
      3, 2, 1,
    ])
    expect(await store.audit.page(3, 10, 'terminal.create')).toEqual([
      { id: 1, ...entry, action: 'terminal.create' },
    ])
  })

  it('rewrites every fingerprint once, with the key check in the same transaction', async () => {
    const { store } = under
    await store.ingest({
      rows: [record('k-00001')],
      casesFor: () => [newCase('k-00001')],
    })
    const touched = await store.rewriteFingerprints(
      {
        payload: (h) => `keyed(${h})`,
        subject: (h) => `keyed(${h})`,
        seal: (t) => `sealed(${t})`,
        isSealed: (t) => t.startsWith('sealed('),
      },
      { setting: 'fingerprint_check', value: 'v1' },
    )
    expect(touched).toBe(2)
    expect(await store.getTransaction('k-00001')).toEqual({
      key: 'k-00001',
      payloadHash: 'keyed(hash-k-00001)',
      resultJson: 'sealed({"key":"k-00001"})',
    })
    expect((await store.cases.byKey('k-00001'))?.subjectHash).toBe('keyed(subject-k-00001)')
    expect(await store.getSetting('fingerprint_check')).toBe('v1')
  })

  it('units of work for several nodes: account edit with its last-admin check, counter judgement with its floors, follow-up change', async () => {
    const { store } = under
    const admin = {
      username: 'ann',
      role: 'admin' as const,
      passwordHash: 'h',
      scope: [],
      orgCode: '440000',
      now: NOW,
    }
    await store.staff.insertUser(admin)
    await store.staff.insertUser({ ...admin, username: 'bea' })
    const demote = (username: string) =>
      store.staff.editAccount({
        username,
        decide: (before, activeAdmins) =>
          before.role === 'admin' && activeAdmins <= 1
            ? 'last_admin'
            : {
                role: 'ops',
                scope: ['town'],
                orgCode: DEMO_DISTRICT_CODE,
                disabledAt: null,
                endSessions: false,
              },
      })
    // Both at once: one of them stays the last admin, whatever the order the store runs them in.
    expect((await Promise.all([demote('ann'), demote('bea')])).sort()).toEqual(['done', 'last_admin'])
    expect(await store.staff.countActiveAdmins()).toBe(1)
    expect(await demote('nobody')).toBe('missing')
    const demoted = [await store.staff.getUser('ann'), await store.staff.getUser('bea')].find(
      (u) => u?.role === 'ops',
    )
    expect(demoted?.orgCode).toBe(DEMO_DISTRICT_CODE)

    await insertTownHall(store, NOW)
    const c = (value: number) => ({ day: DAY, itemCode: 'ITEM-A', metric: 'views', value })
    await store.counters.apply('T-1', [c(7)], [], NOW)
    await store.counters.resetDay('T-1', DAY, 'admin', NOW)
    const seen: Map<string, number>[] = []
    const decided = await store.counters.judgeAndApply(
      'T-1',
      [DAY],
      (floors) => {
        seen.push(floors)
        return { merge: [c(9 - (floors.get(`${DAY}|ITEM-A|views`) ?? 0))], quarantine: [], note: 'judged' }
      },
      NOW,
    )
    expect(seen).toEqual([new Map([[`${DAY}|ITEM-A|views`, 7]])])
    expect(decided.note).toBe('judged')
    expect(await store.counters.floors('T-1', [DAY])).toEqual(new Map([[`${DAY}|ITEM-A|views`, 7]]))

    await store.cases.insertCase(newCase('k-001'))
    await store.cases.rate({
      transactionKey: 'k-001',
      level: 1,
      at: NOW,
      ratingKey: 'r-1',
      followUp: { openDay: DAY, dueDay: '2026-03-04', calendarCovered: true },
    })
    const note = (text: string) =>
      store.cases.changeFollowUp(1, (f) => ({
        kind: 'update',
        row: {
          contactNote: text,
          contactedAt: NOW,
          rectification: f.rectification ?? 'fixed',
          outcome: f.outcome,
          updatedBy: 'ops',
        },
      }))
    expect(await note('called')).toMatchObject({
      contactNote: 'called',
      rectification: 'fixed',
      outcome: null,
    })
    // A decision that throws writes nothing.
    await expect(
      store.cases.changeFollowUp(1, () => {
        throw new Error('refused')
      }),
    ).rejects.toThrow('refused')
    expect(await store.cases.changeFollowUp(1, () => ({ kind: 'close', at: NOW, by: 'ops' }))).toMatchObject({
      contactNote: 'called',
      closedAt: NOW,
      closedBy: 'ops',
    })
    expect(
      await store.cases.changeFollowUp(99, () => ({ kind: 'close', at: NOW, by: 'ops' })),
    ).toBeUndefined()
  })
})

describe('PostgreSQL store only', () => {
  const under = useStore('postgres')

  it("a report's transaction mark still finds a batch that commits after a later batch was seen", async () => {
    const { store } = under
    const slowNode = connectPostgres(under.url!, { max: 1 })
    try {
      const before = await store.reports.transactionMark()
      // Another node's batch starts first (the lower transaction id) and stays open.
      const slow = holdOpen(
        slowNode,
        (tx) =>
          tx`INSERT INTO transactions ${tx([{ ...record('k-00001'), day: '2026-03-01' }], ...TRANSACTION_FIELDS)}`,
      )
      await slow.written
      await store.ingest({ rows: [record('k-00002')], casesFor: noCases })
      expect(await store.reports.transactionDaysAfter(before)).toEqual([DAY])
      const seen = await store.reports.transactionMark()
      await slow.commit()
      expect(await store.reports.transactionDaysAfter(seen)).toEqual(['2026-03-01'])
    } finally {
      await slowNode.end()
    }
  })

  it('two nodes on one database: a row whose reference another node stored is refused and named, the rest stored', async () => {
    const other = new PostgresStorage(connectPostgres(under.url!, { max: 2 }))
    try {
      await under.store.ingest({
        rows: [record('k-00001', { reference: 'SB2026030200777' })],
        casesFor: noCases,
      })
      const seen: boolean[][] = []
      const done = await other.ingest({
        rows: [record('k-00002'), record('k-00003', { reference: 'SB2026030200777' })],
        casesFor: (storedNow) => {
          seen.push([...storedNow])
          return []
        },
      })
      expect(done).toEqual({ raced: [null, null], referenceTaken: [1], casesOpened: 0 })
      expect(seen).toEqual([[true, false]])
      expect(await under.store.countTransactions()).toBe(2)
      expect((await under.store.transactionsByReference('SB2026030200777')).map((t) => t.key)).toEqual([
        'k-00001',
      ])
    } finally {
      await other.close()
    }
  })
})
