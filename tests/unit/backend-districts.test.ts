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
import { call, login, record, spawnBackend, uuid } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

/** 紫金县, a seeded district that is not the demo one. */
const ZIJIN = '441621'
/** 东莞市: a city without districts, its terminals stand in it. */
const DONGGUAN = '441900'
/** 南山区, 深圳市: a district of another city, added by the tests. */
const NANSHAN = '440305'

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
    expect(city.body.message).toMatch(
      /districtCode must name a district, or a city without districts \(东莞 441900, 中山 442000\), not a city or province/,
    )
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

  it('stands terminals in 东莞 and 中山 themselves, cities without districts, which take no district', async () => {
    const dongguan = await admin('POST', '/api/admin/terminals', {
      name: '东莞终端',
      location: '镇政府',
      districtCode: DONGGUAN,
    })
    expect(dongguan.status).toBe(201)
    const under = await admin('POST', '/api/admin/divisions', {
      code: '441901',
      nameZh: '莞城',
      nameEn: 'Guancheng',
    })
    expect([under.status, under.body.error, under.body.message]).toEqual([
      400,
      'city_without_districts',
      `city ${DONGGUAN} has no districts: its terminals stand in the city itself`,
    ])
    // An account serving 东莞 creates there by default and sees its terminal, and only it.
    const created = await admin('POST', '/api/admin/accounts', {
      username: 'dongguan-admin',
      role: 'admin',
      orgCode: DONGGUAN,
    })
    const token = (await login(backend.url, 'dongguan-admin', created.body.password)).token
    const own = await call(backend.url, 'POST', '/api/admin/terminals', {
      token,
      body: { name: '东莞二号', location: '街道' },
    })
    expect(own.status).toBe(201)
    const listed = (await call(backend.url, 'GET', '/api/admin/terminals', { token })).body as {
      id: string
      districtCode: string
    }[]
    expect(listed.map((t) => [t.id, t.districtCode]).sort()).toEqual(
      [
        [dongguan.body.id, DONGGUAN],
        [own.body.id, DONGGUAN],
      ].sort(),
    )
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

  it('scopes an account to its division: a city sees its districts, a district its own, never the rest', async () => {
    // A district in another city, with one transaction of its own.
    await admin('POST', '/api/admin/divisions', {
      code: NANSHAN,
      nameZh: '南山区',
      nameEn: 'Nanshan District',
    })
    const shenzhen = await admin('POST', '/api/admin/terminals', {
      name: '南山终端',
      location: '街道',
      districtCode: NANSHAN,
    })
    const enrolled = await call(backend.url, 'POST', '/api/terminals/enrol', {
      body: { code: shenzhen.body.enrolCode },
    })
    const posted = await call(backend.url, 'POST', '/api/terminal/transactions', {
      token: enrolled.body.token,
      body: { records: [record()] },
    })
    expect(posted.body.outcomes[0].status).toBe('ok')

    /** A new account serving `orgCode`, logged in: its bearer token. */
    const account = async (username: string, role: 'admin' | 'ops', orgCode: string) => {
      const created = await admin('POST', '/api/admin/accounts', { username, role, orgCode })
      expect([created.status, created.body.account.orgCode]).toEqual([201, orgCode])
      return (await login(backend.url, username, created.body.password)).token
    }
    const cityOps = await account('heyuan-ops', 'ops', '441600')
    const districtOps = await account('zijin-ops', 'ops', ZIJIN)
    const districtAdmin = await account('yuancheng-admin', 'admin', DEMO_DISTRICT_CODE)
    const as = (token: string, method: string, path: string, body?: unknown) =>
      call(backend.url, method, path, { token, body })
    const districtsOf = async (token: string) => {
      const res = await as(
        token,
        'GET',
        '/api/ops/daily-counts?from=2026-11-27&to=2026-11-27&by=district&span=range',
      )
      return res.body.rows.map((r: DailyCountRow) => [r.key, r.transactions])
    }
    expect(await districtsOf(backend.ops.token)).toEqual([
      [NANSHAN, 1],
      [DEMO_DISTRICT_CODE, 1],
      [ZIJIN, 2],
    ])
    expect(await districtsOf(cityOps)).toEqual([
      [DEMO_DISTRICT_CODE, 1],
      [ZIJIN, 2],
    ])
    expect(await districtsOf(districtOps)).toEqual([[ZIJIN, 2]])
    const perDay = await as(districtOps, 'GET', '/api/ops/daily-counts?from=2026-11-27&to=2026-11-27')
    expect(perDay.body.totals.transactions).toBe(2)
    // The consoles show the division; the fleet lists only its terminals (supervision: the next test).
    expect((await as(cityOps, 'GET', '/api/auth/me')).body.org).toEqual({
      code: '441600',
      nameZh: '河源市',
      nameEn: 'Heyuan',
    })
    const fleet = (await as(districtOps, 'GET', '/api/ops/terminals')).body as { districtCode: string }[]
    expect(fleet.length).toBeGreaterThan(0)
    expect(new Set(fleet.map((t) => t.districtCode))).toEqual(new Set([ZIJIN]))

    // A district's admin: its own terminals only; creates in its district by default; the province's functions refused.
    const listed = (await as(districtAdmin, 'GET', '/api/admin/terminals')).body as {
      id: string
      districtCode: string
    }[]
    expect(new Set(listed.map((t) => t.districtCode))).toEqual(new Set([DEMO_DISTRICT_CODE]))
    const own = await as(districtAdmin, 'POST', '/api/admin/terminals', {
      name: '源城新机',
      location: '大厅',
    })
    expect(own.status).toBe(201)
    const ownRow = (
      (await as(districtAdmin, 'GET', '/api/admin/terminals')).body as { id: string; districtCode: string }[]
    ).find((t) => t.id === own.body.id)
    expect(ownRow?.districtCode).toBe(DEMO_DISTRICT_CODE)
    const elsewhere = await as(districtAdmin, 'POST', '/api/admin/terminals', {
      name: 'X',
      location: 'Y',
      districtCode: ZIJIN,
    })
    expect([elsewhere.status, elsewhere.body.error]).toEqual([403, 'out_of_scope'])
    const foreign = fleet[0] as unknown as { id: string }
    for (const [method, path] of [
      ['PUT', `/api/admin/terminals/${foreign.id}`],
      ['POST', `/api/admin/terminals/${foreign.id}/revoke`],
      ['POST', `/api/admin/terminals/${foreign.id}/wipe`],
    ] as const) {
      const res = await as(districtAdmin, method, path, method === 'PUT' ? { name: '改名' } : {})
      expect([path, res.status]).toEqual([path, 404])
    }
    for (const path of ['/api/admin/catalog/versions', '/api/admin/accounts', '/api/admin/audit']) {
      const res = await as(districtAdmin, 'GET', path)
      expect([path, res.status, res.body.error]).toEqual([path, 403, 'province_only'])
    }
    const addDivision = await as(districtAdmin, 'POST', '/api/admin/divisions', {
      code: '441697',
      nameZh: 'X',
      nameEn: 'X',
    })
    expect(addDivision.status).toBe(403)
    const unknownOrg = await admin('POST', '/api/admin/accounts', {
      username: 'nowhere-ops',
      role: 'ops',
      orgCode: '449900',
    })
    expect([unknownOrg.status, unknownOrg.body.error]).toEqual([400, 'unknown_division'])
  }, 60_000)
})

