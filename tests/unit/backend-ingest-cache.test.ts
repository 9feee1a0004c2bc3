import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { indexCatalog } from '../../mock-backend/src/catalogCache'
import { BatchAnswer } from '../../mock-backend/src/contract'
import { ingestBatch, ingestBatchJson } from '../../mock-backend/src/ingest'
import type { Catalog } from '../../services-catalog/src/schema'
import { INGEST_NOW, ingestWorld } from '../fixtures/node/backend/ingestWorld'

const NOW = INGEST_NOW
const PHONE = { phone: '13800138000' }

/** The ingest world, with `cases()` counting the cases opened. */
async function setup(change?: (c: Catalog) => Catalog) {
  const world = await ingestWorld(change)
  return { ...world, cases: () => world.count('cases') }
}

describe('catalog cache', () => {
  it('parses a published version once, however many batches and catalog downloads use it', async () => {
    const { store, deps, terminal, record } = await setup()
    const parse = vi.spyOn(store, 'getCatalogVersion')
    for (let i = 0; i < 5; i++)
      await ingestBatch(deps, terminal, [record('HRSS-Q-0001'), record('POL-APPLY-0001', PHONE)])
    ;(await deps.catalog.active())!.jsonForGroups(terminal.groups)
    expect(parse).toHaveBeenCalledTimes(1)
  })

  it('starts over on publish and rollback: the new version is what ingest checks against', async () => {
    const { store, catalog, deps, terminal, record } = await setup()
    expect((await ingestBatch(deps, terminal, [record('TAX-Q-0001')]))[0]!.status).toBe('ok')
    const generation = store.catalogGeneration
    const withoutTax = { ...catalog, items: catalog.items.filter((i) => i.code !== 'TAX-Q-0001') }
    await store.publishCatalog(withoutTax, [], 'test', '', NOW)
    expect(store.catalogGeneration).toBe(generation + 1)
    expect((await deps.catalog.active())!.version).toBe(2)
    const [gone] = await ingestBatch(deps, terminal, [{ ...record('TAX-Q-0001'), catalogVersion: 2 }])
    expect(gone).toMatchObject({ status: 'rejected', code: 400 })
    expect(gone!.status === 'rejected' && gone!.message).toContain('unknown item "TAX-Q-0001"')
    // Rollback = publishing version 1's content again as version 3.
    await store.publishCatalog(catalog, [], 'test', '回滚至版本 1', NOW)
    const [back] = await ingestBatch(deps, terminal, [{ ...record('TAX-Q-0001'), catalogVersion: 3 }])
    expect(back!.status).toBe('ok')
    expect(await deps.catalog.versionIndex(99)).toBeUndefined()
  })

  it('serves the terminal catalog filtered to its groups, as the same JSON each time', async () => {
    const { deps } = await setup()
    const index = (await deps.catalog.active())!
    const json = index.jsonForGroups(['town-centre'])
    expect(index.jsonForGroups(['town-centre'])).toBe(json)
    const codes = (JSON.parse(json) as Catalog).items.map((i) => i.code)
    expect(codes).toContain('TAX-Q-0001')
    expect(codes).not.toContain('POL-APPT-0001')
  })
})

describe('lean ingest keeps its semantics', () => {
  it('replays, conflicts, duplicate keys and HTTP JSON agree with the object answer', async () => {
    const { deps, terminal, record } = await setup()
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
    const { deps, terminal, record } = await setup((c) => ({
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
    deps.departments.setFaults({ tax: { latencyMs: 0, failureRate: 0, outage: true } })
    const out = await ingestBatch(deps, terminal, [
      record('HRSS-Q-0001', { year: '  ' }),
      record('HRSS-Q-0001', { year: '2026' }),
      record('POL-APPT-0001'),
      record('TAX-Q-0001'),
    ])
    expect(out[0]).toMatchObject({ status: 'rejected', code: 400, message: 'fields.year: required' })
    expect(out[1]!.status).toBe('ok')
    expect(out[2]).toMatchObject({ status: 'rejected', code: 400 })
    expect(out[3]).toMatchObject({ status: 'retry', code: 503 })
  })

  it('opens a case for each new 申办 record in the batch transaction, never twice on replay', async () => {
    const { deps, terminal, record, cases, errors } = await setup()
    const batch = [record('POL-APPLY-0001', PHONE), record('POL-APPLY-0001', PHONE), record('HRSS-Q-0001')]
    await ingestBatch(deps, terminal, batch)
    await ingestBatch(deps, terminal, batch)
    expect(cases()).toBe(2)
    expect(errors).toEqual([])
  })
})

describe('department names for ingest and cases', () => {
  it('falls back to the department code when the catalog lacks the department or its name', async () => {
    const { deps, terminal, record, db, errors } = await setup((c) => ({
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

  it('indexes names once: a nameless department is absent, an English-less one keeps its Chinese', async () => {
    const { store } = await setup()
    const full = (await store.getCatalogVersion(1))!
    full.catalog.departments.push({ code: 'x' } as unknown as Catalog['departments'][number])
    full.catalog.departments[0] = { ...full.catalog.departments[0]!, name: { zh: '人社局', en: '' } }
    const index = indexCatalog(full)
    expect(index.departmentNames.has('x')).toBe(false)
    expect(index.departmentNames.get(full.catalog.departments[0]!.code)).toEqual({ zh: '人社局', en: '' })
  })
})
