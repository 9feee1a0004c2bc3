/**
 * The storage suite's district catalog overlays, run against every store (SQLite in memory, PostgreSQL in a fresh
 * database): versions numbered per district, content kept whole, the active version per district, a rollback as a
 * new version with an older one's content, and two publishes at once each getting their own number.
 */
import { describe, expect, it } from 'vitest'
import type { CatalogOverlay } from '../../mock-backend/src/db/overlayRows'
import { STORES, useStore } from '../fixtures/node/backend/postgresStores'
import { defaultCatalog } from '../fixtures/node/catalog'

const YUANCHENG = '441602'
const DONGYUAN = '441625'
const NOW = '2026-03-02T01:00:00.000Z'

const catalog = defaultCatalog()
/** An addition: a province item under a code of the district's own. */
const addition = (code: string) => ({
  ...catalog.items[0]!,
  code,
  name: { zh: `区县事项 ${code}`, en: code },
})
const overlay = (additions: string[], withdrawals: string[]): CatalogOverlay => ({
  departments: [],
  additions: additions.map(addition),
  withdrawals,
})

describe.each(STORES)('%s store, district catalog overlays', (kind) => {
  const under = useStore(kind)

  it('numbers versions per district, keeps each whole, and reads the active one', async () => {
    const { store } = under
    expect(await store.overlays.latest(YUANCHENG)).toBe(0)
    expect(await store.overlays.list(YUANCHENG)).toEqual([])
    const first = overlay(['YC-0001'], [catalog.items[1]!.code])
    expect(await store.overlays.publish(YUANCHENG, first, 'yc-admin', '首版', NOW)).toBe(1)
    expect(await store.overlays.publish(DONGYUAN, overlay([], ['X']), 'dy-admin', '', NOW)).toBe(1)
    const second = overlay(['YC-0001', 'YC-0002'], [])
    expect(await store.overlays.publish(YUANCHENG, second, 'yc-admin', '', NOW)).toBe(2)

    expect(await store.overlays.latest(YUANCHENG)).toBe(2)
    expect(await store.overlays.latest(DONGYUAN)).toBe(1)
    expect(await store.overlays.latest('441621')).toBe(0)
    expect(await store.overlays.get(YUANCHENG, 1)).toEqual({
      districtCode: YUANCHENG,
      version: 1,
      publishedAt: NOW,
      publishedBy: 'yc-admin',
      note: '首版',
      additionCount: 1,
      withdrawalCount: 1,
      overlay: first,
    })
    expect(await store.overlays.get(YUANCHENG, 3)).toBeUndefined()
    expect(await store.overlays.get(DONGYUAN, 2)).toBeUndefined()
    expect(
      (await store.overlays.list(YUANCHENG)).map((v) => [v.version, v.additionCount, v.withdrawalCount]),
    ).toEqual([
      [2, 2, 0],
      [1, 1, 1],
    ])
    expect(await store.overlays.activeVersions()).toEqual([
      { districtCode: YUANCHENG, version: 2 },
      { districtCode: DONGYUAN, version: 1 },
    ])
    expect(
      (await store.overlays.activeOfAll()).map((v) => [
        v.districtCode,
        v.version,
        v.overlay.additions.length,
      ]),
    ).toEqual([
      [YUANCHENG, 2, 2],
      [DONGYUAN, 1, 0],
    ])
  })

  it('rolls back by publishing an earlier version’s content as the next number', async () => {
    const { store } = under
    const first = overlay(['YC-0001'], ['A'])
    await store.overlays.publish(YUANCHENG, first, 'yc-admin', '', NOW)
    await store.overlays.publish(YUANCHENG, overlay([], []), 'yc-admin', '', NOW)
    const earlier = await store.overlays.get(YUANCHENG, 1)
    expect(await store.overlays.publish(YUANCHENG, earlier!.overlay, 'yc-admin', '回滚至版本 1', NOW)).toBe(3)
    expect((await store.overlays.get(YUANCHENG, 3))?.overlay).toEqual(first)
  })

  it('gives two publishes of one district at once their own numbers', async () => {
    const { store } = under
    const numbers = await Promise.all(
      ['a', 'b', 'c'].map((n) => store.overlays.publish(YUANCHENG, overlay([`YC-${n}`], []), n, '', NOW)),
    )
    expect([...numbers].sort()).toEqual([1, 2, 3])
  })
})
