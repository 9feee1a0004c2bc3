/**
 * Districts (#15): the organisation tree an admin reads and extends, every terminal standing in a known district
 * (HOME_DISTRICT when the admin names none), a move between districts audited, the fleet naming each terminal's
 * district, and a start refused when HOME_DISTRICT names no district of the tree. On both stores, through the
 * real backend process.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../mock-backend/src/config'
import type { DailyCountRow } from '../../mock-backend/src/contract/dailyCounts'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { GUANGDONG_DIVISIONS } from '../../mock-backend/src/divisions/guangdong'
import { shanghaiDay } from '../../mock-backend/src/time'
import { STORES } from '../fixtures/node/backend/postgresStores'
import { call, record, spawnBackend } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

/** 紫金县, a seeded district that is not the demo one. */
const ZIJIN = '441621'

describe.each(STORES)('districts on %s', (store) => {
  const backend = backendSession({ store, env: { HOME_DISTRICT: ZIJIN } })
  const admin = (method: string, path: string, body?: unknown) =>
    call(backend.url, method, path, { token: backend.admin.token, body })

  it('lists the seeded tree: the province, its 21 cities and Heyuan’s districts, by code', async () => {
    const res = await admin('GET', '/api/admin/divisions')
    expect(res.status).toBe(200)
    expect(res.body).toEqual([...GUANGDONG_DIVISIONS].sort((a, b) => a.code.localeCompare(b.code)))
    expect(
      res.body.filter((d: { code: string }) => /^\d{4}00$/.test(d.code) && !d.code.endsWith('0000')),
    ).toHaveLength(21)
  })

  it('puts a terminal in HOME_DISTRICT by default, or in the district named, and refuses an unknown one', async () => {
    const home = await admin('POST', '/api/admin/terminals', { name: '默认区县终端', location: '大厅' })
    expect(home.status).toBe(201)
    const named = await admin('POST', '/api/admin/terminals', {
      name: '源城终端',
      location: '大厅',
      districtCode: DEMO_DISTRICT_CODE,
    })
    expect(named.status).toBe(201)
    const unknown = await admin('POST', '/api/admin/terminals', {
      name: 'X',
      location: 'Y',
      districtCode: '441699',
    })
    expect([unknown.status, unknown.body.error, unknown.body.message]).toEqual([
      400,
      'unknown_district',
      'districtCode 441699 is not a district of the organisation tree',
    ])
    const city = await admin('POST', '/api/admin/terminals', {
      name: 'X',
      location: 'Y',
      districtCode: '441600',
    })
    expect(city.status).toBe(400)
    expect(city.body.message).toMatch(/districtCode must name a district, not a city or province/)
    const listed = (await admin('GET', '/api/admin/terminals')).body as { id: string; districtCode: string }[]
    expect(listed.find((t) => t.id === home.body.id)?.districtCode).toBe(ZIJIN)
    expect(listed.find((t) => t.id === named.body.id)?.districtCode).toBe(DEMO_DISTRICT_CODE)
  })

  it('adds a district under a known city once, and then accepts terminals in it', async () => {
    const added = await admin('POST', '/api/admin/divisions', {
      code: '441699',
      nameZh: '测试新区',
      nameEn: 'Test New District',
    })
    expect([added.status, added.body.code]).toEqual([201, '441699'])
    const again = await admin('POST', '/api/admin/divisions', {
      code: '441699',
      nameZh: '重复',
      nameEn: 'Again',
    })
    expect([again.status, again.body.error]).toEqual([409, 'division_exists'])
    const orphan = await admin('POST', '/api/admin/divisions', {
      code: '449901',
      nameZh: '无市',
      nameEn: 'No city',
    })
    expect([orphan.status, orphan.body.error, orphan.body.message]).toEqual([
      400,
      'unknown_city',
      'division 449901 lies in city 449900, which is not in the tree',
    ])
    const asCity = await admin('POST', '/api/admin/divisions', {
      code: '449900',
      nameZh: '新市',
      nameEn: 'City',
    })
    expect(asCity.status).toBe(400)
    const terminal = await admin('POST', '/api/admin/terminals', {
      name: '新区终端',
      location: '村委',
      districtCode: '441699',
    })
    expect(terminal.status).toBe(201)
    // Ops may not extend the tree.
    const asOps = await call(backend.url, 'POST', '/api/admin/divisions', {
      token: backend.ops.token,
      body: { code: '441698', nameZh: 'X', nameEn: 'X' },
    })
    expect(asOps.status).toBe(403)
  })

  it('moves a terminal to another district, audits the move, and the fleet names its district', async () => {
    const created = await admin('POST', '/api/admin/terminals', { name: '搬迁终端', location: '大厅' })
    const id = created.body.id as string
    const moved = await admin('PUT', `/api/admin/terminals/${id}`, { districtCode: DEMO_DISTRICT_CODE })
    expect([moved.status, moved.body.districtCode]).toEqual([200, DEMO_DISTRICT_CODE])
    const bad = await admin('PUT', `/api/admin/terminals/${id}`, { districtCode: '441699x' })
    expect(bad.status).toBe(400)
    const audit = await admin('GET', '/api/admin/audit?action=terminal.move')
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        action: 'terminal.move',
        target: id,
        detail: { from: ZIJIN, to: DEMO_DISTRICT_CODE },
      }),
    ])
    const fleet = await call(backend.url, 'GET', '/api/ops/terminals', { token: backend.ops.token })
    const row = (fleet.body as { id: string; districtCode: string; districtName: string }[]).find(
      (t) => t.id === id,
    )
    expect(row).toMatchObject({ districtCode: DEMO_DISTRICT_CODE, districtName: '源城区' })
  })

  it('reports per district: each terminal’s transactions and counters where it stands, named from the tree', async () => {
    /** A terminal in `districtCode`, enrolled: its bearer token. */
    const enrolled = async (name: string, districtCode: string) => {
      const created = await admin('POST', '/api/admin/terminals', { name, location: '村委', districtCode })
      const res = await call(backend.url, 'POST', '/api/terminals/enrol', {
        body: { code: created.body.enrolCode },
      })
      return res.body.token as string
    }
    const village = await enrolled('黄田村终端', ZIJIN)
    const hall = await enrolled('区大厅终端', DEMO_DISTRICT_CODE)
    const day = '2026-11-27'
    for (const [token, n] of [
      [village, 2],
      [hall, 1],
    ] as const) {
      const records = Array.from({ length: n }, () => record())
      const res = await call(backend.url, 'POST', '/api/terminal/transactions', { token, body: { records } })
      expect(res.body.outcomes.map((o: { status: string }) => o.status)).toEqual(records.map(() => 'ok'))
    }
    const today = shanghaiDay(new Date())
    const sessions = await call(backend.url, 'POST', '/api/terminal/counters', {
      token: village,
      body: { counters: [{ day: today, itemCode: '', metric: 'sessions', value: 4 }] },
    })
    expect(sessions.body.accepted).toBe(1)
    const report = async (query: string) =>
      (await call(backend.url, 'GET', `/api/ops/daily-counts?${query}`, { token: backend.ops.token })).body
    const byDistrict = await report(`from=${day}&to=${today}&by=district&span=range`)
    expect(byDistrict.rows.map((r: DailyCountRow) => [r.key, r.label, r.transactions, r.sessions])).toEqual([
      [DEMO_DISTRICT_CODE, '源城区', 1, 0],
      [ZIJIN, '紫金县', 2, 4],
    ])
    expect(byDistrict.totals).toMatchObject({ transactions: 3, sessions: 4 })
    // Per day, from the per-day cache: the same districts on their days.
    const perDay = await report(`from=${day}&to=${day}&by=district`)
    expect(perDay.rows.map((r: DailyCountRow) => [r.day, r.key, r.transactions])).toEqual([
      [day, DEMO_DISTRICT_CODE, 1],
      [day, ZIJIN, 2],
    ])
  })
})

describe('HOME_DISTRICT', () => {
  it('defaults to the demo district and refuses what is not a district code, naming it', () => {
    expect(loadConfig({}).homeDistrict).toBe(DEMO_DISTRICT_CODE)
    expect(loadConfig({ HOME_DISTRICT: ZIJIN }).homeDistrict).toBe(ZIJIN)
    for (const bad of ['4416', '441600', '440000', 'yuancheng'])
      expect(() => loadConfig({ HOME_DISTRICT: bad })).toThrow(
        `HOME_DISTRICT must be a district's six-digit division code such as 441602, got "${bad}"`,
      )
  })

  it('stops the start when it names a district the tree does not know', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-home-district-'))
    try {
      await expect(spawnBackend({ dataDir, env: { HOME_DISTRICT: '441699' } })).rejects.toThrow(
        /HOME_DISTRICT 441699 is not a known district/,
      )
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
