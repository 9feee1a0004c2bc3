/**
 * The maintenance PIN on the terminal: a typed PIN is checked offline with WebCrypto against the hash the
 * backend made, and wrong PINs lock the keypad with growing delays that survive a reload (IndexedDB `meta`).
 */
import { DEFAULT_RETENTION_DAYS } from '../../mock-backend/src/contract/constants'
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { pinMatchesHash } from '../../kiosk/src/maintenance/pinCheck'
import { createPinGate } from '../../kiosk/src/maintenance/pinGate'
import {
  afterWrongPin,
  FIRST_DELAY_MS,
  FREE_TRIES,
  lockDelayMs,
  MAX_DELAY_MS,
  NO_LOCKOUT,
} from '../../kiosk/src/maintenance/pinLockout'
import { createDbConnection } from '../../kiosk/src/storage/db'
import { createTerminalSettings } from '../../kiosk/src/sync/terminalSettings'
import { hashPin } from '../../mock-backend/src/auth/pinHash'
import { IDLE_SECONDS } from '../../mock-backend/src/contract/constants'

describe('PIN check (WebCrypto PBKDF2 against the backend hash)', () => {
  it('accepts the PIN the backend hashed and nothing else', async () => {
    const stored = await hashPin('13572468')
    expect(await pinMatchesHash('13572468', stored)).toBe(true)
    expect(await pinMatchesHash('13572469', stored)).toBe(false)
    expect(await pinMatchesHash('1357246', stored)).toBe(false)
  })
})

describe('lockout schedule', () => {
  it('locks from the 5th wrong PIN for 30 s, 60 s, 120 s … up to the cap', () => {
    const delays = Array.from({ length: 12 }, (_, i) => lockDelayMs(i + 1))
    expect(delays.slice(0, FREE_TRIES - 1)).toEqual([0, 0, 0, 0])
    expect(delays.slice(FREE_TRIES - 1, FREE_TRIES + 3)).toEqual([
      FIRST_DELAY_MS,
      2 * FIRST_DELAY_MS,
      4 * FIRST_DELAY_MS,
      8 * FIRST_DELAY_MS,
    ])
    expect([FIRST_DELAY_MS, MAX_DELAY_MS]).toEqual([30_000, 1_800_000])
    expect(lockDelayMs(40)).toBe(MAX_DELAY_MS)
    let state = NO_LOCKOUT
    for (let i = 0; i < FREE_TRIES; i++) state = afterWrongPin(state, 1_000)
    expect(state).toEqual({ failures: FREE_TRIES, lockedUntil: 1_000 + FIRST_DELAY_MS })
  })
})

describe('PIN gate over the cached settings', () => {
  const PIN = '246801'
  async function terminal(factory: IDBFactory, clock: { ms: number }) {
    const connection = createDbConnection(factory)
    const holder = createTerminalSettings(connection)
    await holder.load()
    return { ...holder, ...createPinGate(connection, holder.current, () => new Date(clock.ms)) }
  }

  it('has no PIN to check before an admin set one', async () => {
    const holder = await terminal(new IDBFactory(), { ms: 0 })
    expect(await holder.checkPin(PIN)).toEqual({ state: 'noPin' })
    await holder.adopt({
      idleSeconds: IDLE_SECONDS.default,
      pin: null,
      retentionDays: DEFAULT_RETENTION_DAYS,
    })
    expect(await holder.pinState()).toEqual({ state: 'noPin' })
  })

  it('locks after 5 wrong tries, keeps the lock across a reload, and a correct PIN clears the count', async () => {
    const factory = new IDBFactory()
    const clock = { ms: Date.parse('2026-11-27T10:00:00Z') }
    const first = await terminal(factory, clock)
    await first.adopt({ idleSeconds: 90, pin: await hashPin(PIN), retentionDays: DEFAULT_RETENTION_DAYS })
    expect(await first.pinState()).toEqual({ state: 'ready', triesLeft: 4 })
    for (const triesLeft of [3, 2, 1, 0])
      expect(await first.checkPin('000000')).toEqual({ state: 'wrong', triesLeft })
    const lockedUntil = clock.ms + FIRST_DELAY_MS
    expect(await first.checkPin('000000')).toEqual({ state: 'locked', until: lockedUntil })

    // A reload (a new holder over the same database) is still locked; even the right PIN is not checked.
    const second = await terminal(factory, clock)
    expect(second.current()?.idleSeconds).toBe(90)
    expect(await second.checkPin(PIN)).toEqual({ state: 'locked', until: lockedUntil })
    clock.ms = lockedUntil
    // The next wrong one locks at once, for twice as long.
    expect(await second.checkPin('111111')).toEqual({ state: 'locked', until: clock.ms + 2 * FIRST_DELAY_MS })
    clock.ms += 2 * FIRST_DELAY_MS
    expect(await second.checkPin(PIN)).toEqual({ state: 'ok' })
    expect(await second.pinState()).toEqual({ state: 'ready', triesLeft: 4 })
  })

  it('a PIN reset by an admin replaces the old one and lifts the lock', async () => {
    const factory = new IDBFactory()
    const clock = { ms: 1_000_000 }
    const holder = await terminal(factory, clock)
    await holder.adopt({ idleSeconds: 60, pin: await hashPin(PIN), retentionDays: DEFAULT_RETENTION_DAYS })
    for (let i = 0; i < FREE_TRIES; i++) await holder.checkPin('999999')
    expect((await holder.pinState()).state).toBe('locked')
    await holder.adopt({
      idleSeconds: 60,
      pin: await hashPin('97531864'),
      retentionDays: DEFAULT_RETENTION_DAYS,
    })
    expect(await holder.pinState()).toEqual({ state: 'ready', triesLeft: 4 })
    expect(await holder.checkPin(PIN)).toEqual({ state: 'wrong', triesLeft: 3 })
    expect(await holder.checkPin('97531864')).toEqual({ state: 'ok' })
  })
})

describe('device-agent pairing secret in the settings', () => {
  it('keeps the secret before a rotation as the previous one, across a reload', async () => {
    const factory = new IDBFactory()
    const holder = createTerminalSettings(createDbConnection(factory))
    await holder.load()
    const settings = { idleSeconds: IDLE_SECONDS.default, pin: null, retentionDays: DEFAULT_RETENTION_DAYS }
    await holder.adopt({ ...settings, agentPairingSecret: 'first-secret-0001' })
    expect([holder.agentPairingSecret(), holder.agentPairingPrevious()]).toEqual(['first-secret-0001', null])
    // The same secret again (every heartbeat) moves nothing.
    await holder.adopt({ ...settings, agentPairingSecret: 'first-secret-0001' })
    expect(holder.agentPairingPrevious()).toBeNull()
    await holder.adopt({ ...settings, agentPairingSecret: 'rotated-secret-0002' })
    const reloaded = createTerminalSettings(createDbConnection(factory))
    await reloaded.load()
    expect([reloaded.agentPairingSecret(), reloaded.agentPairingPrevious()]).toEqual([
      'rotated-secret-0002',
      'first-secret-0001',
    ])
  })
})
