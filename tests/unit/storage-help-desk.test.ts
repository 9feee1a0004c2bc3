/**
 * The storage suite's 帮办 part, run against every store (SQLite in memory, PostgreSQL in a fresh database): a
 * terminal's centre contact and no-answer timeout, call records, and call-back tasks (stored once, taken once,
 * closed by the taker only, numbers purged after their tasks closed). A store passes only when it answers exactly
 * as the other does.
 */
import { describe, expect, it } from 'vitest'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import type { HelpContact } from '../../mock-backend/src/contract/helpDeskRules'
import type { HelpCallRow } from '../../mock-backend/src/db/helpDeskRows'
import { STORES, useStore } from '../fixtures/node/backend/postgresStores'
import { insertTownHall } from '../fixtures/node/backend/storeRows'

const NOW = '2026-03-02T01:00:00.000Z'

const CONTACT: HelpContact = {
  phone: '0762-3388123',
  hours: { days: [1, 2, 3, 4, 5], from: '08:30', to: '17:30' },
  hall: { name: '源城区政务服务中心', address: '河源市源城区长堤路 1 号' },
}

/** A call of T-1 on 2 March. */
const call = (callId: string, over: Partial<HelpCallRow> = {}): HelpCallRow => ({
  callId,
  terminalId: 'T-1',
  districtCode: DEMO_DISTRICT_CODE,
  day: '2026-03-02',
  startedAt: NOW,
  waitMs: 12_000,
  durationMs: 90_000,
  answered: true,
  missedReason: null,
  helper: 'helper',
  itemCode: null,
  ...over,
})

/** 紫金县, a second district of the seeded tree. */
const ZIJIN = '441621'

/** A call-back task asked at `requestedAt`, in the demo district unless told. */
const task = (key: string, requestedAt: string, districtCode = DEMO_DISTRICT_CODE) => ({
  key,
  terminalId: 'T-1',
  districtCode,
  itemCode: 'ITEM-A',
  requestedAt,
  maskedPhone: '138****5678',
  phoneSealed: `v1.sealed-${key}`,
})

