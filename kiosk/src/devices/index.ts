/**
 * The bridge module for hardware: builds the device layer the UI and the flows use.
 * Only simulated devices exist today; a vendor SDK would plug in here behind the same interfaces.
 */
import type { PrinterState } from '../sync/terminalBridge'
import {
  createSimulatedCamera,
  createSimulatedIdCardReader,
  createSimulatedPrinter,
  createSimulatedScanner,
} from './simulated'
import type { Devices } from './types'

export type { Camera, Devices, IdCard, IdCardReader, Printer, PrintJob, Scanner } from './types'
export { PrinterError } from './types'

/** Options read from the page URL (`?printer=paperOut`) and the bridge's printer reporting. */
export interface DeviceOptions {
  printerPaperOut: boolean
  reportPrinter: (state: PrinterState) => void
  /** One delay for every simulated device (`?simDelayMs=0` for benches); each device's own realistic default otherwise. */
  simulatedDelayMs?: number
}

/** Reads device options from a URL search string, e.g. `?printer=paperOut` or `?simDelayMs=0`. */
export function deviceOptionsFromSearch(
  search: string,
  reportPrinter: (state: PrinterState) => void,
): DeviceOptions {
  const params = new URLSearchParams(search)
  const delay = params.get('simDelayMs')
  const options: DeviceOptions = { printerPaperOut: params.get('printer') === 'paperOut', reportPrinter }
  if (delay !== null) {
    if (/^\d{1,5}$/.test(delay)) options.simulatedDelayMs = Number(delay)
    // A bad value keeps the realistic delays; the technician sees why in the console.
    else console.warn(`simDelayMs must be a whole number of milliseconds (0-99999), got "${delay}"`)
  }
  return options
}

/** Creates the terminal's devices (simulated by default). */
export function createDevices(options: DeviceOptions): Devices {
  const delayMs = options.simulatedDelayMs
  const printer = createSimulatedPrinter({
    paperOut: options.printerPaperOut,
    onState: options.reportPrinter,
    delayMs,
  })
  return {
    idCardReader: createSimulatedIdCardReader(delayMs),
    printer,
    camera: createSimulatedCamera(delayMs),
    scanner: createSimulatedScanner(delayMs),
    setPaperOut: (paperOut) => printer.setPaperOut(paperOut),
    paperOut: () => printer.paperOut(),
  }
}
