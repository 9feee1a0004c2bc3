/**
 * The effects of the session's child machines, backed by the terminal: the flow's submit, card reader, camera
 * and printer, and 办件进度查询's case calls. Imported only by the child machines' chunk (`sessionActors.ts`,
 * loaded after the first tap), so none of it is in the entry a terminal boots with (issue 18 item 2).
 */
import type { Devices } from '../devices/types'
import { PrinterError } from '../devices/types'
import { showDemoEidCode, verifyEidCode } from '../identify/eidClient'
import type { CaseLookupDeps } from '../machines/caseLookupMachine'
import { EidError, type FlowDeps } from '../machines/serviceFlowMachine'
import type { TerminalBridge } from '../sync/terminalBridge'

/** How long the resident waits for the department's answer before being told it is queued. */
export const SUBMIT_WAIT_MS = 8000

/** A random 6-digit demo SMS code. */
export function randomSmsCode(): string {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1))
  return String(n % 1_000_000).padStart(6, '0')
}

/** The flow's effects backed by the bridge (submit) and the devices (card, camera, printer). */
export function createFlowDeps(bridge: TerminalBridge, devices: Devices): FlowDeps {
  return {
    submit: (submission) => bridge.submit(submission, { waitMs: SUBMIT_WAIT_MS }),
    readIdCard: () => devices.idCardReader.read(),
    cardOnReader: () => devices.idCardReader.cardOnReader(),
    verifyFace: (idNumber) => devices.camera.verifyFace(idNumber),
    async identifyByEid(signal, via) {
      let code: string
      try {
        // The camera's decoder is a module of its own, loaded only when a resident chooses the camera.
        code =
          via === 'camera'
            ? await import('../identify/cameraQr').then((m) => m.scanQrWithCamera(signal))
            : await devices.scanner.scan(signal)
      } catch {
        throw new EidError('eidNone')
      }
      return verifyEidCode(code, bridge.terminalKey())
    },
    readSocialCard: (pin) => devices.socialCardReader.read(pin),
    showDemoEid: () => showDemoEidCode(bridge.terminalKey()),
    async print(request) {
      try {
        // A receipt's model loads when one prints (not in the entry chunk): one model for every printer driver.
        const job =
          'receipt' in request
            ? await import('../../agent/protocol/receipt').then((r) => ({
                kind: 'receipt' as const,
                ...r.receiptDocument(r.buildReceipt(request.receipt)),
              }))
            : request
        await devices.printer.print(job)
        return 'ok'
      } catch (error) {
        const state = error instanceof PrinterError ? error.state : 'offline'
        bridge.reportPrinter(state)
        return state
      }
    },
    makeSmsCode: randomSmsCode,
  }
}

/** 办件进度查询's effects: the bridge's case calls, the flow's card reader, a fresh key per rating. */
export function createCaseLookupDeps(
  bridge: Pick<TerminalBridge, 'lookupCase' | 'lookupCasesById' | 'rateCase'>,
  flow: Pick<FlowDeps, 'readIdCard'>,
  newKey: () => string,
): CaseLookupDeps {
  return {
    lookupByNumber: (caseNumber) => bridge.lookupCase(caseNumber),
    lookupById: (idNumber) => bridge.lookupCasesById(idNumber),
    readIdCard: () => flow.readIdCard(),
    rate: (rating) => bridge.rateCase(rating),
    newKey,
  }
}
