import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { RateLimiter } from '../../mock-backend/src/auth/rateLimit'
import { activeCatalogIndex, catalogVersionIndex, indexCatalog } from '../../mock-backend/src/catalogCache'
import { loadConfig } from '../../mock-backend/src/config'
import { BatchAnswer, type TransactionRecord } from '../../mock-backend/src/contract'
import { migrate } from '../../mock-backend/src/db/migrations'
import { Store } from '../../mock-backend/src/db/store'
import { DepartmentSimulator } from '../../mock-backend/src/departments/simulator'
import type { AppDeps } from '../../mock-backend/src/deps'
import { ingestBatch, ingestBatchJson } from '../../mock-backend/src/ingest'
import type { Logger } from '../../mock-backend/src/logger'
import { Catalog } from '../../services-catalog/src/schema'
import fixture from '../fixtures/backend/catalog.json' with { type: 'json' }

const NOW = '2026-11-23T09:00:00+08:00'
const PHONE = { phone: '13800138000' }

/** In-memory store with the fixture catalog (optionally changed) published, and server-like deps. */
function setup(change: (c: Catalog) => Catalog = (c) => c) {
  const db = new Database(':memory:')
  migrate(db)
  const store = new Store(db)
  const catalog = change(Catalog.parse(fixture))
  store.publishCatalog(catalog, [], 'test', '', NOW)
  store.insertTerminal({
    id: 'T-1',
    name: '测试终端',
    location: '',
    groups: ['town-centre'],
    tokenHash: null,
    codeHash: null,
    codeExpiresAt: null,
    now: NOW,
  })
  const errors: string[] = []
  const logger = {
    error: (o: { err?: { message?: string } }, msg: string) => errors.push(`${msg}: ${o.err?.message}`),
    warn: () => {},
    info: () => {},
    debug: () => {},
  } as unknown as Logger
  const config = loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'warn' })
  const departments = new DepartmentSimulator('seed', {}, async () => {})
  const deps: AppDeps = {
    store,
    config,
    logger,
    departments,
    loginLimiter: new RateLimiter(5, 60_000),
    now: () => new Date(NOW),
    appVersion: 'test',
  }
  const terminal = store.getTerminal('T-1')!
  const record = (itemCode: string, fields: Record<string, string> = {}): TransactionRecord => ({
    key: randomUUID(),
    sessionId: randomUUID(),
    itemCode,
    catalogVersion: 1,
    createdAt: NOW,
    fields,
  })
  const cases = () => (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n
  return { db, store, catalog, deps, terminal, record, errors, cases }
}

describe('catalog cache', () => {
  it('parses a published version once, however many batches and catalog downloads use it', async () => {
    const { store, deps, terminal, record } = setup()
    const parse = vi.spyOn(store, 'getCatalogVersion')
    for (let i = 0; i < 5; i++)
      await ingestBatch(deps, terminal, [record('HRSS-Q-0001'), record('POL-APPLY-0001', PHONE)])
    activeCatalogIndex(store)!.jsonForGroups(terminal.groups)
    expect(parse).toHaveBeenCalledTimes(1)
  })

  it('starts over on publish and rollback: the new version is what ingest checks against', async () => {
    const { store, catalog, deps, terminal, record } = setup()
    expect((await ingestBatch(deps, terminal, [record('TAX-Q-0001')]))[0]!.status).toBe('ok')
    const generation = store.catalogGeneration
    const withoutTax = { ...catalog, items: catalog.items.filter((i) => i.code !== 'TAX-Q-0001') }
    store.publishCatalog(withoutTax, [], 'test', '', NOW)
    expect(store.catalogGeneration).toBe(generation + 1)
    expect(activeCatalogIndex(store)!.version).toBe(2)
    const [gone] = await ingestBatch(deps, terminal, [{ ...record('TAX-Q-0001'), catalogVersion: 2 }])
    expect(gone).toMatchObject({ status: 'rejected', code: 400 })
    expect(gone!.status === 'rejected' && gone!.message).toContain('unknown item "TAX-Q-0001"')
    // Rollback = publishing version 1's content again as version 3.
    store.publishCatalog(catalog, [], 'test', '回滚至版本 1', NOW)
    const [back] = await ingestBatch(deps, terminal, [{ ...record('TAX-Q-0001'), catalogVersion: 3 }])
    expect(back!.status).toBe('ok')
    expect(catalogVersionIndex(store, 99)).toBeUndefined()
  })

  it('serves the terminal catalog filtered to its groups, as the same JSON each time', () => {
    const { store } = setup()
    const index = activeCatalogIndex(store)!
    const json = index.jsonForGroups(['town-centre'])
    expect(index.jsonForGroups(['town-centre'])).toBe(json)
    const codes = (JSON.parse(json) as Catalog).items.map((i) => i.code)
    expect(codes).toContain('TAX-Q-0001')
    expect(codes).not.toContain('POL-APPT-0001')
  })
})

