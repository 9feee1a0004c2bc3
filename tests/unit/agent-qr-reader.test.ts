/**
 * The 扫码器 driver against the simulated reader on a real pty pair (9600 baud, CR after each code): a waiting
 * scan gets the code; a code shown while nobody waits is dropped, not handed to the next scan; a scan that sees no
 * code answers null; a newer scan ends an older one; a code that is not UTF-8 or too long is dropped, with a log
 * line that never holds the code.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { QrReaderDriver } from '../../kiosk/agent/drivers/types'
import { createQrReader, QR_MAX_BYTES, QR_READER_BAUD } from '../../kiosk/agent/qr/qrReader'
import { openPtyPair, type PtyPair } from '../../kiosk/agent/simulators/ptyPair'
import {
  createQrReaderSimulator,
  type QrReaderSimulator,
} from '../../kiosk/agent/simulators/qrReaderSimulator'
import { openSerialLine, wireTimeMs } from '../../kiosk/agent/transport/byteLine'

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl'

describe('QR reader driver on a pty', () => {
  let pty: PtyPair
  let simulator: QrReaderSimulator
  let driver: QrReaderDriver
  let logged: string[]
  beforeEach(async () => {
    logged = []
    pty = await openPtyPair()
    simulator = createQrReaderSimulator(await openSerialLine(pty.devicePath, QR_READER_BAUD))
    driver = createQrReader(await openSerialLine(pty.agentPath, QR_READER_BAUD), (line) => logged.push(line))
  })
  afterEach(async () => {
    await driver.close()
    await simulator.close()
    await pty.close()
  })

  it('hands a waiting scan the code, no faster than the wire carries it', async () => {
    const scan = driver.scan(3000)
    expect(driver.state()).toBe('busy')
    const started = performance.now()
    await simulator.show(TOKEN)
    await expect(scan).resolves.toBe(TOKEN)
    expect(performance.now() - started).toBeGreaterThanOrEqual(
      wireTimeMs(TOKEN.length + 1, QR_READER_BAUD) - 1,
    )
    expect(driver.state()).toBe('ready')
  })

  it('drops a code shown while nobody waits, and answers null when no code comes', async () => {
    await simulator.show(TOKEN)
    await expect.poll(() => logged).toEqual(['qrReader: a code read while no step was waiting was dropped'])
    await expect(driver.scan(300)).resolves.toBeNull()
  })

  it('ends an older scan with null when a newer one starts', async () => {
    const older = driver.scan(3000)
    const newer = driver.scan(3000)
    await expect(older).resolves.toBeNull()
    await simulator.show('第二个码')
    await expect(newer).resolves.toBe('第二个码')
  })

  it('drops a code that is not UTF-8 or longer than the limit, then reads the next one', async () => {
    const scan = driver.scan(3000)
    await simulator.showBytes(Uint8Array.of(0xc3, 0x28))
    await simulator.showBytes(new Uint8Array(QR_MAX_BYTES + 1).fill(0x41))
    await simulator.show(TOKEN)
    await expect(scan).resolves.toBe(TOKEN)
    expect(logged).toEqual([
      'qrReader: a code that is not UTF-8 was dropped',
      `qrReader: a code longer than ${QR_MAX_BYTES} bytes was dropped`,
    ])
    expect(logged.join('\n')).not.toContain(TOKEN)
  })
})
