/**
 * The idle time an admin sets for a terminal (30–300 s) drives the session machine, doubled in elder mode;
 * a value received mid-visit applies from the next wait. Simulated time throughout.
 */

import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RETENTION_DAYS,
  ELDER_IDLE_FACTOR,
  IDLE_SECONDS,
} from '../../mock-backend/src/contract/constants'
import { startSession } from '../fixtures/node/kiosk/harness'

const idleIs = (s: ReturnType<typeof startSession>, state: 'watching' | 'warning') =>
  s.actor.getSnapshot().matches({ active: { idle: state } })

const PIN_NONE = null

describe('configurable idle timeout', () => {
  it('defaults to IDLE_SECONDS.default before the terminal received a setting', () => {
    const s = startSession()
    s.actor.send({ type: 'session.start' })
    s.advance(IDLE_SECONDS.default * 1000 - 1)
    expect(idleIs(s, 'watching')).toBe(true)
    s.advance(1)
    expect(idleIs(s, 'warning')).toBe(true)
  })

  it('uses the setting the bridge holds at start, and the next one it receives', () => {
    const s = startSession()
    s.bridge.receiveSettings({ idleSeconds: 90, pin: PIN_NONE, retentionDays: DEFAULT_RETENTION_DAYS })
    s.actor.send({ type: 'session.start' })
    s.advance(89_999)
    expect(idleIs(s, 'watching')).toBe(true)
    s.advance(1)
    expect(idleIs(s, 'warning')).toBe(true)
    s.actor.send({ type: 'idle.continue' })

    // A new value mid-visit applies from the next wait (the next touch).
    s.bridge.receiveSettings({ idleSeconds: 30, pin: PIN_NONE, retentionDays: DEFAULT_RETENTION_DAYS })
    s.actor.send({ type: 'user.activity' })
    s.advance(29_999)
    expect(idleIs(s, 'watching')).toBe(true)
    s.advance(1)
    expect(idleIs(s, 'warning')).toBe(true)
  })

  it('doubles the custom value in elder mode, and keeps it for the next visit', () => {
    const s = startSession()
    s.bridge.receiveSettings({ idleSeconds: 45, pin: PIN_NONE, retentionDays: DEFAULT_RETENTION_DAYS })
    s.actor.send({ type: 'session.start' })
    s.actor.send({ type: 'elder.toggle' })
    s.advance(45_000 * ELDER_IDLE_FACTOR - 1)
    expect(idleIs(s, 'watching')).toBe(true)
    s.advance(1)
    expect(idleIs(s, 'warning')).toBe(true)
    s.advance(20_000)
    expect(s.actor.getSnapshot().matches('attract')).toBe(true)
    // The visit's elder mode is gone; the terminal's setting stays.
    expect(s.actor.getSnapshot().context.idleSeconds).toBe(45)
    s.actor.send({ type: 'session.start' })
    s.advance(44_999)
    expect(idleIs(s, 'watching')).toBe(true)
    s.advance(1)
    expect(idleIs(s, 'warning')).toBe(true)
  })
})
