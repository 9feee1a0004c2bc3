/**
 * The clock several nodes share (clock.ts) on one process's terms: a change made here is written to the settings
 * row before it is applied; a node follows another's change at its next refresh; and reads overlap (one per
 * request), so an older read that ends late never puts back the offset it saw. The two-process behaviour is in
 * backend-nodes.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { CLOCK_OFFSET_SETTING, Clock } from '../../mock-backend/src/clock'
import type { Storage } from '../../mock-backend/src/db/storage'
import { InProcessNodes } from '../../mock-backend/src/nodes/inProcess'

const REAL = new Date('2026-01-01T00:00:00Z')

/** A settings table whose reads (each answering the row as it was when asked) are held until let go. */
function settingsStore() {
  const rows = new Map<string, string>()
  const held: (() => void)[] = []
  let holding = false
  const store = {
    async getSetting(key: string) {
      const value = rows.get(key)
      if (holding) await new Promise<void>((go) => held.push(go))
      return value
    },
    async putSetting(key: string, value: string) {
      rows.set(key, value)
    },
  }
  /** Lets the held read number `n` (0 = the first held) answer, and waits for its answer to be applied. */
  const answer = async (n: number, read: Promise<void>) => {
    held[n]!()
    await read
  }
  return {
    store: store as unknown as Storage,
    rows,
    hold: () => {
      holding = true
    },
    answer,
  }
}

describe('the shared clock', () => {
  it('writes the offset for the other nodes and follows theirs at its next refresh', async () => {
    const settings = settingsStore()
    const a = new Clock(() => REAL)
    const b = new Clock(() => REAL)
    await a.share(new InProcessNodes(), settings.store)
    await b.share(new InProcessNodes(), settings.store)
    const view = await a.setEverywhere({ at: '2023-03-01T12:00:00Z' })
    expect(settings.rows.get(CLOCK_OFFSET_SETTING)).toBe(String(view.offsetMs))
    expect(b.now().toISOString()).toBe(REAL.toISOString())
    await b.refresh()
    expect(b.now().toISOString()).toBe('2023-03-01T12:00:00.000Z')
    await expect(a.setEverywhere({ offsetMs: 40 * 365 * 86_400_000 })).rejects.toThrow(RangeError)
    expect(settings.rows.get(CLOCK_OFFSET_SETTING)).toBe(String(view.offsetMs))
  })

  it('a read begun before a change made here, or before a newer read, and answered last changes nothing', async () => {
    const settings = settingsStore()
    const clock = new Clock(() => REAL)
    await clock.share(new InProcessNodes(), settings.store)
    settings.rows.set(CLOCK_OFFSET_SETTING, '0')
    settings.hold()
    const beforeChange = clock.refresh()
    await clock.setEverywhere({ offsetMs: 5_000 })
    await settings.answer(0, beforeChange)
    expect(clock.view().offsetMs).toBe(5_000)
    // The change's own notice made a read too (held 1); it reads the new row.
    await settings.answer(1, Promise.resolve())

    // Another node moves the clock while two requests here read it: the older read answers last.
    const older = clock.refresh()
    settings.rows.set(CLOCK_OFFSET_SETTING, '7000')
    const newer = clock.refresh()
    await settings.answer(3, newer)
    expect(clock.view().offsetMs).toBe(7_000)
    await settings.answer(2, older)
    expect(clock.view().offsetMs).toBe(7_000)
  })

  it('one node (not shared): refresh reads nothing and keeps the offset set here', async () => {
    const settings = settingsStore()
    const clock = new Clock(() => REAL)
    clock.set({ offsetMs: 1_000 })
    settings.rows.set(CLOCK_OFFSET_SETTING, '9')
    await clock.refresh()
    expect((await clock.setEverywhere({ offsetMs: 2_000 })).offsetMs).toBe(2_000)
    expect(settings.rows.get(CLOCK_OFFSET_SETTING)).toBe('9')
  })
})