describe.each(STORES)('supervision of cases by district on %s', (store) => {
  const backend = backendSession({ store, env: { HOME_DISTRICT: ZIJIN } })
  const as = (token: string, method: string, path: string, body?: unknown) =>
    call(backend.url, method, path, { token, body })
  /** A new account of `role` serving `orgCode`, logged in: its bearer token. */
  const account = async (username: string, role: 'ops' | 'intake', orgCode?: string) => {
    const created = await as(backend.admin.token, 'POST', '/api/admin/accounts', {
      username,
      role,
      ...(orgCode ? { orgCode } : {}),
    })
    expect(created.status).toBe(201)
    return (await login(backend.url, username, created.body.password)).token
  }

  it('a district sees its cases, a city its districts’, the province all; another district’s follow-up is 404', async () => {
    const system = await account('hall-system', 'intake')
    const acceptedAt = new Date(Date.now() - 3_600_000).toISOString()
    const intakeCase = (district?: string) => ({
      key: uuid(),
      channel: '窗口',
      itemCode: 'POL-APPLY-0001',
      caseNumber: `CK${Math.floor(Math.random() * 1e12)}`,
      acceptedAt,
      ...(district ? { district } : {}),
    })
    const cases = {
      yuancheng: intakeCase(DEMO_DISTRICT_CODE),
      zijin: intakeCase(ZIJIN),
      home: intakeCase(),
      dongguan: intakeCase(DONGGUAN),
    }
    const opened = await as(system, 'POST', '/api/intake/cases', { cases: Object.values(cases) })
    expect(opened.body.outcomes.map((o: { status: string }) => o.status)).toEqual([
      'stored',
      'stored',
      'stored',
      'stored',
    ])
    // A terminal's case stands in its terminal's district (源城区 here).
    const created = await as(backend.admin.token, 'POST', '/api/admin/terminals', {
      name: '源城大厅',
      location: '大厅',
      groups: ['town-centre'],
      districtCode: DEMO_DISTRICT_CODE,
    })
    const terminal = (
      await call(backend.url, 'POST', '/api/terminals/enrol', { body: { code: created.body.enrolCode } })
    ).body.token as string
    const apply = record({
      itemCode: 'POL-APPLY-0001',
      subject: { idNumber: '44160019900101123X' },
      fields: { phone: '13800138000' },
    })
    const stored = await call(backend.url, 'POST', '/api/terminal/transactions', {
      token: terminal,
      body: { records: [apply] },
    })
    expect(stored.body.outcomes[0]).toMatchObject({ status: 'ok' })
    // Every case rated badly: each opens a follow-up in its case's district.
    const keys = [...Object.values(cases).map((c) => c.key), apply.key as string]
    const rated = await as(system, 'POST', '/api/intake/ratings', {
      ratings: keys.map((caseKey) => ({ caseKey, level: 1, key: uuid() })),
    })
    expect(rated.status).toBe(200)

    const province = backend.ops.token
    const city = await account('heyuan-supervision', 'ops', '441600')
    const district = await account('zijin-supervision', 'ops', ZIJIN)
    type Row = { id: number; transactionKey: string; case: { districtCode: string } }
    const followUps = async (token: string) => {
      const res = await as(token, 'GET', '/api/ops/supervision/follow-ups?status=all')
      expect(res.status).toBe(200)
      return new Map(
        (res.body.rows as Row[])
          .filter((r) => keys.includes(r.transactionKey))
          .map((r) => [r.transactionKey, r.case.districtCode]),
      )
    }
    const all = await followUps(province)
    expect(all).toEqual(
      new Map([
        [cases.yuancheng.key, DEMO_DISTRICT_CODE],
        [cases.zijin.key, ZIJIN],
        [cases.home.key, ZIJIN],
        [cases.dongguan.key, DONGGUAN],
        [apply.key as string, DEMO_DISTRICT_CODE],
      ]),
    )
    const within = (codes: string[]) => new Map([...all].filter(([, code]) => codes.includes(code)))
    expect(await followUps(city)).toEqual(within([DEMO_DISTRICT_CODE, ZIJIN]))
    expect(await followUps(district)).toEqual(within([ZIJIN]))

    // The summary: only the account's districts, each line the province's line for that district.
    const summary = async (token: string) => {
      const res = await as(token, 'GET', '/api/ops/supervision/summary')
      expect(res.status).toBe(200)
      return res.body as {
        followUps: Row[]
        ratings: { figures: { cases: number; bad: number } }
        byDistrict: {
          districtCode: string
          districtName: string
          cases: number
          bad: number
          openFollowUps: number
        }[]
      }
    }
    const whole = await summary(province)
    const line = (code: string) => whole.byDistrict.find((d) => d.districtCode === code)
    expect(line(ZIJIN)).toMatchObject({ districtName: '紫金县', cases: 2, bad: 2, openFollowUps: 2 })
    expect(line(DEMO_DISTRICT_CODE)).toMatchObject({ districtName: '源城区', cases: 2, bad: 2 })
    expect(line(DONGGUAN)).toMatchObject({ districtName: '东莞市', cases: 1, bad: 1 })
    const ofCity = await summary(city)
    expect(ofCity.byDistrict).toEqual([line(DEMO_DISTRICT_CODE), line(ZIJIN)])
    expect(ofCity.ratings.figures).toMatchObject({ cases: 4, bad: 4 })
    expect(new Set(ofCity.followUps.map((f) => f.case.districtCode))).toEqual(
      new Set([DEMO_DISTRICT_CODE, ZIJIN]),
    )
    const ofDistrict = await summary(district)
    expect(ofDistrict.byDistrict).toEqual([line(ZIJIN)])
    expect(ofDistrict.ratings.figures).toMatchObject({ cases: 2, bad: 2 })
    const ratings = await as(district, 'GET', '/api/ops/supervision/ratings')
    expect(ratings.body.figures).toMatchObject({ cases: 2, bad: 2 })

    // Another district's follow-up, named by its id: 404, as one that does not exist; its own district's works.
    const rows = (await as(province, 'GET', '/api/ops/supervision/follow-ups?status=all')).body.rows as Row[]
    const idOf = (key: string) => rows.find((r) => r.transactionKey === key)!.id
    const note = { contactNote: '已电话联系' }
    const foreign = await as(
      district,
      'POST',
      `/api/ops/supervision/follow-ups/${idOf(cases.yuancheng.key)}`,
      note,
    )
    expect([foreign.status, foreign.body.error]).toEqual([404, 'not_found'])
    const closing = await as(
      district,
      'POST',
      `/api/ops/supervision/follow-ups/${idOf(cases.yuancheng.key)}/close`,
    )
    expect(closing.status).toBe(404)
    const own = await as(district, 'POST', `/api/ops/supervision/follow-ups/${idOf(cases.zijin.key)}`, note)
    expect([own.status, own.body.contactNote]).toEqual([200, '已电话联系'])
    const byCity = await as(
      city,
      'POST',
      `/api/ops/supervision/follow-ups/${idOf(cases.yuancheng.key)}`,
      note,
    )
    expect(byCity.status).toBe(200)
    const outside = await as(
      city,
      'POST',
      `/api/ops/supervision/follow-ups/${idOf(cases.dongguan.key)}`,
      note,
    )
    expect(outside.status).toBe(404)
  }, 60_000)
})

describe('HOME_DISTRICT', () => {
  it('defaults to the demo district and refuses what is not a district code, naming it', () => {
    expect(loadConfig({}).homeDistrict).toBe(DEMO_DISTRICT_CODE)
    expect(loadConfig({ HOME_DISTRICT: ZIJIN }).homeDistrict).toBe(ZIJIN)
    for (const bad of ['4416', '441600', '440000', 'yuancheng'])
      expect(() => loadConfig({ HOME_DISTRICT: bad })).toThrow(
        `HOME_DISTRICT must be a district's six-digit division code such as 441602 (or 441900/442000, cities without districts), got "${bad}"`,
      )
    expect(loadConfig({ HOME_DISTRICT: '441900' }).homeDistrict).toBe('441900')
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
  }, 30_000)
})
