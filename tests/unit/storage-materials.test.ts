/**
 * The storage suite's 申请材料 part, run against every store (SQLite in memory, PostgreSQL in a fresh database):
 * rows kept once per (district, record, content hash), the per-record limit, the purge's choice (records gone past
 * retention, orphans past their hours, nothing else) and the database-kept sealed bytes.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import type { MaterialRow } from '../../mock-backend/src/db/materialRows'
import { STORES, useStore } from '../fixtures/node/backend/postgresStores'
import { insertTownHall, storeRows } from '../fixtures/node/backend/storeRows'

const NOW = '2026-03-02T01:00:00.000Z'
const RECORD = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'
const OTHER = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c'

/** A material of `recordKey` with hash `hash`, received at `receivedAt`. */
const material = (recordKey: string, hash: string, receivedAt = NOW): MaterialRow => ({
  districtCode: DEMO_DISTRICT_CODE,
  recordKey,
  contentHash: hash.padEnd(64, '0'),
  terminalId: 'T-1',
  itemCode: 'ZJ-SB-0001',
  material: '家庭收入证明',
  mediaType: 'image/jpeg',
  byteCount: 1234,
  receivedAt,
  licence: null,
})

/** The transaction row of `key`, received at `receivedAt`. */
const transaction = (key: string, receivedAt: string) => ({
  key,
  payloadHash: 'p',
  terminalId: 'T-1',
  districtCode: DEMO_DISTRICT_CODE,
  sessionId: 's',
  itemCode: 'ZJ-SB-0001',
  department: 'zj',
  catalogVersion: 1,
  createdAt: receivedAt,
  day: receivedAt.slice(0, 10),
  receivedAt,
  resultJson: '{}',
  reference: `SB${key.slice(-13).replace(/\D/g, '1').padStart(13, '1')}`,
})

describe.each(STORES)('%s store, materials', (kind) => {
  const under = useStore(kind)

  it('keeps a material once per (record, hash): the same hash for another record is a second material', async () => {
    const { store } = under
    expect(await store.materials.add(material(RECORD, 'a'), 3)).toBe('stored')
    expect(await store.materials.add(material(RECORD, 'a'), 3)).toBe('replayed')
    expect(await store.materials.add(material(OTHER, 'a'), 3)).toBe('stored')
    expect(await store.materials.forRecord(RECORD)).toEqual([material(RECORD, 'a')])
    expect(await store.materials.find(material(OTHER, 'a'))).toEqual(material(OTHER, 'a'))
    expect(await store.materials.find(material(OTHER, 'b'))).toBeUndefined()
  })

  it('keeps an 电子证照 reused as its kind with no bytes beside a capture of the same record', async () => {
    const { store } = under
    const reused: MaterialRow = {
      ...material(RECORD, 'l'),
      material: '家庭成员户口簿',
      mediaType: null,
      byteCount: 0,
      licence: '居民户口簿',
    }
    expect(await store.materials.add(reused, 3)).toBe('stored')
    expect(await store.materials.add(material(RECORD, 'a'), 3)).toBe('stored')
    expect(await store.materials.add(reused, 3)).toBe('replayed')
    const rows = await store.materials.forRecord(RECORD)
    expect(rows.map((r) => [r.material, r.mediaType, r.licence])).toEqual([
      ['家庭收入证明', 'image/jpeg', null],
      ['家庭成员户口簿', null, '居民户口簿'],
    ])
    expect(await store.materials.find(reused)).toEqual(reused)
    // A row is bytes or a licence, never both nor neither: the store itself refuses it.
    await expect(store.materials.add({ ...material(RECORD, 'x'), licence: '结婚证' }, 3)).rejects.toThrow()
    await expect(store.materials.add({ ...material(RECORD, 'y'), mediaType: null }, 3)).rejects.toThrow()
  })

  it('refuses one more than the per-record limit, and a replay at the limit still answers replayed', async () => {
    const { store } = under
    expect(await store.materials.add(material(RECORD, 'a'), 2)).toBe('stored')
    expect(await store.materials.add(material(RECORD, 'b'), 2)).toBe('stored')
    expect(await store.materials.add(material(RECORD, 'c'), 2)).toBe('full')
    expect(await store.materials.add(material(RECORD, 'b'), 2)).toBe('replayed')
    expect((await store.materials.forRecord(RECORD)).map((m) => m.contentHash[0])).toEqual(['a', 'b'])
  })

  it('purges records received before the cutoff and orphans before theirs, and nothing else', async () => {
    const { store } = under
    await insertTownHall(store, NOW)
    const keys = {
      oldRecord: '0190a1b2-c3d4-7e5f-8a9b-000000000001',
      newRecord: '0190a1b2-c3d4-7e5f-8a9b-000000000002',
      oldOrphan: '0190a1b2-c3d4-7e5f-8a9b-000000000003',
      newOrphan: '0190a1b2-c3d4-7e5f-8a9b-000000000004',
    }
    await storeRows(store, [
      transaction(keys.oldRecord, '2025-08-01T00:00:00.000Z'),
      transaction(keys.newRecord, '2026-03-01T00:00:00.000Z'),
    ])
    for (const [name, key] of Object.entries(keys))
      await store.materials.add(
        material(
          key,
          name[0]!,
          name.startsWith('old') ? '2025-08-01T00:00:00.000Z' : '2026-03-01T23:00:00.000Z',
        ),
        5,
      )
    const purgeable = await store.materials.purgeable('2025-09-01T00:00:00.000Z', '2026-02-27T00:00:00.000Z')
    expect(purgeable.map((r) => r.recordKey).sort()).toEqual([keys.oldRecord, keys.oldOrphan])
    await store.materials.putBytes(purgeable[0]!, Buffer.from('sealed'))
    expect(await store.materials.remove(purgeable)).toBe(2)
    expect(await store.materials.getBytes(purgeable[0]!)).toBeUndefined()
    expect(await store.materials.purgeable('2025-09-01T00:00:00.000Z', '2026-02-27T00:00:00.000Z')).toEqual(
      [],
    )
    expect((await store.materials.forRecord(keys.newOrphan)).length).toBe(1)
  })

  it('keeps, replaces and deletes database-kept sealed bytes', async () => {
    const { store } = under
    const ref = material(RECORD, 'a')
    expect(await store.materials.getBytes(ref)).toBeUndefined()
    await store.materials.putBytes(ref, new Uint8Array([1, 2, 3]))
    await store.materials.putBytes(ref, new Uint8Array([4, 5]))
    expect([...((await store.materials.getBytes(ref)) ?? [])]).toEqual([4, 5])
    await store.materials.deleteBytes(ref)
    expect(await store.materials.getBytes(ref)).toBeUndefined()
  })
})
