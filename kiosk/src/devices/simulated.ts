/**
 * Simulated hardware for demos, development and tests: a demo ID card, a printer that can run out
 * of paper, a camera that always recognises the resident, a 扫码器 and a 社保卡 reader (simulatedIdentity.ts). Its own chunk:
 * the layer (index.ts) imports it dynamically only when the terminal simulates (or for the agent's camera/scanner).
 */
import type { PrinterState } from '../sync/terminalBridge'
import { idCheckChar } from './idNumber'
import type { DeviceOptions } from './index'
import { createSimulatedBankCardReader } from './simulatedBankCard'
import { createSimulatedDocumentCamera } from './simulatedDocumentCamera'
import { createSimulatedScanner, createSimulatedSocialCardReader } from './simulatedIdentity'
import type { Camera, Devices, IdCard, IdCardReader, Printer, PrintJob } from './types'
import { PrinterError } from './types'

const DEMO_FIRST17 = '44160219800101123'

/** The demo card: 李明, born 1980-01-01 in 河源市源城区, with a correct GB 11643 check digit. */
export const DEMO_ID_CARD: IdCard = Object.freeze({
  idNumber: `${DEMO_FIRST17}${idCheckChar(DEMO_FIRST17)}`,
  name: '李明',
})

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A reader that "reads" the demo card after a short, realistic delay. */
export function createSimulatedIdCardReader(delayMs = 600): IdCardReader {
  return {
    async read() {
      await wait(delayMs)
      return { ...DEMO_ID_CARD }
    },
    // The demo card is swiped with a button, never left on a reader.
    cardOnReader: async () => false,
  }
}

/** A printer whose paper can run out; every state change is passed to `onState`. */
export function createSimulatedPrinter(options: {
  paperOut: boolean
  onState: (state: PrinterState) => void
  delayMs?: number
}): Printer & { setPaperOut(paperOut: boolean): void; paperOut(): boolean } {
  let paperOut = options.paperOut
  const delayMs = options.delayMs ?? 800
  const current = (): PrinterState => (paperOut ? 'paperOut' : 'ok')
  options.onState(current())
  return {
    state: current,
    paperOut: () => paperOut,
    setPaperOut(next) {
      if (next === paperOut) return
      paperOut = next
      options.onState(current())
    },
    async print(_job: PrintJob) {
      await wait(delayMs)
      if (paperOut) throw new PrinterError('paperOut')
    },
  }
}

/** A camera that recognises the resident after a short delay (the demo has no real camera). */
export function createSimulatedCamera(delayMs = 1500): Camera {
  return {
    async verifyFace() {
      await wait(delayMs)
      return true
    },
  }
}

/** Creates the simulated devices (demo terminal, `?devices=simulated`). */
export function createSimulatedDevices(options: DeviceOptions): Devices {
  const delayMs = options.simulatedDelayMs
  const printer = createSimulatedPrinter({
    paperOut: options.printerPaperOut,
    onState: options.reportPrinter,
    delayMs,
  })
  return {
    mode: () => 'simulated',
    availability: () => 'simulated',
    onAvailability: () => () => {},
    onCardPlaced: () => () => {},
    idCardReader: createSimulatedIdCardReader(delayMs),
    printer,
    camera: createSimulatedCamera(delayMs),
    scanner: createSimulatedScanner(),
    socialCardReader: createSimulatedSocialCardReader(DEMO_ID_CARD, delayMs),
    bankCardReader: createSimulatedBankCardReader(delayMs),
    documentCamera: createSimulatedDocumentCamera(delayMs),
    setPaperOut: (paperOut) => printer.setPaperOut(paperOut),
    paperOut: () => printer.paperOut(),
  }
}
