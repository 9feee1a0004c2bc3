/**
 * kiosk/agent/PROTOCOL.md against kiosk/agent/protocol/messages.ts: every constant, method, event, error code,
 * device kind, state, ID-card and 社保卡 field the module defines is documented with the same value, and the document
 * names nothing the module lacks.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  AGENT_DEFAULT_PORT,
  AGENT_EVENTS,
  AGENT_METHODS,
  BANK_CARD_MAX_WAIT_MS,
  DEVICE_KINDS,
  DEVICE_STATES,
  ID_CARD_FIELDS,
  JSONRPC,
  QR_SCAN_MAX_WAIT_MS,
  RPC_ERRORS,
  RPC_TIMEOUT_MS,
  SOCIAL_CARD_FIELDS,
} from '../../kiosk/agent/protocol/messages'
import type { BankCardSimulator } from '../../kiosk/agent/simulators/bankCardSimulator'
import { simulatorControls } from '../../kiosk/agent/simulators/controls'
import type { EscposPrinterSimulator } from '../../kiosk/agent/simulators/escposPrinterSimulator'
import type { QrReaderSimulator } from '../../kiosk/agent/simulators/qrReaderSimulator'
import type { SamReaderSimulator } from '../../kiosk/agent/simulators/samReaderSimulator'
import type { SocialCardSimulator } from '../../kiosk/agent/simulators/socialCardSimulator'

const DOC = readFileSync(join(import.meta.dirname, '../../kiosk/agent/PROTOCOL.md'), 'utf8')

/** The rows of the first table under `## heading`: each row's cells, backticks removed, header and rule dropped. */
function tableRows(heading: string): string[][] {
  const section = DOC.split(/^## /m).find((part) => part.startsWith(`${heading}\n`))
  if (!section) throw new Error(`PROTOCOL.md has no section "## ${heading}"`)
  const lines = section.split('\n').filter((line) => line.startsWith('|'))
  return lines.slice(2).map((line) =>
    line
      .replace(/\\\|/g, '¦')
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/`/g, '')),
  )
}
const firstColumn = (heading: string) => tableRows(heading).map(([name]) => name)

describe('PROTOCOL.md matches the protocol module', () => {
  it('documents the constants with their values', () => {
    expect(Object.fromEntries(tableRows('Constants').map(([name, value]) => [name, value]))).toEqual({
      AGENT_DEFAULT_PORT: String(AGENT_DEFAULT_PORT),
      RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS),
      QR_SCAN_MAX_WAIT_MS: String(QR_SCAN_MAX_WAIT_MS),
      BANK_CARD_MAX_WAIT_MS: String(BANK_CARD_MAX_WAIT_MS),
      JSONRPC,
    })
  })

  it('lists every method in order', () => {
    expect(firstColumn('Methods')).toEqual([...AGENT_METHODS])
  })

  it('lists every event in order', () => {
    expect(firstColumn('Events')).toEqual([...AGENT_EVENTS])
  })

  it('lists every error with its code', () => {
    const documented = Object.fromEntries(tableRows('Errors').map(([name, code]) => [name, Number(code)]))
    expect(documented).toEqual(RPC_ERRORS)
  })

  it('lists the device kinds, states, ID card and 社保卡 fields', () => {
    expect(firstColumn('Device kinds')).toEqual([...DEVICE_KINDS])
    expect(firstColumn('Device states')).toEqual([...DEVICE_STATES])
    expect(firstColumn('ID card fields')).toEqual([...ID_CARD_FIELDS])
    expect(firstColumn('社保卡 fields')).toEqual([...SOCIAL_CARD_FIELDS])
  })

  it('lists every simulation control the simulating agent offers', () => {
    // The controls exist per simulated device; stand-ins are enough to list their names.
    const controls = simulatorControls({
      reader: {} as SamReaderSimulator,
      printer: {} as EscposPrinterSimulator,
      qrReader: {} as QrReaderSimulator,
      socialCardReader: {} as SocialCardSimulator,
      bankCardReader: {} as BankCardSimulator,
    })
    expect(firstColumn('Simulation controls')).toEqual(Object.keys(controls))
  })

  it('fails on a section it cannot find, so a renamed heading is noticed', () => {
    expect(() => tableRows('Nonexistent')).toThrow('PROTOCOL.md has no section "## Nonexistent"')
  })
})
