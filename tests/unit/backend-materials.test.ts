/**
 * 申请材料 through the real backend process on both stores: types told by bytes, the size and count limits,
 * idempotency by (record, keyed content hash), every bad input named, the 电子证照 answer masked and the ID number
 * kept out of the log; on SQLite the files are 0600 in a 0700 folder and sealed (no image bytes on disk), on
 * PostgreSQL the database holds them sealed. In process: a full disk leaves no half file, and the purge removes
 * a case's materials with its personal data and orphans after MATERIAL_ORPHAN_HOURS.
 */
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ID_CARD } from '../../kiosk/src/devices/simulated'
import {
  MATERIAL_MAX_BYTES,
  MATERIAL_ORPHAN_HOURS,
  MATERIALS_PER_RECORD,
} from '../../mock-backend/src/contract'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { connectPostgres } from '../../mock-backend/src/db/postgres/connect'
import { materialsWorld, REAL_CATALOG } from '../fixtures/node/backend/materialsWorld'
import { STORES } from '../fixtures/node/backend/postgresStores'
import { call, demoToken, record, type SpawnedBackend, spawnBackend } from '../fixtures/node/backend/server'
import { sampleHtml, sampleJpeg, samplePdf, samplePng } from '../fixtures/node/materials/samples'

/** 公共租赁住房申请: 家庭成员户口簿 and 家庭收入证明 (required), 婚姻状况证明 (optional), no form fields. */
const ITEM = 'ZJ-SB-0001'
const INCOME = '家庭收入证明'
/** A UUIDv7-shaped record key, distinct per call. */
let serial = 0
const recordKey = () =>
  `0190a1b2-c3d4-7e5f-8a9b-${(Date.now() % 1e6).toString(16).padStart(6, '0')}${(serial++).toString(16).padStart(6, '0')}`
const upload = (key: string, bytes: Buffer, over: Record<string, unknown> = {}) => ({
  recordKey: key,
  itemCode: ITEM,
  material: INCOME,
  data: bytes.toString('base64'),
  ...over,
})
/** Whether `haystack` holds any 64-byte run of `image` (a copy of the picture, or part of one). */
const holdsPartOf = (haystack: Buffer, image: Buffer) => {
  for (let at = 64; at + 64 <= image.length; at += 997)
    if (haystack.includes(image.subarray(at, at + 64))) return true
  return false
}

