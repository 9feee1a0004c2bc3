/**
 * The heartbeat's `devices` field (issue 19): the contract accepts the agent's kinds and states only, and fleet
 * health shows them and flags a terminal whose paper is low or out, cover open or device lost.
 */

import { describe, expect, it } from 'vitest'
import { Heartbeat } from '../../mock-backend/src/contract'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import type { TerminalRow } from '../../mock-backend/src/db/rows'
import { fleetHealth } from '../../mock-backend/src/reports/fleet'
import { QUIET_HEARTBEAT } from '../fixtures/shared/heartbeat'

const NOW = new Date('2026-12-05T08:00:00Z')
const BEAT = QUIET_HEARTBEAT

/** A terminal seen a minute ago with this heartbeat. */
const terminal = (id: string, heartbeat: unknown): TerminalRow => ({
  id,
  name: id,
  location: '大厅',
  groups: [],
  districtCode: DEMO_DISTRICT_CODE,
  enrolled: true,
  createdAt: '2026-01-01T00:00:00Z',
  lastSeenAt: '2026-12-05T07:59:00Z',
  heartbeat,
  pin: null,
  idleSeconds: null,
  helpContact: null,
  noAnswerSeconds: null,
  revokedAt: null,
  tokenExpiresAt: null,
  wipeRequestedAt: null,
  wipedAt: null,
})

describe('heartbeat devices', () => {
  it('accepts the agent kinds and states, and refuses others', () => {
    expect(
      Heartbeat.safeParse({ ...BEAT, devices: { idCardReader: 'ready', receiptPrinter: 'paperLow' } })
        .success,
    ).toBe(true)
    expect(Heartbeat.safeParse(BEAT).success).toBe(true)
    const badKind = Heartbeat.safeParse({ ...BEAT, devices: { fingerprintReader: 'ready' } })
    expect(badKind.success).toBe(false)
    const badState = Heartbeat.safeParse({ ...BEAT, devices: { receiptPrinter: 'jammed' } })
    expect(badState.error?.issues[0]?.path).toEqual(['devices', 'receiptPrinter'])
  })

  it('shows the devices in fleet health and flags paper low, paper out, cover open and lost', () => {
    const rows = fleetHealth(
      [
        terminal('T-OK', { ...BEAT, devices: { idCardReader: 'cardPresent', receiptPrinter: 'ready' } }),
        terminal('T-LOW', { ...BEAT, devices: { receiptPrinter: 'paperLow' } }),
        terminal('T-COVER', { ...BEAT, devices: { receiptPrinter: 'coverOpen' } }),
        terminal('T-LOST', { ...BEAT, devices: { idCardReader: 'lost' } }),
        terminal('T-SIM', BEAT),
      ],
      NOW,
      [],
    )
    expect(rows.map((row) => [row.id, row.devices, row.flags])).toEqual([
      ['T-OK', { idCardReader: 'cardPresent', receiptPrinter: 'ready' }, []],
      ['T-LOW', { receiptPrinter: 'paperLow' }, ['devices']],
      ['T-COVER', { receiptPrinter: 'coverOpen' }, ['devices']],
      ['T-LOST', { idCardReader: 'lost' }, ['devices']],
      ['T-SIM', null, []],
    ])
  })
})
