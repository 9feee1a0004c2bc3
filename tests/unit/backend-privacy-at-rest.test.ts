/**
 * Personal data at rest on the backend (#14): an attacker holding a copy of the database files, knowing the
 * masked forms a receipt shows and the algorithms, tries every candidate ID number (and, for a card read, every
 * guessed name) against the stored fingerprints and recovers nothing, because they are keyed with a key kept
 * outside the database. A backup restores with its key and refuses to start without it.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { idCheckChar, maskIdNumber, maskName } from '../../kiosk/src/devices/idNumber'
import { backupDatabase } from '../../mock-backend/src/backup'
import { payloadHash } from '../../mock-backend/src/canonical'
import { loadConfig } from '../../mock-backend/src/config'
import { migrate } from '../../mock-backend/src/db/sqlite/migrations'
import { databasePath } from '../../mock-backend/src/db/sqlite/open'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import { FINGERPRINT_KEY_FILE } from '../../mock-backend/src/privacy/fingerprintKey'
import { isSealed } from '../../mock-backend/src/privacy/fingerprints'
import { createAppDeps } from '../../mock-backend/src/server'
import { removeDataDir } from '../fixtures/node/backend/dataDirs'
import { call, demoToken, record, spawnBackend } from '../fixtures/node/backend/server'

/** 河源 (4416): the district codes an attacker would try for the hidden digits 5–6. */
const REGION_TAILS = ['02', '21', '22', '23', '24', '25']
const withCheck = (first17: string) => first17 + idCheckChar(first17)
const TYPED_ID = withCheck('44160219850317042')
const CARD_ID = withCheck('44162219620908151')
const CARD_NAME = '黄秀英'
/** The form field the 申办 item asks for; the attacker is granted it (worst case). */
const APPLY_FIELDS = { phone: '13902761834' }
/** Common given-name guesses for a card whose receipt shows 黄*英. */
const NAME_GUESSES = [
  '黄丽英',
  '黄美英',
  '黄桂英',
  '黄秀英',
  '黄玉英',
  '黄凤英',
  '黄金英',
  '黄月英',
  '黄素英',
  '黄惠英',
]

/** Every ID number a masked form leaves open: the two hidden district digits and any valid birth date. */
function candidates(masked: string): string[] {
  const head = masked.slice(0, 4)
  const tail = masked.slice(-4)
  const out: string[] = []
  for (const region of REGION_TAILS)
    for (let day = Date.UTC(1930, 0, 1); day <= Date.UTC(2010, 11, 31); day += 86_400_000) {
      const ymd = new Date(day).toISOString().slice(0, 10).replaceAll('-', '')
      const id = `${head}${region}${ymd}${tail.slice(0, 3)}`
      if (idCheckChar(id) === tail[3]) out.push(id + tail[3])
    }
  return out
}

const dirs: string[] = []
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) removeDataDir(dir)
})

