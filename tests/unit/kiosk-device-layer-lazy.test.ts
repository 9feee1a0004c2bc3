/**
 * The device layer imports the agent client and the simulation only when the terminal needs them (#18 item 2 kept
 * after #19): a real terminal is 'connecting' until its client is there, and calls wait for it; the demo terminal's
 * simulation comes after `simulationAfter` (the page's first tap) unless a call needs it first, and its printer's
 * state reaches the heartbeat at once either way.
 */
import { describe, expect, it } from 'vitest'
import { createDeviceLayer, deviceOptionsFromSearch } from '../../kiosk/src/devices'
import { DEMO_ID_CARD } from '../../kiosk/src/devices/simulated'
import { PrinterError } from '../../kiosk/src/devices/types'
import { DEMO_TERMINAL_ID } from '../../mock-backend/src/contract/constants'

/** A socket that never opens: the agent stays 'connecting' (no network, no timing from a refused port). */
class SilentSocket {
  addEventListener() {}
  send() {}
  close() {}
}
const Silent = SilentSocket as unknown as typeof WebSocket

/** A promise the test settles, standing in for the first tap. */
function firstTap() {
  let tap: () => void = () => undefined
  const promise = new Promise<void>((resolve) => {
    tap = resolve
  })
  return { promise, tap }
}

/** Lets pending imports and promise chains run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('device layer, lazily loaded modules', () => {
  it("a real terminal's agent is 'connecting' until its client is there, and a call waits for the client", async () => {
    const layer = createDeviceLayer(
      deviceOptionsFromSearch('', () => {}),
      () => 'secret',
      Silent,
    )
    layer.terminalKnown('T-REAL-0001')
    expect(layer.devices.mode()).toBe('agent')
    expect(layer.devices.availability()).toBe('connecting')
    expect(layer.devices.printer.state()).toBe('ok')
    // The client arrives and its connection (never opening) is still connecting: the call is refused, not invented.
    await expect(layer.devices.idCardReader.read()).rejects.toThrow('the device agent is not connected')
    expect(layer.devices.availability()).toBe('connecting')
  })

  it('the demo terminal imports its simulation after the first tap, and reports its printer at once', async () => {
    const tap = firstTap()
    const printer: string[] = []
    const layer = createDeviceLayer(
      {
        ...deviceOptionsFromSearch('?simDelayMs=0&printer=paperOut', (state) => printer.push(state)),
        simulationAfter: tap.promise,
      },
      () => null,
    )
    layer.terminalKnown(DEMO_TERMINAL_ID)
    expect(layer.devices.mode()).toBe('simulated')
    expect(layer.devices.availability()).toBe('simulated')
    expect(layer.devices.printer.state()).toBe('paperOut')
    expect(printer).toEqual(['paperOut'])
    await settle()
    // Still no simulated printer: it would have reported itself on creation.
    expect(printer).toEqual(['paperOut'])
    tap.tap()
    await expect.poll(() => printer).toEqual(['paperOut', 'paperOut'])
    await expect(
      layer.devices.printer.print({ kind: 'receipt', title: 't', lines: [] }),
    ).rejects.toBeInstanceOf(PrinterError)
  })

  it('a call before the first tap imports the simulation at once; the paper switch set before it holds', async () => {
    const layer = createDeviceLayer(
      { ...deviceOptionsFromSearch('?simDelayMs=0', () => {}), simulationAfter: firstTap().promise },
      () => 'secret',
      Silent,
    )
    layer.terminalKnown(DEMO_TERMINAL_ID)
    layer.devices.setPaperOut(true)
    expect(layer.devices.paperOut()).toBe(true)
    await expect(layer.devices.idCardReader.read()).resolves.toEqual(DEMO_ID_CARD)
    expect(layer.devices.paperOut()).toBe(true)
    const failed = await layer.devices.printer
      .print({ kind: 'receipt', title: 't', lines: [] })
      .catch((error: unknown) => error)
    expect((failed as PrinterError).state).toBe('paperOut')
    // On a real terminal the switch moves nothing: a real printer's paper is real.
    layer.terminalKnown('T-REAL-0002')
    layer.devices.setPaperOut(false)
    expect(layer.devices.mode()).toBe('agent')
    expect(layer.devices.paperOut()).toBe(false)
  })
})
