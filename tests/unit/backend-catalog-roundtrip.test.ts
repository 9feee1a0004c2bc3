/**
 * The admin validate route imports a CSV on top of the published catalog: downloading the catalog as
 * CSV (Excel/WPS round trip) and uploading it again must change nothing, not wipe form fields or English.
 */
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { beforeAll, describe, expect, it } from 'vitest'
import { catalogToCsv } from '../../services-catalog/src/csvExport'
import { diffCatalogs } from '../../services-catalog/src/diff'
import { importCatalogFile } from '../../services-catalog/src/importCatalog'
import type { Catalog } from '../../services-catalog/src/schema'
import { call, ROOT, type SpawnedBackend } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const DEFAULT_CATALOG = join(ROOT, 'services-catalog/data/catalog.json')

const backend = backendSession({ env: { CATALOG_FILE: DEFAULT_CATALOG }, signIn: ['admin'] })
let server: SpawnedBackend
let token: string
beforeAll(() => {
  server = backend.server
  token = backend.admin.token
})

async function published(): Promise<Catalog> {
  const res = await call(server.url, 'GET', '/api/admin/catalog/current', { token })
  expect(res.status).toBe(200)
  return res.body as Catalog
}

async function upload(bytes: Uint8Array, fileName: string) {
  const res = await fetch(`${server.url}/api/admin/catalog/validate`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'text/csv',
      'x-file-name': encodeURIComponent(fileName),
    },
    body: Buffer.from(bytes),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { ok: boolean; candidateId: string; encoding: string; problems: unknown[] }
}

async function diffOf(candidateId: string) {
  const res = await call(server.url, 'POST', '/api/admin/catalog/diff', { token, body: { candidateId } })
  expect(res.status).toBe(200)
  return res.body as { added: unknown[]; removed: unknown[]; changed: { code: string }[]; unchanged: number }
}

describe('CSV round trip through the admin validate route', () => {
  it('the published catalog has what CSV cannot carry (so the round trip is a real check)', async () => {
    const catalog = await published()
    expect(catalog.items.some((i) => i.fields.length > 0)).toBe(true)
    // Without the published catalog as base, the same CSV would lose form fields: many items change.
    const bare = importCatalogFile(new TextEncoder().encode(catalogToCsv(catalog)), {
      fileName: 'catalog.csv',
      departments: catalog.departments,
    })
    expect(bare.ok).toBe(true)
    expect(diffCatalogs(catalog, bare.catalog!).changed.length).toBeGreaterThan(0)
  })

  it('export → import as UTF-8 CSV yields zero changes in the diff', async () => {
    const catalog = await published()
    const report = await upload(
      new TextEncoder().encode(catalogToCsv(catalog, { bom: true })),
      '事项清单.csv',
    )
    expect(report.ok).toBe(true)
    const diff = await diffOf(report.candidateId)
    expect(diff.added).toEqual([])
    expect(diff.removed).toEqual([])
    expect(diff.changed).toEqual([])
    expect(diff.unchanged).toBe(catalog.items.length)
  })

  it('export → import as GBK CSV (Excel on Chinese Windows) also yields zero changes', async () => {
    const catalog = await published()
    const report = await upload(new Uint8Array(iconv.encode(catalogToCsv(catalog), 'gbk')), 'catalog-gbk.csv')
    expect(report.ok).toBe(true)
    expect(report.encoding.toLowerCase()).toMatch(/gb/)
    const diff = await diffOf(report.candidateId)
    expect([diff.added.length, diff.removed.length, diff.changed.length]).toEqual([0, 0, 0])
  })
})
