/**
 * Retention (#14): resident data of cases and follow-ups closed longer ago than RETENTION_DAYS is purged, and
 * the purged bytes are gone from the database files (secure_delete, then a TRUNCATE checkpoint), on a
 * simulated clock.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../mock-backend/src/config'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { CALLBACK_NUMBER_RETENTION_DAYS } from '../../mock-backend/src/contract/helpDeskRules'
import { databasePath, openDatabase } from '../../mock-backend/src/db/sqlite/open'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import { createAppDeps } from '../../mock-backend/src/server'
import { removeDataDir } from '../fixtures/node/backend/dataDirs'

const DAY = 86_400_000
const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) removeDataDir(dir)
})

/** Every file of the database, as raw bytes: what someone copying the folder gets. */
function rawBytes(dataDir: string): Buffer {
  const path = databasePath(dataDir)
  const parts: Buffer[] = []
  for (const suffix of ['', '-wal', '-shm'])
    try {
      parts.push(readFileSync(path + suffix))
    } catch {}
  return Buffer.concat(parts)
}

describe('retention of resident data', () => {
  it('purges subjects and contact notes closed more than RETENTION_DAYS ago, leaving no bytes behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-retention-'))
    dirs.push(dataDir)
    const db = openDatabase(dataDir)
    const store = new SqliteStorage(db)
    let nowMs = Date.parse('2026-11-30T02:00:00Z')
    const deps = await createAppDeps(
      loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', RETENTION_DAYS: '180' }),
      store,
      {
        now: () => new Date(nowMs),
      },
    )
    const ago = (days: number) => new Date(nowMs - days * DAY).toISOString()
    const insertCase = db.prepare(
      'INSERT INTO cases (transaction_key, case_number, terminal_id, district_code, item_code, item_name_zh, ' +
        'item_name_en, kind, department, department_name_zh, department_name_en, subject_hash, accepted_at, ' +
        'accept_day, limit_days, limit_unit, due_day, calendar_covered, status, finished_at, plan_json) ' +
        "VALUES (?, ?, 'T-1', '441602', 'POL-APPLY-0001', " +
        "'户籍证明', 'Household proof', '申办', 'police', '公安局', 'Police', ?, ?, '2026-01-01', 5, '工作日', " +
        "'2026-01-08', 1, ?, ?, '[]')",
    )
    insertCase.run('K-OLD', 'SB0001', 'SUBJ-OLD-7f3a9c', ago(210), '办结', ago(200))
    insertCase.run('K-NEW', 'SB0002', 'SUBJ-NEW-41b2de', ago(20), '办结', ago(10))
    insertCase.run('K-OPEN', 'SB0003', 'SUBJ-OPEN-9c0d11', ago(400), '办理中', null)
    const insertFollowUp = db.prepare(
      'INSERT INTO case_follow_ups (district_code, transaction_key, level, opened_at, open_day, due_day, ' +
        "calendar_covered, contact_note, closed_at, closed_by) VALUES ('441602', ?, 1, ?, '2026-01-01', '2026-01-20', 1, ?, ?, 'ops')",
    )
    insertFollowUp.run('K-OLD', ago(205), '已电话联系李先生 13902761834，已解释', ago(200))
    insertFollowUp.run('K-NEW', ago(15), '已回访 13600001111', ago(10))
    db.pragma('wal_checkpoint(TRUNCATE)')
    // The control: before the purge, the file holds them.
    expect(rawBytes(dataDir).includes('SUBJ-OLD-7f3a9c')).toBe(true)
    expect(rawBytes(dataDir).includes('13902761834')).toBe(true)

    expect(await deps.retention.runOnce()).toEqual({
      subjects: 1,
      contactNotes: 1,
      callbackNumbers: 0,
      materials: 0,
    })
    const subjects = db.prepare('SELECT transaction_key AS k, subject_hash AS h FROM cases ORDER BY k').all()
    expect(subjects).toEqual([
      { k: 'K-NEW', h: 'SUBJ-NEW-41b2de' },
      { k: 'K-OLD', h: null },
      { k: 'K-OPEN', h: 'SUBJ-OPEN-9c0d11' },
    ])
    const notes = db
      .prepare('SELECT transaction_key AS k, contact_note AS n FROM case_follow_ups ORDER BY k')
      .all()
    expect(notes).toEqual([
      { k: 'K-NEW', n: '已回访 13600001111' },
      { k: 'K-OLD', n: null },
    ])
    const raw = rawBytes(dataDir)
    expect(raw.includes('SUBJ-OLD-7f3a9c')).toBe(false)
    expect(raw.includes('13902761834')).toBe(false)
    expect(raw.includes(Buffer.from('李先生'))).toBe(false)
    // The case itself stays (counts and supervision need it); only the resident's data went.
    expect(db.prepare("SELECT status FROM cases WHERE transaction_key = 'K-OLD'").get()).toEqual({
      status: '办结',
    })

    // Nothing more to do the same day; 171 days later the recent case's data goes too; open cases never.
    expect(await deps.retention.runOnce()).toEqual({
      subjects: 0,
      contactNotes: 0,
      callbackNumbers: 0,
      materials: 0,
    })
    nowMs += 171 * DAY
    expect(await deps.retention.runOnce()).toEqual({
      subjects: 1,
      contactNotes: 1,
      callbackNumbers: 0,
      materials: 0,
    })
    expect(db.prepare("SELECT subject_hash AS h FROM cases WHERE transaction_key = 'K-OPEN'").get()).toEqual({
      h: 'SUBJ-OPEN-9c0d11',
    })
    db.close()
  })

  it('keeps a call-back number only sealed, and purges it CALLBACK_NUMBER_RETENTION_DAYS after its task closed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-retention-callback-'))
    dirs.push(dataDir)
    const db = openDatabase(dataDir)
    const store = new SqliteStorage(db)
    let nowMs = Date.parse('2026-11-30T02:00:00Z')
    const deps = await createAppDeps(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }), store, {
      now: () => new Date(nowMs),
    })
    const sealed = deps.fingerprints.seal('13902761834')
    const task = {
      terminalId: 'T-1',
      districtCode: DEMO_DISTRICT_CODE,
      itemCode: null,
      requestedAt: new Date(nowMs).toISOString(),
      maskedPhone: '139****1834',
      phoneSealed: sealed,
    }
    await store.helpDesk.addCallback({ ...task, key: 'k-closed' })
    await store.helpDesk.addCallback({ ...task, key: 'k-open' })
    await store.helpDesk.takeCallback({ ...task, key: 'k-closed' }, 'helper', new Date(nowMs).toISOString())
    await store.helpDesk.closeCallback(
      { ...task, key: 'k-closed' },
      'helper',
      'called_back',
      new Date(nowMs).toISOString(),
    )
    db.pragma('wal_checkpoint(TRUNCATE)')
    // Never in the clear; the sealed value is there until the purge.
    expect(rawBytes(dataDir).includes('13902761834')).toBe(false)
    expect(rawBytes(dataDir).includes(sealed)).toBe(true)
    nowMs += (CALLBACK_NUMBER_RETENTION_DAYS - 1) * DAY
    expect((await deps.retention.runOnce()).callbackNumbers).toBe(0)
    nowMs += 2 * DAY
    expect((await deps.retention.runOnce()).callbackNumbers).toBe(1)
    expect(await store.helpDesk.callback('k-closed')).toMatchObject({
      phoneSealed: null,
      maskedPhone: '139****1834',
    })
    // The open task keeps its number (the same sealed text, so the file still holds one copy of it).
    expect(await store.helpDesk.callback('k-open')).toMatchObject({ phoneSealed: sealed })
    db.prepare("UPDATE callback_tasks SET phone_sealed = 'x' WHERE key = 'k-open'").run()
    db.pragma('wal_checkpoint(TRUNCATE)')
    expect(rawBytes(dataDir).includes(sealed)).toBe(false)
    db.close()
  })

  it('reads RETENTION_DAYS as 180 by default and refuses a value out of range, naming it', () => {
    expect(loadConfig({}).retentionDays).toBe(180)
    expect(loadConfig({ RETENTION_DAYS: '30' }).retentionDays).toBe(30)
    for (const bad of ['0', '3651', '1.5', 'forever'])
      expect(() => loadConfig({ RETENTION_DAYS: bad })).toThrow(
        /RETENTION_DAYS must be a whole number of days/,
      )
  })
})
