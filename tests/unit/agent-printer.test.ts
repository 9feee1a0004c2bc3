/**
 * The ESC/POS receipt printer driver against the simulated printer on TCP: a receipt read back line by line in
 * Chinese with its QR payload and cut; paper out in the middle of a receipt stops the job with paperOut and the
 * event; near end and cover open are reported; a printer that stops answering is lost, then found. The same
 * driver on a device file (a pty standing in for /dev/usb/lp0) prints and reads status on one handle.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AgentError, type PrinterDriver } from '../../kiosk/agent/drivers/types'
import { createEscposPrinter } from '../../kiosk/agent/printer/escposPrinter'
import type { AgentEvent } from '../../kiosk/agent/protocol/messages'
import {
  type EscposPrinterSimulator,
  startEscposPrinterSimulator,
} from '../../kiosk/agent/simulators/escposPrinterSimulator'
import { openPtyPair } from '../../kiosk/agent/simulators/ptyPair'
import { openSerialLine } from '../../kiosk/agent/transport/byteLine'
import { openFileLine } from '../../kiosk/agent/transport/fileLine'
import { openTcpLine } from '../../kiosk/agent/transport/tcpLine'

const RECEIPT = {
  title: '城乡居民医疗保险缴费 凭证',
  lines: ['办件编号：GD-2026-000123', '金额：380.00 元', '缴费人：刘䶮', '请妥善保管本凭证'],
  qr: 'https://ex.test/c/GD-2026-000123',
}

describe('ESC/POS receipt printer over TCP', () => {
  let simulator: EscposPrinterSimulator
  let printer: PrinterDriver
  let events: AgentEvent[]
  beforeEach(async () => {
    simulator = await startEscposPrinterSimulator()
    events = []
    printer = createEscposPrinter(
      () => openTcpLine('127.0.0.1', simulator.port),
      (event) => events.push(event),
      50,
    )
  })
  afterEach(async () => {
    await printer.close()
    await simulator.close()
  })

  const printError = async () => {
    try {
      await printer.print(RECEIPT)
      return 'printed'
    } catch (error) {
      return error instanceof AgentError ? error.code : String(error)
    }
  }

  it('prints a receipt the printer reads back as text, QR payload and a cut', async () => {
    await printer.print(RECEIPT)
    expect(simulator.receipts()).toEqual([
      { lines: [RECEIPT.title, ...RECEIPT.lines, ''], qr: RECEIPT.qr, cut: true },
    ])
    expect(printer.state()).toBe('ready')
  })

  it('stops with paperOut when the paper runs out mid-receipt, and refuses the next one', async () => {
    simulator.setPaperLines(2)
    await expect(printError()).resolves.toBe('paperOut')
    expect(simulator.receipts()).toEqual([{ lines: [RECEIPT.title, RECEIPT.lines[0]], qr: null, cut: false }])
    expect(events).toContain('printer.paperOut')
    expect(printer.state()).toBe('paperOut')
    await expect(printError()).resolves.toBe('paperOut')
    // A new roll: the next receipt prints whole.
    simulator.setPaperLines(Number.POSITIVE_INFINITY)
    await printer.print(RECEIPT)
    expect(simulator.receipts().at(-1)?.cut).toBe(true)
  })

  it('reports paper near end and still prints; refuses with the cover open', async () => {
    simulator.setPaperLow(true)
    await printer.print(RECEIPT)
    expect(events).toEqual(['printer.paperLow'])
    expect(printer.state()).toBe('paperLow')
    simulator.setCoverOpen(true)
    await expect(printError()).resolves.toBe('coverOpen')
    expect(events).toEqual(['printer.paperLow', 'printer.coverOpen'])
  })

  it('reports the printer lost when its status stops, and found when it answers', async () => {
    simulator.setSilent(true)
    await expect.poll(() => printer.state(), { timeout: 4000 }).toBe('lost')
    await expect(printError()).resolves.toBe('deviceUnavailable')
    simulator.setSilent(false)
    await expect.poll(() => printer.state(), { timeout: 4000 }).toBe('ready')
    expect(events).toEqual(['device.lost', 'device.found'])
  })
})

describe('ESC/POS receipt printer on a device file', () => {
  it('prints through the device file and reads DLE EOT status back on the same handle', async () => {
    const pty = await openPtyPair()
    const simulator = await startEscposPrinterSimulator()
    simulator.attach(await openSerialLine(pty.devicePath))
    const events: AgentEvent[] = []
    const printer = createEscposPrinter(
      () => openFileLine(pty.agentPath),
      (event) => events.push(event),
      50,
    )
    try {
      await printer.print(RECEIPT)
      expect(simulator.receipts()).toEqual([
        { lines: [RECEIPT.title, ...RECEIPT.lines, ''], qr: RECEIPT.qr, cut: true },
      ])
      simulator.setPaperLines(0)
      await expect(printer.print(RECEIPT)).rejects.toMatchObject({ code: 'paperOut' })
      expect(events).toContain('printer.paperOut')
    } finally {
      await printer.close()
      await simulator.close()
      await pty.close()
    }
  })
})
