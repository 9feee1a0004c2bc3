/**
 * The effects of the session's child machines, backed by the terminal: the flow's submit, card reader, camera
 * and printer, and 办件进度查询's case calls. Imported only by the child machines' chunk (`sessionActors.ts`,
 * loaded after the first tap), so none of it is in the entry a terminal boots with (issue 18 item 2).
 */
import type { Devices } from '../devices/types'
import { PrinterError } from '../devices/types'
import { showDemoEidCode, verifyEidCode } from '../identify/eidClient'
import type { CaseLookupDeps } from '../machines/caseLookupMachine'
import { EidError, type FlowDeps, type PhoneUploadCommand } from '../machines/serviceFlowMachine'
import { uuidv7 } from '../storage/uuidv7'
import type { OrderClient } from '../sync/orderClient'
import type { TerminalBridge } from '../sync/terminalBridge'

/** How long the resident waits for the department's answer before being told it is queued. */
export const SUBMIT_WAIT_MS = 8000

/** A random 6-digit demo SMS code. */
export function randomSmsCode(): string {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1))
  return String(n % 1_000_000).padStart(6, '0')
}

/** The materials' calls with the terminal's key, loaded with the first flow that needs them (a chunk of its own). */
const materials = (bridge: Pick<TerminalBridge, 'terminalKey'>) =>
  import('../materials/materialClient').then((m) =>
    m.materialCalls(m.keyedCaller(() => bridge.terminalKey())),
  )

/** The capture does not fit in what the browser lets the terminal store (navigator.storage.estimate). */
export class MaterialStorageFull extends Error {
  override readonly name = 'MaterialStorageFull'
}

/**
 * Room a capture needs to wait offline: its bytes as base64 in the sealed outbox entry, twice over for the
 * transaction's own copy while it commits.
 */
export const CAPTURE_ROOM_FACTOR = 3

/** The flow's effects backed by the bridge (submit), the devices (card, camera, document camera, printer). */
export function createFlowDeps(bridge: TerminalBridge, devices: Devices): FlowDeps {
  // The payment step's calls load when a resident first pays (a chunk of their own), with the terminal's key.
  let orderSide: Promise<{ m: typeof import('../sync/orderClient'); client: OrderClient }> | undefined
  const orders = () =>
    (orderSide ??= import('../sync/orderClient').then((m) => ({
      m,
      client: m.createOrderClient(() => bridge.terminalKey()),
    })))
  return {
    async submit({ materials: captured, ...submission }) {
      if (!captured?.length) return bridge.submit(submission, { waitMs: SUBMIT_WAIT_MS })
      // Queued with the record (sealed with its personal part); the sync uploads them before it.
      const { blobBase64 } = await import('../materials/blobBase64')
      const queued = await Promise.all(
        captured.map(async (m) =>
          'image' in m ? { material: m.material, data: await blobBase64(m.image) } : m,
        ),
      )
      return bridge.submit({ ...submission, materials: queued }, { waitMs: SUBMIT_WAIT_MS })
    },
    findLicences: async (idNumber, itemCode) => (await materials(bridge)).licences(idNumber, itemCode),
    // The register's call loads with the 为谁办理 step (a chunk of its own).
    findHousehold: async (idNumber, itemCode, fields) =>
      (await import('../household/householdClient')).householdOf(() => bridge.terminalKey())(
        idNumber,
        itemCode,
        fields,
      ),
    async captureMaterial() {
      const image = await (await import('../materials/compress')).compressCapture(
        await devices.documentCamera.capture(),
      )
      // Checked before the capture is kept: a full terminal says so now, not when the resident submits.
      const estimate = await navigator.storage?.estimate?.()
      if (
        estimate?.quota !== undefined &&
        estimate.quota - (estimate.usage ?? 0) < image.size * CAPTURE_ROOM_FACTOR
      )
        throw new MaterialStorageFull('the terminal has no room left to keep this capture')
      return image
    },
    watchPhoneUpload(input, sendBack, receive) {
      // The watcher and the materials' calls load with the first phone upload (chunks of their own).
      let stop: (() => void) | null = null
      let stopped = false
      let forward: ((command: PhoneUploadCommand) => void) | null = null
      receive((command) => forward?.(command))
      Promise.all([import('../materials/phoneWatch'), materials(bridge)]).then(
        ([m, calls]) => {
          if (!stopped)
            stop = m.watchPhoneUpload(calls, uuidv7, input, sendBack, (listener) => {
              forward = listener
            })
        },
        () => sendBack({ type: 'phone.failed' }),
      )
      return () => {
        stopped = true
        stop?.()
      }
    },
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
    createOrder: async (request) => (await orders()).client.create(request),
    async awaitPayment(order, signal) {
      const { m, client } = await orders()
      return m.awaitPaidNotice(client.status, order, signal)
    },
    cancelOrder: async (orderId) => (await orders()).client.cancel(orderId),
    readBankCard: (signal) => devices.bankCardReader.read(signal),
    payByCard: async ({ orderId, ...card }) => (await orders()).client.payByCard(orderId, card),
    ejectBankCard: () => devices.bankCardReader.eject(),
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
