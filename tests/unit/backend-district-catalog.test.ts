/**
 * A district's own catalog (#15) through the real backend process, on both stores: only an admin of a district
 * publishes its additions and withdrawals (the province's and a city's admins are refused, another district's admin
 * reaches only its own); the district's terminal gets the province catalog minus its withdrawals plus its
 * additions (search index, ETag, heartbeat number), another district's terminal the plain province catalog; a
 * record of an added item is ingested and counted under the item's name; a rollback publishes an older content;
 * and when the province later takes an added code or drops a withdrawn one, the province wins (README rule).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { STORES } from '../fixtures/node/backend/postgresStores'
import { call, HEARTBEAT, login, record, uuid } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

/** 紫金县 and 龙川县, seeded districts of 河源市 beside the demo district 源城区. */
const ZIJIN = '441621'
const LONGCHUAN = '441622'
const base64 = (name: string) =>
  readFileSync(resolve(import.meta.dirname, '../fixtures/catalog/overlay', name)).toString('base64')

describe.each(STORES)('district catalogs on %s', (store) => {
  const backend = backendSession({ store })
  const as = (token: string, method: string, path: string, body?: unknown) =>
    call(backend.url, method, path, { token, body })
  /** A new admin serving `orgCode`, logged in: its bearer token. */
  const adminOf = async (username: string, orgCode: string) => {
    const created = await as(backend.admin.token, 'POST', '/api/admin/accounts', {
      username,
      role: 'admin',
      orgCode,
    })
    expect(created.status).toBe(201)
    return (await login(backend.url, username, created.body.password)).token
  }
  /** A terminal of `districtCode`, enrolled: its bearer token. */
  const terminalIn = async (name: string, districtCode: string) => {
    const created = await as(backend.admin.token, 'POST', '/api/admin/terminals', {
      name,
      location: '大厅',
      // The demo terminal's group, so both are offered the same province items.
      groups: ['town-centre'],
      districtCode,
    })
    const res = await call(backend.url, 'POST', '/api/terminals/enrol', {
      body: { code: created.body.enrolCode },
    })
    return res.body.token as string
  }
  const codesOf = async (token: string) => {
    const res = await call(backend.url, 'GET', '/api/terminal/catalog', { token })
    expect(res.status).toBe(200)
    return {
      items: (res.body.items as { code: string }[]).map((i) => i.code).sort(),
      search: (res.body.search as { code: string }[]).map((s) => s.code).sort(),
      overlayVersion: res.body.overlayVersion,
      etag: res.headers.get('etag'),
    }
  }

  it('lets only a district’s admin publish its additions and withdrawals, and serves them to its terminals alone', async () => {
    const yuancheng = await adminOf('yuancheng-admin', DEMO_DISTRICT_CODE)
    const zijin = await adminOf('zijin-admin', ZIJIN)
    const heyuan = await adminOf('heyuan-admin', '441600')
    const candidate = {
      file: { name: 'additions.csv', base64: base64('additions.csv') },
      withdrawals: ['TAX-Q-0001'],
    }

    // The province's and a city's admins: refused with the reason.
    for (const token of [backend.admin.token, heyuan]) {
      for (const [method, path, body] of [
        ['GET', '/api/admin/district-catalog', undefined],
        ['POST', '/api/admin/district-catalog/publish', candidate],
      ] as const) {
        const res = await as(token, method, path, body)
        expect([path, res.status, res.body.error]).toEqual([path, 403, 'district_only'])
      }
    }

    const demoBefore = await codesOf(backend.terminal)
    expect(demoBefore.items).toContain('TAX-Q-0001')
    expect(demoBefore.overlayVersion).toBeUndefined()

    // Bad input: exact named problems, and nothing published.
    const bad = await as(yuancheng, 'POST', '/api/admin/district-catalog/validate', {
      file: { name: 'province-code.csv', base64: base64('province-code.csv') },
      withdrawals: ['NOPE-0001'],
    })
    expect(bad.status).toBe(200)
    expect(bad.body.problems.map((p: { code: string; row: number | null }) => [p.code, p.row])).toEqual([
      ['addition_is_province_item', 3],
      ['unknown_withdrawal', null],
    ])
    const refused = await as(yuancheng, 'POST', '/api/admin/district-catalog/publish', {
      withdrawals: ['NOPE-0001'],
    })
    expect([refused.status, refused.body.error]).toEqual([400, 'has_errors'])
    expect(refused.body.message).toContain('unknown_withdrawal')

    const checked = await as(yuancheng, 'POST', '/api/admin/district-catalog/validate', candidate)
    expect([checked.body.ok, checked.body.additions, checked.body.withdrawals]).toEqual([true, 1, 1])
    const diff = await as(yuancheng, 'POST', '/api/admin/district-catalog/diff', candidate)
    expect(diff.body.additions.added).toEqual([{ code: 'YC-MZ-0001', name: '源城区高龄津贴申领' }])
    expect(diff.body.withdrawn).toEqual([{ code: 'TAX-Q-0001', name: '个人纳税记录查询' }])
    const published = await as(yuancheng, 'POST', '/api/admin/district-catalog/publish', {
      ...candidate,
      note: '新增高龄津贴',
    })
    expect([published.status, published.body.districtCode, published.body.version]).toEqual([
      200,
      DEMO_DISTRICT_CODE,
      1,
    ])
    const current = await as(yuancheng, 'GET', '/api/admin/district-catalog')
    expect([
      current.body.version,
      current.body.withdrawals,
      current.body.shadowed,
      current.body.lapsed,
    ]).toEqual([1, ['TAX-Q-0001'], [], []])
    expect(current.body.provinceItems.map((i: { code: string }) => i.code)).toContain('TAX-Q-0001')

    // The district's terminal: the addition in its items and search index, the withdrawn item gone.
    const demo = await codesOf(backend.terminal)
    expect(demo.items).toEqual([...demoBefore.items.filter((c) => c !== 'TAX-Q-0001'), 'YC-MZ-0001'].sort())
    expect(demo.search).toEqual(demo.items)
    expect(demo.overlayVersion).toBe(1)
    expect(demo.etag).not.toBe(demoBefore.etag)
    const heartbeat = await call(backend.url, 'POST', '/api/terminal/heartbeat', {
      token: backend.terminal,
      body: HEARTBEAT,
    })
    expect(heartbeat.status, JSON.stringify(heartbeat.body)).toBe(200)
    expect([heartbeat.body.catalogVersion, heartbeat.body.overlayVersion]).toEqual([1, 1])

    // Another district's admin reaches only its own district; another district's terminal sees the province.
    const zijinView = await as(zijin, 'GET', '/api/admin/district-catalog')
    expect([zijinView.body.districtCode, zijinView.body.version, zijinView.body.additions]).toEqual([
      ZIJIN,
      0,
      [],
    ])
    const foreignRollback = await as(zijin, 'POST', '/api/admin/district-catalog/rollback', { version: 1 })
    expect([foreignRollback.status, foreignRollback.body.error]).toEqual([404, 'version'])
    const longchuan = await terminalIn('龙川终端', LONGCHUAN)
    expect(await codesOf(longchuan)).toMatchObject({ items: demoBefore.items, overlayVersion: undefined })

    // A record of the added item: stored from the district's terminal, refused from another's, counted by name.
    const added = record({ itemCode: 'YC-MZ-0001' })
    const posted = await call(backend.url, 'POST', '/api/terminal/transactions', {
      token: backend.terminal,
      body: { records: [added] },
    })
    expect(posted.body.outcomes[0].status).toBe('ok')
    const elsewhere = await call(backend.url, 'POST', '/api/terminal/transactions', {
      token: longchuan,
      body: { records: [record({ itemCode: 'YC-MZ-0001' })] },
    })
    expect(elsewhere.body.outcomes[0]).toMatchObject({ status: 'rejected', code: 400 })
    const counts = await as(
      backend.ops.token,
      'GET',
      '/api/ops/daily-counts?from=2026-11-27&to=2026-11-27&by=item&span=range',
    )
    expect(
      counts.body.rows
        .filter((r: { key: string }) => r.key === 'YC-MZ-0001')
        .map((r: { label: string; transactions: number }) => [r.label, r.transactions]),
    ).toEqual([['源城区高龄津贴申领', 1]])

    // The district's hall takes a case of its own item through the intake API; another district's hall cannot.
    const system = await as(backend.admin.token, 'POST', '/api/admin/accounts', {
      username: 'window-system',
      role: 'intake',
    })
    const intake = (await login(backend.url, 'window-system', system.body.password)).token
    const hallCase = (district: string) => ({
      cases: [
        {
          key: uuid(),
          channel: '窗口',
          itemCode: 'YC-MZ-0001',
          caseNumber: `WB${Date.now()}`,
          acceptedAt: new Date(Date.now() - 60_000).toISOString(),
          district,
        },
      ],
    })
    const hall = await as(intake, 'POST', '/api/intake/cases', hallCase(DEMO_DISTRICT_CODE))
    expect([hall.status, hall.body.outcomes?.[0]?.status]).toEqual([200, 'stored'])
    const otherHall = await as(intake, 'POST', '/api/intake/cases', hallCase(LONGCHUAN))
    expect([otherHall.status, otherHall.body.message]).toEqual([
      400,
      `body: cases.0.itemCode: YC-MZ-0001 is not in the published catalog of district ${LONGCHUAN}`,
    ])

    // A second version restores the item; the rollback to version 1 withdraws it again, as a new version 3.
    expect(
      (await as(yuancheng, 'POST', '/api/admin/district-catalog/publish', { withdrawals: [] })).body.version,
    ).toBe(2)
    expect((await codesOf(backend.terminal)).items).toContain('TAX-Q-0001')
    const rolled = await as(yuancheng, 'POST', '/api/admin/district-catalog/rollback', { version: 1 })
    expect([rolled.body.version, rolled.body.rolledBackTo]).toEqual([3, 1])
    expect(await codesOf(backend.terminal)).toMatchObject({ items: demo.items, overlayVersion: 3 })
    const versions = await as(yuancheng, 'GET', '/api/admin/district-catalog/versions')
    expect(versions.body.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ])
    const audit = await as(backend.admin.token, 'GET', '/api/admin/audit?limit=10')
    expect(
      audit.body.entries
        .filter((e: { action: string }) => e.action.startsWith('district-catalog.'))
        .map((e: { action: string; actor: string; target: string }) => [e.action, e.actor, e.target]),
    ).toEqual([
      ['district-catalog.rollback', 'yuancheng-admin', '441602 v3'],
      ['district-catalog.publish', 'yuancheng-admin', '441602 v2'],
      ['district-catalog.publish', 'yuancheng-admin', '441602 v1'],
    ])
  }, 120_000)

  it('lets the province win when it later takes an added item’s code or drops a withdrawn one', async () => {
    const yuancheng = await adminOf('yuancheng-admin2', DEMO_DISTRICT_CODE)
    const candidate = {
      file: { name: 'additions.csv', base64: base64('additions.csv') },
      withdrawals: ['TAX-Q-0001'],
    }
    expect((await as(yuancheng, 'POST', '/api/admin/district-catalog/publish', candidate)).status).toBe(200)
    const district = (await as(yuancheng, 'GET', '/api/admin/district-catalog')).body
    const added = district.additions[0]

    // The province publishes the added item's code as its own item, and drops the withdrawn one.
    const province = (await as(backend.admin.token, 'GET', '/api/admin/catalog/current')).body
    const next = {
      ...province,
      items: [
        ...province.items.filter((i: { code: string }) => i.code !== 'TAX-Q-0001'),
        { ...added, name: { zh: '全省高龄津贴申领', en: 'Province old-age allowance' } },
      ],
    }
    const checked = await call(backend.url, 'POST', '/api/admin/catalog/validate', {
      token: backend.admin.token,
      body: JSON.stringify(next),
      headers: { 'content-type': 'application/json', 'x-file-name': 'catalog.json' },
    })
    expect(checked.body.ok).toBe(true)
    const published = await as(backend.admin.token, 'POST', '/api/admin/catalog/publish', {
      candidateId: checked.body.candidateId,
    })
    expect(published.status).toBe(200)

    const after = (await as(yuancheng, 'GET', '/api/admin/district-catalog')).body
    expect([after.shadowed, after.lapsed]).toEqual([['YC-MZ-0001'], ['TAX-Q-0001']])
    const res = await call(backend.url, 'GET', '/api/terminal/catalog', { token: backend.terminal })
    const served = (res.body.items as { code: string; name: { zh: string } }[]).filter(
      (i) => i.code === 'YC-MZ-0001',
    )
    expect(served.map((i) => i.name.zh)).toEqual(['全省高龄津贴申领'])
    // The district's next publish must drop the shadowed addition: the check names it.
    const again = await as(yuancheng, 'POST', '/api/admin/district-catalog/validate', { withdrawals: [] })
    expect(again.body.problems.map((p: { code: string; row: number }) => [p.code, p.row])).toEqual([
      ['addition_is_province_item', 1],
    ])
  }, 60_000)
})