describe('personal data at rest (backend)', () => {
  it('gives an attacker with a copy of the database files nothing to test candidates against', async () => {
    const server = await spawnBackend()
    const typed = record({
      itemCode: 'POL-APPLY-0001',
      subject: { idNumber: TYPED_ID },
      fields: APPLY_FIELDS,
    })
    const card = record({ itemCode: 'HRSS-Q-0001', subject: { idNumber: CARD_ID, name: CARD_NAME } })
    try {
      const token = await demoToken(server.url)
      const res = await call(server.url, 'POST', '/api/terminal/transactions', {
        token,
        body: { records: [typed, card] },
      })
      expect(res.body.outcomes.map((o: { status: string }) => o.status)).toEqual(['ok', 'ok'])
      // The receipt still shows the masked rows: the answer is sealed at rest, not changed.
      expect(JSON.stringify(res.body.outcomes[1].result)).toContain(maskIdNumber(CARD_ID))
    } finally {
      expect(await server.stop()).toBe(0)
    }

    // The attacker's copy: the raw bytes of every file of the database, the key file left behind.
    const loot = tempDir('kiosk-loot-')
    const source = databasePath(server.dataDir)
    const bytes: Buffer[] = []
    for (const suffix of ['', '-wal', '-shm']) {
      try {
        const raw = readFileSync(source + suffix)
        bytes.push(raw)
        copyFileSync(source + suffix, join(loot, `kiosk.sqlite${suffix}`))
      } catch {}
    }
    const raw = Buffer.concat(bytes)
    for (const secret of [
      TYPED_ID,
      CARD_ID,
      CARD_NAME,
      APPLY_FIELDS.phone,
      maskIdNumber(CARD_ID),
      maskName(CARD_NAME),
    ]) {
      expect([secret, raw.includes(Buffer.from(secret, 'utf8'))]).toEqual([secret, false])
      expect([secret, raw.includes(Buffer.from(secret, 'utf16le'))]).toEqual([secret, false])
    }

    const db = new Database(join(loot, 'kiosk.sqlite'), { readonly: true })
    const rows = db
      .prepare(
        'SELECT key, session_id AS sessionId, item_code AS itemCode, catalog_version AS catalogVersion, ' +
          'created_at AS createdAt, payload_hash AS hash, result_json AS result FROM transactions',
      )
      .all() as {
      key: string
      sessionId: string
      itemCode: string
      catalogVersion: number
      createdAt: string
      hash: string
      result: string
    }[]
    const pepper = (
      db.prepare("SELECT value FROM settings WHERE key = 'case_subject_pepper'").get() as {
        value: string
      }
    ).value
    const subjectHashes = new Set(
      (
        db.prepare('SELECT subject_hash AS h FROM cases WHERE subject_hash IS NOT NULL').all() as {
          h: string
        }[]
      ).map((r) => r.h),
    )
    db.close()
    expect(rows).toHaveLength(2)
    expect(subjectHashes.size).toBe(1)
    for (const r of rows) expect(isSealed(r.result)).toBe(true)
    const stored = new Set(rows.map((r) => r.hash))
    const rowOf = (key: string) => rows.find((r) => r.key === key)!
    const recordFor = (key: string, subject: { idNumber: string; name?: string }, fields = {}) => {
      const { hash: _h, result: _r, ...known } = rowOf(key)
      return { ...known, subject, fields }
    }

    // A typed record: every candidate ID, hashed as the terminal's record would be.
    const typedIds = candidates(maskIdNumber(TYPED_ID))
    expect(typedIds).toContain(TYPED_ID)
    const typedHashes = typedIds.map((id) =>
      payloadHash(recordFor(typed.key as string, { idNumber: id }, APPLY_FIELDS)),
    )
    // The attack is sound: its hash of the true record is exactly what an unkeyed store would have held.
    expect(typedHashes).toContain(payloadHash(typed))
    expect(typedHashes.filter((h) => stored.has(h))).toEqual([])
    // The cases table: the pepper sits in the same database, yet no candidate's peppered hash matches.
    const peppered = (id: string) => createHmac('sha256', pepper).update(id).digest('base64url')
    expect(typedIds.filter((id) => subjectHashes.has(peppered(id)))).toEqual([])

    // A card record: every candidate ID with every guessed name.
    const cardIds = candidates(maskIdNumber(CARD_ID))
    expect(cardIds).toContain(CARD_ID)
    let tried = 0
    let found = 0
    for (const idNumber of cardIds)
      for (const name of NAME_GUESSES) {
        const h = payloadHash(recordFor(card.key as string, { idNumber, name }))
        tried++
        if (stored.has(h)) found++
      }
    expect(tried).toBe(cardIds.length * NAME_GUESSES.length)
    expect(found).toBe(0)
    // And plain SHA-256 of the bare numbers (a lazy attacker's first try) matches nothing either.
    const sha = (s: string) => createHash('sha256').update(s).digest('hex')
    expect([...typedIds, ...cardIds].filter((id) => stored.has(sha(id)))).toEqual([])
    server.cleanup()
  }, 120_000)

  it('restores a backup with its key, and refuses to start without it or with another', async () => {
    const server = await spawnBackend()
    const applied = record({
      itemCode: 'POL-APPLY-0001',
      subject: { idNumber: TYPED_ID },
      fields: APPLY_FIELDS,
    })
    let reference = ''
    const backupFile = join(tempDir('kiosk-bak-'), 'copy.sqlite')
    try {
      const token = await demoToken(server.url)
      const res = await call(server.url, 'POST', '/api/terminal/transactions', {
        token,
        body: { records: [applied] },
      })
      reference = res.body.outcomes[0].result.reference
      await backupDatabase(server.dataDir, backupFile)
    } finally {
      expect(await server.stop()).toBe(0)
    }
    const keyFile = join(server.dataDir, FINGERPRINT_KEY_FILE)
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)

    const restoreInto = (withKey: boolean) => {
      const dir = tempDir('kiosk-restore-')
      mkdirSync(dir, { recursive: true })
      copyFileSync(backupFile, databasePath(dir))
      if (withKey) copyFileSync(keyFile, join(dir, FINGERPRINT_KEY_FILE))
      return dir
    }

    // With the key: a resend of the same record is a replay with the original answer, and the lookup by ID
    // number still finds the case.
    const restored = await spawnBackend({ dataDir: restoreInto(true) })
    try {
      const token = await demoToken(restored.url)
      const again = await call(restored.url, 'POST', '/api/terminal/transactions', {
        token,
        body: { records: [applied] },
      })
      expect(again.body.outcomes[0]).toMatchObject({ status: 'ok', replayed: true, result: { reference } })
      const lookup = await call(restored.url, 'POST', '/api/terminal/cases/lookup', {
        token,
        body: { idNumber: TYPED_ID },
      })
      expect(lookup.status).toBe(200)
      expect(lookup.body.cases.map((c: { transactionKey: string }) => c.transactionKey)).toEqual([
        applied.key,
      ])
    } finally {
      expect(await restored.stop()).toBe(0)
    }

    // Without the key, and with another key: a one-line refusal naming the key, not a server that fails later.
    await expect(spawnBackend({ dataDir: restoreInto(false) })).rejects.toThrow(
      /fingerprint\.key is missing .*restore the key backed up with it/,
    )
    const other = randomBytes(32).toString('base64url')
    await expect(
      spawnBackend({ dataDir: restoreInto(true), env: { FINGERPRINT_KEY: other } }),
    ).rejects.toThrow(/FINGERPRINT_KEY\) is not the one this database was written with/)
    server.cleanup()
  }, 120_000)

  it('rewrites an older database once: hashes keyed, answers sealed, lookups still work', async () => {
    const dataDir = tempDir('kiosk-upgrade-')
    const db = new Database(databasePath(dataDir))
    migrate(db)
    const store = new SqliteStorage(db)
    // As an older release wrote them: an unkeyed payload hash, a clear answer, a peppered subject hash.
    const old = record({ itemCode: 'POL-APPLY-0001', subject: { idNumber: TYPED_ID }, fields: APPLY_FIELDS })
    const clearResult = JSON.stringify({ reference: 'SB2026112700001', kind: '申办' })
    db.prepare(
      'INSERT INTO transactions (key, payload_hash, terminal_id, session_id, item_code, department, catalog_version, ' +
        "created_at, day, received_at, result_json, reference) VALUES (?, ?, 'T-1', ?, 'POL-APPLY-0001', 'gongan', 1, " +
        "'2026-11-27T10:00:00+08:00', '2026-11-27', '2026-11-27T02:00:00Z', ?, 'SB2026112700001')",
    ).run(old.key, payloadHash(old), old.sessionId, clearResult)
    const deps = await createAppDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }), store)
    const row = db.prepare('SELECT payload_hash AS hash, result_json AS result FROM transactions').get() as {
      hash: string
      result: string
    }
    expect(row.hash).toBe(deps.fingerprints.payload(payloadHash(old)))
    expect(isSealed(row.result)).toBe(true)
    expect(deps.fingerprints.open(row.result)).toBe(clearResult)
    expect(statSync(join(dataDir, FINGERPRINT_KEY_FILE)).mode & 0o777).toBe(0o600)
    // A second start with the same key finds the check value and rewrites nothing again.
    const again = await createAppDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }), store)
    expect(db.prepare('SELECT payload_hash AS hash FROM transactions').get()).toEqual({ hash: row.hash })
    expect(again.fingerprints.open(row.result)).toBe(clearResult)
    db.close()
  })
})
