/** The terminal's last-known case store (case data only, nothing tied to a person), on fake-indexeddb. */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { openKioskDb } from '../../kiosk/src/storage/db'
import {
  KNOWN_CASE_MAX_AGE_MS,
  knownCasesByNumber,
  MAX_KNOWN_CASES,
  markKnownCaseRated,
  rememberCases,
} from '../../kiosk/src/storage/knownCaseStore'
import type { CaseView } from '../../kiosk/src/sync/terminalBridge'
import { caseView } from '../fixtures/shared/caseViews'

/** Case number `n` of the day: its own key and number. */
const view = (n: number, over: Partial<CaseView> = {}): CaseView =>
  caseView({
    transactionKey: `0190a1b2-c3d4-7e5f-8a9b-${String(n).padStart(12, '0')}`,
    caseNumber: `SB20261123${String(n).padStart(5, '0')}`,
    ...over,
  })

const at = (iso: string) => new Date(iso)
const seen = (...views: CaseView[]) => views

describe('known case store', () => {
  it('finds a case by number in any letter case; the newest record wins, an older one never overwrites', async () => {
    const db = await openKioskDb(new IDBFactory())
    await rememberCases(db, seen(view(1)), at('2026-11-23T02:00:00Z'))
    await rememberCases(db, seen(view(1, { status: '办理中' })), at('2026-11-24T02:00:00Z'))
    await rememberCases(db, seen(view(1, { status: '已受理' })), at('2026-11-23T05:00:00Z'))
    const [found] = await knownCasesByNumber(db, view(1).caseNumber.toLowerCase())
    expect(found).toMatchObject({ recordedAt: '2026-11-24T02:00:00.000Z', view: { status: '办理中' } })
    expect(await knownCasesByNumber(db, 'SB2026112399999')).toEqual([])
    db.close()
  })

  it("the terminal's own receipt (keepExisting) never replaces what a lookup recorded", async () => {
    const db = await openKioskDb(new IDBFactory())
    await rememberCases(db, seen(view(1, { status: '办理中' })), at('2026-11-23T02:00:00Z'))
    await rememberCases(db, seen(view(1, { dueDay: '' })), at('2026-11-23T03:00:00Z'), { keepExisting: true })
    const [found] = await knownCasesByNumber(db, view(1).caseNumber)
    expect(found?.view).toMatchObject({ status: '办理中', dueDay: '2026-11-30' })
    db.close()
  })

  it('drops records older than the age limit and keeps at most MAX_KNOWN_CASES, oldest out first', async () => {
    const db = await openKioskDb(new IDBFactory())
    const start = Date.parse('2026-01-01T00:00:00Z')
    await rememberCases(db, seen(view(0)), new Date(start))
    await rememberCases(db, seen(view(1)), new Date(start + KNOWN_CASE_MAX_AGE_MS + 1000))
    expect(await knownCasesByNumber(db, view(0).caseNumber)).toEqual([])
    expect(await knownCasesByNumber(db, view(1).caseNumber)).toHaveLength(1)

    const many = Array.from({ length: MAX_KNOWN_CASES + 5 }, (_, i) => view(100 + i))
    for (let i = 0; i < many.length; i += 100)
      await rememberCases(
        db,
        seen(...many.slice(i, i + 100)),
        new Date(start + KNOWN_CASE_MAX_AGE_MS + 2000 + i),
      )
    expect(await db.count('knownCases')).toBe(MAX_KNOWN_CASES)
    expect(await knownCasesByNumber(db, view(1).caseNumber)).toEqual([])
    expect(await knownCasesByNumber(db, view(100 + MAX_KNOWN_CASES + 4).caseNumber)).toHaveLength(1)
    db.close()
  })

  it('marks a case rated so the offline view does not offer a second rating', async () => {
    const db = await openKioskDb(new IDBFactory())
    await rememberCases(db, seen(view(1, { status: '办结' })), at('2026-11-23T02:00:00Z'))
    await markKnownCaseRated(db, view(1).transactionKey)
    const [found] = await knownCasesByNumber(db, view(1).caseNumber)
    expect(found?.view.rated).toBe(true)
    db.close()
  })
})