describe.each(STORES)('materials on %s', (store) => {
  let backend: SpawnedBackend
  let token: string
  const post = (path: string, body: unknown) => call(backend.url, 'POST', path, { token, body })

  beforeAll(async () => {
    backend = await spawnBackend({ store, env: { CATALOG_FILE: REAL_CATALOG } })
    token = await demoToken(backend.url)
  }, 60_000)
  afterAll(async () => {
    await backend?.stop()
    await backend?.cleanup()
  })

  it('stores a JPEG once: a retry is replayed, the same photo for another record is a second material', async () => {
    const photo = sampleJpeg()
    const key = recordKey()
    const first = await post('/api/terminal/materials', upload(key, photo, { fileName: '收入证明.jpg' }))
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ status: 'stored', mediaType: 'image/jpeg', bytes: photo.length })
    const again = await post('/api/terminal/materials', upload(key, photo, { fileName: '收入证明.jpg' }))
    expect(again.status).toBe(200)
    expect(again.body).toEqual({ ...first.body, status: 'replayed' })
    const other = await post('/api/terminal/materials', upload(recordKey(), photo))
    expect(other.status).toBe(201)
    expect(other.body.status).toBe('stored')
    const png = await post('/api/terminal/materials', upload(key, samplePng()))
    expect(png.body).toMatchObject({ status: 'stored', mediaType: 'image/png' })
    const pdf = await post('/api/terminal/materials', upload(key, samplePdf(), { fileName: 'x.pdf' }))
    expect(pdf.body).toMatchObject({ status: 'stored', mediaType: 'application/pdf' })
  })

  it('names the problem of every bad input', async () => {
    const key = recordKey()
    const cases: [string, unknown, number, string, RegExp][] = [
      [
        'a PNG named .jpg',
        upload(key, samplePng(), { fileName: 'a.jpg' }),
        422,
        'type_mismatch',
        /named \.jpg/,
      ],
      ['a truncated JPEG', upload(key, sampleJpeg().subarray(0, 3000)), 422, 'truncated', /JPEG/],
      ['an HTML file', upload(key, sampleHtml(), { fileName: 'a.html' }), 422, 'not_a_document', /HTML page/],
      [
        'an over-size material',
        upload(key, sampleJpeg(MATERIAL_MAX_BYTES)),
        413,
        'material_too_large',
        new RegExp(`at most ${MATERIAL_MAX_BYTES} bytes`),
      ],
      [
        'an unknown item',
        upload(key, sampleJpeg(), { itemCode: 'NO-SUCH-1' }),
        422,
        'unknown_item',
        /NO-SUCH-1/,
      ],
      [
        'a material the item does not list',
        upload(key, sampleJpeg(), { material: '护照' }),
        422,
        'unknown_material',
        /护照/,
      ],
      [
        'a paper-only material',
        upload(key, sampleJpeg(), { itemCode: 'JY-SB-0003', material: '指定医院出具的体检表' }),
        422,
        'paper_only',
        /on paper at the counter/,
      ],
      ['a record key that is not one', upload('record-1', sampleJpeg()), 400, 'validation', /recordKey/],
      [
        'bytes that are not base64',
        { ...upload(key, sampleJpeg()), data: '%%%%' },
        400,
        'invalid_base64',
        /base64/,
      ],
    ]
    for (const [name, body, status, error, message] of cases) {
      const answer = await post('/api/terminal/materials', body)
      expect(answer.status, name).toBe(status)
      expect(answer.body.error, name).toBe(error)
      expect(answer.body.message, name).toMatch(message)
    }
    expect((await post('/api/terminal/materials', upload(key, sampleJpeg()))).status).toBe(201)
  })

  it(`refuses a material past ${MATERIALS_PER_RECORD} per record, and one for a record already received`, async () => {
    const key = recordKey()
    for (let i = 0; i < MATERIALS_PER_RECORD; i++)
      expect((await post('/api/terminal/materials', upload(key, sampleJpeg(500)))).status).toBe(201)
    const over = await post('/api/terminal/materials', upload(key, sampleJpeg(500)))
    expect(over.status).toBe(422)
    expect(over.body.error).toBe('too_many_materials')

    const sent = recordKey()
    const photo = sampleJpeg()
    expect((await post('/api/terminal/materials', upload(sent, photo))).status).toBe(201)
    const batch = await post('/api/terminal/transactions', {
      records: [
        record({ key: sent, itemCode: ITEM, subject: { idNumber: DEMO_ID_CARD.idNumber, name: '李明' } }),
      ],
    })
    expect(batch.status).toBe(200)
    expect((await post('/api/terminal/materials', upload(sent, photo))).body.status).toBe('replayed')
    const late = await post('/api/terminal/materials', upload(sent, sampleJpeg()))
    expect(late.status).toBe(409)
    expect(late.body.error).toBe('record_already_sent')
  })

  it('refuses a 他人 record whose signed 委托书 was not sent before it, and keeps it once it was', async () => {
    const key = recordKey()
    // 高龄老人津贴申领 serves 他人 and lists 授权委托书 (electronic); the resident acts for their father.
    const forFather = record({
      key,
      itemCode: 'MZ-SB-0003',
      agent: { idNumber: DEMO_ID_CARD.idNumber, name: DEMO_ID_CARD.name },
      subject: { idNumber: '44160019400101001X', name: '李父' },
      servedFor: '他人',
      relationship: '父母',
      fields: { bankCard: '6222020200112233445' },
    })
    const without = await post('/api/terminal/transactions', { records: [forFather] })
    expect(without.status, without.text).toBe(200)
    expect(without.body.outcomes[0]).toMatchObject({ status: 'rejected', code: 400 })
    expect(without.body.outcomes[0].message).toBe(
      'materials: an agent (他人) sends the signed "授权委托书" before the record (代办须提交委托书)',
    )
    const mandate = upload(key, sampleJpeg(), { itemCode: 'MZ-SB-0003', material: '授权委托书' })
    expect((await post('/api/terminal/materials', mandate)).status).toBe(201)
    const withIt = await post('/api/terminal/transactions', { records: [forFather] })
    expect(withIt.body.outcomes[0].status, withIt.text).toBe('ok')
    // The case keeps who acted beside whom they served, each a keyed hash: never either ID number.
    const [hashes] = await readStore<{ subject: string; agent: string }>(
      'SELECT subject_hash AS subject, agent_hash AS agent FROM cases WHERE transaction_key = $1',
      key,
    )
    expect(hashes!.agent).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(hashes!.subject).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(hashes!.agent).not.toBe(hashes!.subject)
  })

  it('answers which materials the resident holds as 电子证照, masked, and keeps the ID number out of the log', async () => {
    const held = await post('/api/terminal/licences', { idNumber: DEMO_ID_CARD.idNumber, itemCode: ITEM })
    expect(held.status).toBe(200)
    expect(held.body.licences).toEqual([
      {
        material: '家庭成员户口簿',
        licence: '居民户口簿',
        maskedNumber: '4416*******3456',
        issuer: '河源市公安局源城分局',
      },
      {
        material: '婚姻状况证明',
        licence: '结婚证',
        maskedNumber: 'J441***********4321',
        issuer: '河源市源城区民政局',
      },
    ])
    const none = await post('/api/terminal/licences', { idNumber: '44160019900101123X', itemCode: ITEM })
    expect(none.body).toEqual({ licences: [] })
    const bad = await post('/api/terminal/licences', { idNumber: '123', itemCode: ITEM })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toContain('idNumber')
    const anonymous = await call(backend.url, 'POST', '/api/terminal/licences', {
      body: { idNumber: DEMO_ID_CARD.idNumber, itemCode: ITEM },
    })
    expect(anonymous.status).toBe(401)
    expect(backend.output()).not.toContain(DEMO_ID_CARD.idNumber)
  })

  /** The stored rows of `key`'s materials as (material, media type, bytes, licence), read from the store itself. */
  /** The rows `query` ($1 is `key`) reads from the backend's own store. */
  async function readStore<Row>(query: string, key: string): Promise<Row[]> {
    if (store === 'sqlite') {
      const db = new Database(join(backend.dataDir, 'kiosk.sqlite'), { readonly: true })
      try {
        return db.prepare(query.replace('$1', '?')).all(key) as Row[]
      } finally {
        db.close()
      }
    }
    const sql = connectPostgres(backend.databaseUrl!, { max: 1 })
    try {
      return (await sql.unsafe(query, [key])) as unknown as Row[]
    } finally {
      await sql.end()
    }
  }
  async function storedRows(key: string): Promise<[string, string | null, number, string | null][]> {
    type Row = { material: string; media: string | null; size: number; licence: string | null }
    const rows = await readStore<Row>(
      'SELECT material, media_type AS media, byte_count AS size, licence FROM materials WHERE record_key = $1 ' +
        'ORDER BY material',
      key,
    )
    return rows.map((r) => [r.material, r.media, Number(r.size), r.licence])
  }

  it('records an 电子证照 reused as its kind with no bytes, once, and names a licence that does not fit', async () => {
    const key = recordKey()
    const reuse = { recordKey: key, itemCode: ITEM, material: '家庭成员户口簿', licence: '居民户口簿' }
    const first = await post('/api/terminal/materials', reuse)
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ status: 'stored', mediaType: null, bytes: 0, licence: '居民户口簿' })
    const again = await post('/api/terminal/materials', reuse)
    expect(again.status).toBe(200)
    expect(again.body).toEqual({ ...first.body, status: 'replayed' })
    expect((await post('/api/terminal/materials', upload(key, sampleJpeg()))).status).toBe(201)
    expect(await storedRows(key)).toEqual([
      ['家庭成员户口簿', null, 0, '居民户口簿'],
      [INCOME, 'image/jpeg', sampleJpeg().length, null],
    ])

    const wrongKind = await post('/api/terminal/materials', { ...reuse, licence: '结婚证' })
    expect(wrongKind.status).toBe(422)
    expect(wrongKind.body.error).toBe('licence_does_not_supply')
    expect(wrongKind.body.message).toContain('结婚证')
    const both = await post('/api/terminal/materials', { ...reuse, data: sampleJpeg().toString('base64') })
    expect(both.status).toBe(400)
    expect(both.body.message).toContain('exactly one')
    const neither = await post('/api/terminal/materials', {
      recordKey: key,
      itemCode: ITEM,
      material: INCOME,
    })
    expect(neither.status).toBe(400)
    expect(neither.body.message).toContain('exactly one')
  })

  it('keeps the bytes sealed where they are stored: no part of the image is readable there', async () => {
    const photo = sampleJpeg(60_000)
    const key = recordKey()
    expect((await post('/api/terminal/materials', upload(key, photo))).status).toBe(201)
    if (store === 'sqlite') {
      const dir = join(backend.dataDir, 'materials')
      expect(statSync(dir).mode & 0o777).toBe(0o700)
      const files = readdirSync(dir).filter((f) => f.includes(key))
      expect(files).toHaveLength(1)
      const file = join(dir, files[0]!)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      const stored = readFileSync(file)
      expect(stored.length).toBe(photo.length + 28)
      expect(holdsPartOf(stored, photo)).toBe(false)
      expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false)
    } else {
      const sql = connectPostgres(backend.databaseUrl!, { max: 1 })
      try {
        const rows = await sql<
          { sealed: Buffer }[]
        >`SELECT sealed FROM material_bytes WHERE record_key = ${key}`
        expect(rows).toHaveLength(1)
        expect(holdsPartOf(rows[0]!.sealed, photo)).toBe(false)
        expect(rows[0]!.sealed.length).toBe(photo.length + 28)
      } finally {
        await sql.end()
      }
    }
  })
})

