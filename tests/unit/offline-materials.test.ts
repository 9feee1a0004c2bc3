/**
 * 申请材料 waiting offline with their record: sealed in the outbox entry's personal part (the shell and LevelDB
 * hold no image), weighed in batches without them, uploaded by the sync before the record under its key, exactly
 * once, and gone from the terminal with the record once acknowledged. A material refused for good dead-letters
 * its record (the dead letter keeps no image); a failure to reach the backend leaves everything queued.
 */
import { describe, expect, it } from 'vitest'
import { recordWireBytes } from '../../kiosk/src/sync/batchBytes'
import { runSyncOnce } from '../../kiosk/src/sync/syncEngine'
import type { TransactionRecord } from '../../mock-backend/src/contract'
import { makeRecords } from '../fixtures/node/offline/records'
import { fill, syncHarness } from '../fixtures/node/offline/syncHarness'

const MATERIALS_PATH = '/api/terminal/materials'
const TX_PATH = '/api/terminal/transactions'
/** A recognisable capture: base64 of bytes no other value holds. */
const capture = (n: number) => btoa(`\xff\xd8\xff capture ${n} ${'x'.repeat(2000)} \xff\xd9`)

/** Four records, the first and third carrying materials (two and one). */
function records() {
  const [a, b, c, d] = makeRecords(4) as [
    TransactionRecord,
    TransactionRecord,
    TransactionRecord,
    TransactionRecord,
  ]
  return [
    {
      ...a,
      materials: [
        { material: '家庭收入证明', data: capture(1) },
        { material: '婚姻状况证明', data: capture(2) },
      ],
    },
    b,
    { ...c, materials: [{ material: '家庭收入证明', data: capture(3) }] },
    d,
  ]
}

/** The paths and (for materials) record keys of the requests, in order. */
const trail = (requests: { path: string; body: unknown }[]) =>
  requests
    .filter((r) => r.path === MATERIALS_PATH || r.path === TX_PATH)
    .map((r) =>
      r.path === MATERIALS_PATH
        ? `material ${(r.body as { recordKey: string; material: string }).recordKey} ${(r.body as { material: string }).material}`
        : `batch ${(r.body as { records: { key: string }[] }).records.map((x) => x.key).join(',')}`,
    )

describe('materials in the outbox', () => {
  it('keeps them sealed with the record, and weighs the record without them', async () => {
    const { db } = await syncHarness()
    const [withMaterials] = await fill(db, 4, records())
    const entry = await db.get('outbox', withMaterials!.key)
    expect(entry).toBeDefined()
    expect(Object.keys(entry!.record)).not.toContain('materials')
    const sealed = new TextDecoder('latin1').decode(entry!.sealed)
    expect(sealed).not.toContain(capture(1).slice(0, 40))
    const { materials: _m, ...bare } = withMaterials as TransactionRecord & { materials?: unknown }
    expect(entry!.wireBytes).toBe(recordWireBytes(bare))
  })

  it('uploads every material before its record’s batch, sends the records without them, exactly once', async () => {
    const { db, backend, deps } = await syncHarness()
    const queued = await fill(db, 4, records())
    expect(await runSyncOnce(deps)).toMatchObject({ delivered: 4, deadLettered: 0 })
    const [a, b, c, d] = queued.map((r) => r.key)
    expect(trail(backend.requests)).toEqual([
      `material ${a} 家庭收入证明`,
      `material ${a} 婚姻状况证明`,
      `material ${c} 家庭收入证明`,
      `batch ${a},${b},${c},${d}`,
    ])
    const batch = backend.requests.find((r) => r.path === TX_PATH)!.body as { records: object[] }
    for (const record of batch.records) expect(Object.keys(record)).not.toContain('materials')
    expect([...backend.materials.values()]).toEqual([capture(1), capture(2), capture(3)])
    // Acknowledged: gone from the terminal, and nothing is sent again.
    expect(await db.count('outbox')).toBe(0)
    await runSyncOnce(deps)
    expect(trail(backend.requests)).toHaveLength(4)
  })

  it('keeps everything queued when a material cannot reach the backend, and delivers once on the next run', async () => {
    const { db, backend, deps } = await syncHarness()
    const queued = await fill(db, 4, records())
    backend.fail('network', 1, MATERIALS_PATH)
    await expect(runSyncOnce(deps)).rejects.toThrow()
    expect(trail(backend.requests).filter((t) => t.startsWith('batch'))).toEqual([])
    expect(await db.count('outbox')).toBe(4)
    await runSyncOnce(deps)
    expect(backend.stored.size).toBe(4)
    expect(backend.materials.size).toBe(3)
    const [a, , c] = queued.map((r) => r.key)
    // The first upload failed on the wire; the retry sends every material (a replay for any that had arrived),
    // and the records once.
    expect(trail(backend.requests).filter((t) => t.startsWith('batch'))).toHaveLength(1)
    expect(trail(backend.requests).filter((t) => t.startsWith(`material ${a}`))).toEqual([
      `material ${a} 家庭收入证明`,
      `material ${a} 家庭收入证明`,
      `material ${a} 婚姻状况证明`,
    ])
    expect(trail(backend.requests).filter((t) => t.startsWith(`material ${c}`))).toHaveLength(1)
    expect(await db.count('outbox')).toBe(0)
  })

  it('dead-letters a record whose material is refused for good, without the image, and delivers the rest', async () => {
    const { db, backend, deps, settled } = await syncHarness()
    const queued = await fill(db, 4, records())
    backend.state.refuseMaterial = (upload) =>
      upload.data === capture(3) ? 'the JPEG image is truncated: it ends before its end marker' : null
    expect(await runSyncOnce(deps)).toMatchObject({ delivered: 3, deadLettered: 1 })
    const refused = queued[2]!.key
    const [dead] = await db.getAll('deadLetters')
    expect(dead).toMatchObject({ key: refused, reason: 'refused', code: 422 })
    expect(dead!.message).toContain('truncated')
    expect(Object.keys(dead!.record)).not.toContain('materials')
    expect(JSON.stringify(dead)).not.toContain(capture(3).slice(0, 40))
    expect(backend.stored.has(refused)).toBe(false)
    expect(settled.get(refused)).toMatchObject({ state: 'rejected', code: 422 })
    expect(await db.count('outbox')).toBe(0)
  })
})