describe('lean ingest keeps its semantics', () => {
  it('replays, conflicts, duplicate keys and HTTP JSON agree with the object answer', async () => {
    const { deps, terminal, record } = setup()
    const a = record('HRSS-Q-0001')
    const b = record('POL-APPLY-0001', PHONE)
    const first = await ingestBatch(deps, terminal, [a, b, a, { ...b, sessionId: randomUUID() }])
    expect(first.map((o) => o.status)).toEqual(['ok', 'ok', 'ok', 'conflict'])
    expect(first[0]).toMatchObject({ replayed: false })
    expect(first[2]).toMatchObject({ replayed: true })
    const again = BatchAnswer.parse(
      JSON.parse(await ingestBatchJson(deps, terminal, [a, { ...b, fields: { x: '1' } }])),
    )
    expect(again.outcomes[0]).toEqual({ ...first[0], replayed: true })
    expect(again.outcomes[1]).toMatchObject({ status: 'conflict', code: 422 })
  })

  it('rejects missing required fields and unoffered items; answers 503 retry for a department outage', async () => {
    const { deps, terminal, record } = setup((c) => ({
      ...c,
      items: c.items.map((i) =>
        i.code === 'HRSS-Q-0001'
          ? {
              ...i,
              fields: [
                { key: 'year', label: { zh: '年份', en: 'Year' }, type: 'text', required: true } as never,
              ],
            }
          : i,
      ),
    }))
    deps.departments.setFaults({ medicare: { latencyMs: 0, failureRate: 0, outage: true } })
    const out = await ingestBatch(deps, terminal, [
      record('HRSS-Q-0001', { year: '  ' }),
      record('HRSS-Q-0001', { year: '2026' }),
      record('POL-APPT-0001'),
      record('MED-PAY-0001'),
    ])
    expect(out[0]).toMatchObject({ status: 'rejected', code: 400, message: 'fields.year: required' })
    expect(out[1]!.status).toBe('ok')
    expect(out[2]).toMatchObject({ status: 'rejected', code: 400 })
    expect(out[3]).toMatchObject({ status: 'retry', code: 503 })
  })

  it('opens a case for each new 申办 record in the batch transaction, never twice on replay', async () => {
    const { deps, terminal, record, cases, errors } = setup()
    const batch = [record('POL-APPLY-0001', PHONE), record('POL-APPLY-0001', PHONE), record('HRSS-Q-0001')]
    await ingestBatch(deps, terminal, batch)
    await ingestBatch(deps, terminal, batch)
    expect(cases()).toBe(2)
    expect(errors).toEqual([])
  })
})

describe('department names for ingest and cases', () => {
  it('falls back to the department code when the catalog lacks the department or its name', async () => {
    const { deps, terminal, record, db, errors } = setup((c) => ({
      ...c,
      // police is missing entirely; a department row without a name (older or hand-edited data) is tolerated.
      departments: [
        ...c.departments.filter((d) => d.code !== 'police'),
        { code: 'orphan' } as unknown as Catalog['departments'][number],
      ],
    }))
    const out = await ingestBatch(deps, terminal, [record('POL-APPLY-0001', PHONE)])
    expect(out[0]!.status).toBe('ok')
    expect(errors).toEqual([])
    const row = db.prepare('SELECT department_name_zh AS zh, department_name_en AS en FROM cases').get()
    expect(row).toEqual({ zh: 'police', en: 'police' })
  })

  it('indexes names once: a nameless department is absent, an English-less one keeps its Chinese', () => {
    const { store } = setup()
    const full = store.getCatalogVersion(1)!
    full.catalog.departments.push({ code: 'x' } as unknown as Catalog['departments'][number])
    full.catalog.departments[0] = { ...full.catalog.departments[0]!, name: { zh: '人社局', en: '' } }
    const index = indexCatalog(full)
    expect(index.departmentNames.has('x')).toBe(false)
    expect(index.departmentNames.get(full.catalog.departments[0]!.code)).toEqual({ zh: '人社局', en: '' })
  })
})