describe.each(STORES)('%s store, 帮办', (kind) => {
  const under = useStore(kind)

  it('keeps a terminal’s centre contact and no-answer timeout, each edited alone, and clears the contact', async () => {
    const { store } = under
    await insertTownHall(store, NOW)
    const base = { name: 'Town hall', location: 'Hall', groups: [], districtCode: DEMO_DISTRICT_CODE }
    expect(await store.getTerminal('T-1')).toMatchObject({ helpContact: null, noAnswerSeconds: null })
    await store.editTerminal('T-1', { ...base, help: { contact: CONTACT } })
    expect(await store.getTerminal('T-1')).toMatchObject({ helpContact: CONTACT, noAnswerSeconds: null })
    await store.editTerminal('T-1', { ...base, help: { noAnswerSeconds: 45 } })
    expect(await store.getTerminal('T-1')).toMatchObject({ helpContact: CONTACT, noAnswerSeconds: 45 })
    await store.editTerminal('T-1', { ...base, idleSeconds: 90 })
    expect(await store.getTerminal('T-1')).toMatchObject({ helpContact: CONTACT, noAnswerSeconds: 45 })
    await store.editTerminal('T-1', { ...base, help: { contact: null } })
    expect(await store.getTerminal('T-1')).toMatchObject({ helpContact: null, noAnswerSeconds: 45 })
  })

  it('stores a call record once and reads the calls of a day range and districts', async () => {
    const { store } = under
    const answered = call('00000000-0000-4000-8000-000000000001')
    const missed = call('00000000-0000-4000-8000-000000000002', {
      startedAt: '2026-03-03T02:00:00.000Z',
      day: '2026-03-03',
      answered: false,
      missedReason: 'timeout',
      helper: null,
      durationMs: 0,
      waitMs: 60_000,
      itemCode: 'ITEM-B',
    })
    await store.helpDesk.recordCall(answered)
    await store.helpDesk.recordCall({ ...answered, waitMs: 1 })
    await store.helpDesk.recordCall(missed)
    expect(await store.helpDesk.callsBetween('2026-03-01', '2026-03-31')).toEqual([answered, missed])
    expect(await store.helpDesk.callsBetween('2026-03-03', '2026-03-03')).toEqual([missed])
    expect(await store.helpDesk.callsBetween('2026-03-01', '2026-03-31', [ZIJIN])).toEqual([])
    expect(await store.helpDesk.callsBetween('2026-03-01', '2026-03-31', [])).toEqual([])
    // A call of another district with the same id is its own row (keys lead with the district).
    await store.helpDesk.recordCall({ ...answered, districtCode: ZIJIN })
    expect(await store.helpDesk.callsBetween('2026-03-01', '2026-03-31', [ZIJIN])).toEqual([
      { ...answered, districtCode: ZIJIN },
    ])
    expect(await store.helpDesk.callsBetween('2026-03-01', '2026-03-31', [DEMO_DISTRICT_CODE])).toHaveLength(
      2,
    )
  })

  it('stores a call-back task once, gives it to one helper, lets only the taker close it, and purges its number', async () => {
    const { store } = under
    const desk = store.helpDesk
    expect(await desk.addCallback(task('k-1', '2026-03-01T01:00:00.000Z'))).toBe(true)
    expect(await desk.addCallback(task('k-1', '2026-03-01T01:00:00.000Z'))).toBe(false)
    // The key is unique in the province: sent again from a terminal moved to another district, nothing new.
    expect(await desk.addCallback(task('k-1', '2026-03-01T01:00:00.000Z', ZIJIN))).toBe(false)
    expect(await desk.addCallback(task('k-2', '2026-03-02T01:00:00.000Z'))).toBe(true)
    const k1 = { districtCode: DEMO_DISTRICT_CODE, key: 'k-1' }
    // A write names the task's district: in another district's key range there is no such task.
    expect(await desk.takeCallback({ districtCode: ZIJIN, key: 'k-1' }, 'amy', NOW)).toBe(false)
    const takes = await Promise.all([desk.takeCallback(k1, 'amy', NOW), desk.takeCallback(k1, 'bob', NOW)])
    expect(takes.filter(Boolean)).toHaveLength(1)
    const taker = takes[0] ? 'amy' : 'bob'
    const other = taker === 'amy' ? 'bob' : 'amy'
    expect(await desk.closeCallback(k1, other, 'called_back', NOW)).toBe(false)
    expect(await desk.closeCallback({ ...k1, districtCode: ZIJIN }, taker, 'unreachable', NOW)).toBe(false)
    expect(await desk.closeCallback(k1, taker, 'unreachable', '2026-03-02T02:00:00.000Z')).toBe(true)
    expect(await desk.closeCallback(k1, taker, 'called_back', NOW)).toBe(false)
    expect(await desk.takeCallback(k1, other, NOW)).toBe(false)
    expect(await desk.callback('k-1')).toEqual({
      ...task('k-1', '2026-03-01T01:00:00.000Z'),
      takenBy: taker,
      takenAt: NOW,
      closedAt: '2026-03-02T02:00:00.000Z',
      outcome: 'unreachable',
    })
    expect((await desk.callbacks('2026-03-02T03:00:00.000Z')).map((t) => t.key)).toEqual(['k-2'])
    expect((await desk.callbacks('2026-03-01T00:00:00.000Z')).map((t) => t.key)).toEqual(['k-2', 'k-1'])
    expect(await desk.purgeNumbers('2026-03-02T02:00:00.000Z')).toBe(0)
    expect(await desk.purgeNumbers('2026-04-01T00:00:00.000Z')).toBe(1)
    expect(await desk.purgeNumbers('2026-04-01T00:00:00.000Z')).toBe(0)
    expect(await desk.callback('k-1')).toMatchObject({ phoneSealed: null, maskedPhone: '138****5678' })
    expect(await desk.callback('k-2')).toMatchObject({ phoneSealed: 'v1.sealed-k-2', closedAt: null })
  })
})
