/**
 * Batches are sized by bytes as well as count: a queue of large records goes out in bodies that stay
 * under the contract's MAX_BODY_BYTES (the fake backend refuses larger ones with 413, as the real one does).
 */
import { describe, expect, it } from 'vitest'
import { recordWireBytes, utf8Bytes } from '../../kiosk/src/sync/batchBytes'
import { runSyncOnce } from '../../kiosk/src/sync/syncEngine'
import { MAX_BODY_BYTES } from '../../mock-backend/src/contract/constants'
import { makeRecords } from '../fixtures/node/offline/records'
import { fill, syncHarness } from '../fixtures/node/offline/syncHarness'

/** `count` records of about 45 KB each: 30 fields of 500 Chinese characters. */
function largeRecords(count: number) {
  const text = '办'.repeat(500)
  const fields = Object.fromEntries(
    Array.from({ length: 30 }, (_, i) => [`f${String(i).padStart(2, '0')}`, text]),
  )
  return makeRecords(count).map((r) => ({ ...r, fields }))
}

describe('batches sized by bytes', () => {
  it('counts UTF-8 bytes as the wire does', () => {
    for (const text of ['', 'abc', '办件', 'é', '𠀀x', '{"n":"李四"}'])
      expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).length)
  })

  it('sends 60 records of 45 KB in bodies under the limit, each batch full, oldest first, and delivers all', async () => {
    const { db, backend, deps } = await syncHarness()
    const records = await fill(db, 60, largeRecords(60))
    const one = recordWireBytes(records[0])
    expect(one).toBeGreaterThan(45_000)

    const report = await runSyncOnce(deps)
    expect(report).toMatchObject({ delivered: 60, deadLettered: 0 })
    // Two lanes drain at once: the batches in the order they were taken, not as their requests arrived.
    const batches = backend.takenBatches(records.map((r) => r.key))
    expect(batches.map((b) => b.keys.length)).toEqual([23, 23, 14])
    for (const { bytes } of batches) expect(bytes).toBeLessThanOrEqual(MAX_BODY_BYTES)
    // Full batches could not take one more record.
    for (const { bytes } of batches.slice(0, -1)) expect(bytes + one).toBeGreaterThan(MAX_BODY_BYTES)
    expect(batches.flatMap((b) => b.keys)).toEqual(records.map((r) => r.key))
    expect(await db.count('outbox')).toBe(0)
  })
})
