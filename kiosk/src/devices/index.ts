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
}

/** Reads device options from a URL search string, e.g. `?printer=paperOut`. */
export function deviceOptionsFromSearch(
  search: string,
  reportPrinter: (state: PrinterState) => void,
): DeviceOptions {
  const params = new URLSearchParams(search)
  return { printerPaperOut: params.get('printer') === 'paperOut', reportPrinter }
}

/** Creates the terminal's devices (simulated by default). */
export function createDevices(options: DeviceOptions): Devices {
  const printer = createSimulatedPrinter({
    paperOut: options.printerPaperOut,
    onState: options.reportPrinter,
  })
  return {
    idCardReader: createSimulatedIdCardReader(),
    printer,
    camera: createSimulatedCamera(),
    scanner: createSimulatedScanner(),
    setPaperOut: (paperOut) => printer.setPaperOut(paperOut),
    paperOut: () => printer.paperOut(),
  }
}