describe('materials in process (SQLite)', () => {
  /** A backend over a fresh data folder with the real catalog published and terminal T-1; `clock.ms` is its time. */
  async function world(materialWriter?: (path: string, bytes: Uint8Array) => Promise<void>) {
    const w = await materialsWorld(materialWriter ? { materialWriter } : {})
    const send = (body: unknown) => w.request('/api/terminal/materials', body)
    return { ...w, send, dir: join(w.dataDir, 'materials') }
  }

  it('answers a full disk with storage_full and leaves no half file, and the retry after it stores', async () => {
    let full = true
    const { send, dir } = await world(async (path, bytes) => {
      if (!full) {
        const { writeSyncedFile } = await import('../../mock-backend/src/materials/materialBytes')
        return writeSyncedFile(path, bytes)
      }
      // Half the file reaches the disk, then the disk is full.
      const { writeFile } = await import('node:fs/promises')
      await writeFile(path, bytes.subarray(0, bytes.length / 2), { mode: 0o600 })
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    })
    const key = recordKey()
    const answer = await send(upload(key, sampleJpeg()))
    expect(answer.status).toBe(503)
    expect(((await answer.json()) as { error: string }).error).toBe('storage_full')
    expect(readdirSync(dir)).toEqual([])
    full = false
    expect((await send(upload(key, sampleJpeg()))).status).toBe(201)
    expect(readdirSync(dir)).toHaveLength(1)
  })

  it('sweeps what a crash left without a row once it is as old as an orphan, and never a file a row names', async () => {
    const { send, dir, deps, clock } = await world()
    const kept = recordKey()
    expect((await send(upload(kept, sampleJpeg()))).status).toBe(201)
    const [keptFile] = readdirSync(dir)
    // A crash mid-write leaves a temporary; one between the bytes and the row leaves bytes no row names.
    const stray = `${DEMO_DISTRICT_CODE}-${recordKey()}-${'ab'.repeat(32)}.sealed`
    const temporary = `${keptFile}.0a1b2c3d4e5f.tmp`
    writeFileSync(join(dir, stray), 'sealed', { mode: 0o600 })
    writeFileSync(join(dir, temporary), 'half', { mode: 0o600 })
    writeFileSync(join(dir, 'README'), 'not ours')
    // The strays written "now" on the backend's clock; the kept file's time says it is far older than its row.
    const written = new Date(clock.ms)
    for (const name of [stray, temporary, 'README']) utimesSync(join(dir, name), written, written)
    const longAgo = new Date(clock.ms - 10 * 86_400_000)
    utimesSync(join(dir, keptFile!), longAgo, longAgo)
    clock.ms += (MATERIAL_ORPHAN_HOURS - 1) * 3_600_000
    // Not yet as old as an orphan: nothing goes; the kept file, old on disk, is named by its row.
    expect((await deps.retention.runOnce()).materials).toBe(0)
    expect(readdirSync(dir).sort()).toEqual([keptFile, stray, temporary, 'README'].sort())
    clock.ms += 2 * 3_600_000
    // Now the two strays and the kept record's row (an orphan itself: its record never came) go; not the README.
    expect((await deps.retention.runOnce()).materials).toBe(3)
    expect(readdirSync(dir)).toEqual(['README'])
  })

  it('purges orphans after MATERIAL_ORPHAN_HOURS and a case’s materials with its personal data', async () => {
    const { send, dir, deps, clock, db } = await world()
    const orphan = recordKey()
    const withCase = recordKey()
    expect((await send(upload(orphan, sampleJpeg()))).status).toBe(201)
    expect((await send(upload(withCase, sampleJpeg()))).status).toBe(201)
    const received = new Date(clock.ms).toISOString()
    db.prepare(
      'INSERT INTO cases (transaction_key, case_number, terminal_id, district_code, item_code, item_name_zh, ' +
        'item_name_en, kind, department, department_name_zh, department_name_en, subject_hash, accepted_at, ' +
        'accept_day, limit_days, limit_unit, due_day, calendar_covered, status, finished_at, plan_json) ' +
        `VALUES (?, 'SB0001', 'T-1', '441602', '${ITEM}', '公共租赁住房申请', 'Public rental housing', '申办', 'zj', ` +
        "'住建局', 'Housing', 'S', ?, '2026-11-23', 20, '工作日', '2026-12-21', 1, '办结', ?, '[]')",
    ).run(withCase, received, received)
    expect(readdirSync(dir)).toHaveLength(2)
    // Within the orphan time nothing goes; after it the orphan does, the case's stays until retention.
    clock.ms += (MATERIAL_ORPHAN_HOURS - 1) * 3_600_000
    expect((await deps.retention.runOnce()).materials).toBe(0)
    clock.ms += 2 * 3_600_000
    expect((await deps.retention.runOnce()).materials).toBe(1)
    expect(readdirSync(dir).every((f) => f.includes(withCase))).toBe(true)
    clock.ms += deps.retention.days * 86_400_000
    expect((await deps.retention.runOnce()).materials).toBe(1)
    expect(readdirSync(dir)).toEqual([])
    expect(await deps.store.materials.forRecord(withCase)).toEqual([])
  })
})
