/**
 * store.phoneUploads on both stores: a session is claimed by the first phone only (the same phone may open it
 * again, another is refused), ended once (the first time kept), and forgotten after it expired.
 */
import { describe, expect, it } from 'vitest'
import { STORES, useStore } from '../fixtures/node/backend/postgresStores'

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0)
const session = (id: string, expiresAt = T0 + 600_000) => ({
  id,
  districtCode: '441602',
  terminalId: 'T-1',
  recordKey: '0190a1b2-c3d4-7e5f-8a9b-000000000001',
  itemCode: 'ZJ-SB-0001',
  expiresAt,
})

describe.each(STORES)('phone upload sessions on %s', (kind) => {
  const under = useStore(kind)

  it('is claimed by the first phone only, and ended once', async () => {
    const { phoneUploads } = under.store
    await phoneUploads.open(session('a1'), T0)
    expect(await phoneUploads.get('a1')).toEqual({ ...session('a1'), phoneKeyHash: null, endedAt: null })
    expect(await phoneUploads.claim('a1', 'phone-1')).toBe('claimed')
    expect(await phoneUploads.claim('a1', 'phone-1')).toBe('same')
    expect(await phoneUploads.claim('a1', 'phone-2')).toBe('taken')
    expect(await phoneUploads.claim('nope', 'phone-1')).toBe('missing')
    await phoneUploads.end('a1', T0 + 5_000)
    await phoneUploads.end('a1', T0 + 9_000)
    expect(await phoneUploads.get('a1')).toMatchObject({ phoneKeyHash: 'phone-1', endedAt: T0 + 5_000 })
  })

  it('forgets sessions that expired when a new one opens', async () => {
    const { phoneUploads } = under.store
    await phoneUploads.open(session('old', T0 + 1_000), T0)
    await phoneUploads.open(session('live', T0 + 900_000), T0 + 500)
    expect(await phoneUploads.get('old')).toBeDefined()
    await phoneUploads.open(session('new', T0 + 900_000), T0 + 2_000)
    expect(await phoneUploads.get('old')).toBeUndefined()
    expect(await phoneUploads.get('live')).toBeDefined()
  })
})
