import { describe, expect, it } from 'vitest'
import { createUuidV7Generator, uuidv7 } from '../../kiosk/src/storage/uuidv7'
import { TransactionRecord } from '../../mock-backend/src/contract'

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('uuidv7', () => {
  it('has the version and variant bits and the millisecond timestamp up front', () => {
    const ms = Date.UTC(2026, 10, 27, 3, 4, 5, 678)
    const id = createUuidV7Generator(() => ms)()
    expect(id).toMatch(V7)
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms)
  })

  it('is accepted as an idempotency key by the wire contract', () => {
    const record = {
      key: uuidv7(),
      sessionId: uuidv7(),
      itemCode: 'SB-0001',
      catalogVersion: 1,
      createdAt: new Date().toISOString(),
    }
    expect(TransactionRecord.safeParse(record).success).toBe(true)
  })

  it('stays strictly increasing within one millisecond and when the clock steps back', () => {
    let now = 1_800_000_000_000
    const next = createUuidV7Generator(() => now)
    const ids: string[] = []
    for (let i = 0; i < 5000; i += 1) ids.push(next())
    now -= 10_000
    for (let i = 0; i < 10; i += 1) ids.push(next())
    for (let i = 1; i < ids.length; i += 1) expect(ids[i]! > ids[i - 1]!).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(V7)
  })

  it('uses the injected random source', () => {
    const next = createUuidV7Generator(
      () => 0,
      (bytes) => bytes.fill(0xff),
    )
    expect(next()).toBe('00000000-0000-77ff-bfff-ffffffffffff')
  })
})
