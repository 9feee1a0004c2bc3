/**
 * The device layer backed by the terminal's device agent: the ID card is read through the agent (only the name and
 * number the flows use) and never invented; receipts go to the agent's receipt printer and documents to its A4
 * printer (CUPS) when it has one; QR codes come from its 扫码器; the document camera is opened with getUserMedia,
 * the agent naming which camera it is. Face verification stays simulated (the card photo needs the vendor's
 * decoder).
 */

import { QR_SCAN_MAX_WAIT_MS } from '../../agent/protocol/messages'
import type { DeviceStates, PrinterState } from '../sync/terminalBridge'
import { createAgentBankCardReader } from './agentBankCard'
import type { AgentConnection } from './agentConnection'
import { AgentCallError } from './agentConnection'
import { captureFromCamera } from './documentCamera'
import { createSimulatedCamera } from './simulated'
import type { DeviceAvailability, Devices, IdCard, PrintJob, SocialCardRead } from './types'
import { PrinterError, SocialCardError } from './types'

/** After the resident taps read with no card on the reader, how long the reader waits for one. */
export const CARD_WAIT_MS = 30_000
/** How long a step waits for a QR code to be shown to the 扫码器. */
export const QR_WAIT_MS = 60_000

/** Builds the devices over a started or not yet started connection. */
export function createAgentDevices(
  connection: AgentConnection,
  reportPrinter: (state: PrinterState) => void,
  reportDevices: (devices: DeviceStates | null) => void = () => {},
): Devices {
  // Which printers the agent has (from its last devices.list): documents prefer the A4 one, receipts the receipt one.
  let hasDocumentPrinter = false
  let hasReceiptPrinter = true
  /** Asks the agent for every device's state for the heartbeat; a failure reports nothing (the agent is down). */
  const refreshStates = () => {
    connection
      .call('devices.list', {})
      .then((list) => {
        const states: DeviceStates = {}
        for (const [kind, entry] of Object.entries(list))
          if (entry) states[kind as keyof DeviceStates] = entry.state
        hasDocumentPrinter = list.documentPrinter !== undefined && list.documentPrinter.state !== 'lost'
        hasReceiptPrinter = list.receiptPrinter !== undefined
        reportDevices(states)
      })
      .catch(() => {})
  }
  connection.onStatus((status) => {
    if (status === 'ready') refreshStates()
  })
  let printer: PrinterState = 'ok'
  const setPrinter = (next: PrinterState) => {
    if (next === printer) return
    printer = next
    reportPrinter(next)
  }
  const cardListeners = new Set<() => void>()
  connection.onEvent((event, params) => {
    refreshStates()
    if (event === 'idCard.placed') for (const listener of cardListeners) listener()
    if (params.device !== 'receiptPrinter') return
    if (event === 'printer.paperOut') setPrinter('paperOut')
    if (event === 'printer.coverOpen' || event === 'device.lost') setPrinter('offline')
    if (event === 'device.found') setPrinter('ok')
  })
  const availability = (): DeviceAvailability => connection.status()

  /** The agent's printer for a job: its own kind's when the terminal has one, else the other. */
  const printerFor = (kind: PrintJob['kind']): 'receiptPrinter' | 'documentPrinter' => {
    if (kind === 'document') return hasDocumentPrinter ? 'documentPrinter' : 'receiptPrinter'
    return hasReceiptPrinter || !hasDocumentPrinter ? 'receiptPrinter' : 'documentPrinter'
  }

  /** Resolves when a card is placed, or rejects after CARD_WAIT_MS. */
  const cardPlaced = () =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cardListeners.delete(done)
        reject(new Error('no card was placed on the reader'))
      }, CARD_WAIT_MS)
      const done = () => {
        clearTimeout(timer)
        cardListeners.delete(done)
        resolve()
      }
      cardListeners.add(done)
    })

  async function readCard(): Promise<IdCard> {
    const read = () => connection.call('idCard.read', { fields: ['name', 'idNumber'] })
    let fields: Awaited<ReturnType<typeof read>>
    try {
      fields = await read()
    } catch (error) {
      if (!(error instanceof AgentCallError && error.code === 'noCard')) throw error
      await cardPlaced()
      fields = await read()
    }
    if (!fields.name || !fields.idNumber) throw new Error('the reader answered without the card fields')
    return { name: fields.name, idNumber: fields.idNumber }
  }

  /** Asks the 扫码器 for a code in QR_SCAN_MAX_WAIT_MS slices (each answers within the RPC limit) up to QR_WAIT_MS. */
  async function scanQr(signal?: AbortSignal): Promise<string> {
    const until = performance.now() + QR_WAIT_MS
    while (performance.now() < until) {
      // A step left (or cancelled) stops asking: the next code is not for it.
      if (signal?.aborted) throw new DOMException('the scan was abandoned', 'AbortError')
      const { text } = await connection.call('qrReader.scan', { waitMs: QR_SCAN_MAX_WAIT_MS })
      if (text !== null) return text
    }
    throw new Error('no code was shown to the QR reader')
  }

  /** The 社保卡 through the agent: the card number alone, or the holder once the card verified the PIN. */
  async function readSocialCard(pin?: string): Promise<SocialCardRead> {
    try {
      if (pin === undefined) {
        const { cardNumber } = await connection.call('socialCard.read', { fields: ['cardNumber'] })
        if (!cardNumber) throw new SocialCardError('failed')
        return { cardNumber }
      }
      const read = await connection.call('socialCard.read', {
        fields: ['cardNumber', 'idNumber', 'name'],
        pin,
      })
      if (!read.cardNumber || !read.idNumber || !read.name) throw new SocialCardError('failed')
      return { cardNumber: read.cardNumber, holder: { idNumber: read.idNumber, name: read.name } }
    } catch (error) {
      if (error instanceof SocialCardError || !(error instanceof AgentCallError)) throw error
      if (error.code === 'noCard') throw new SocialCardError('noCard')
      if (error.code === 'pinBlocked') throw new SocialCardError('pinBlocked')
      // The agent says how many tries the card still allows: "wrong 社保卡 PIN: 2 tries left".
      const left = /(\d+) tries left/.exec(error.message)
      if (error.code === 'pinWrong') throw new SocialCardError('pinWrong', left ? Number(left[1]) : undefined)
      throw new SocialCardError('failed')
    }
  }

  return {
    mode: () => 'agent',
    availability,
    onAvailability: (listener) => connection.onStatus(listener),
    onCardPlaced(listener) {
      cardListeners.add(listener)
      return () => cardListeners.delete(listener)
    },
    idCardReader: {
      read: readCard,
      // The reader's state says so (devices.list): a card placed before the step opened sent its event to nobody.
      cardOnReader: () =>
        connection.call('devices.list', {}).then(
          (list) => list.idCardReader?.state === 'cardPresent',
          () => false,
        ),
    },
    printer: {
      state: () => printer,
      async print(job: PrintJob) {
        try {
          await connection.call('printer.print', {
            device: printerFor(job.kind),
            document: { title: job.title, lines: job.lines, ...(job.qr ? { qr: job.qr } : {}) },
          })
          setPrinter('ok')
        } catch (error) {
          const state = error instanceof AgentCallError && error.code === 'paperOut' ? 'paperOut' : 'offline'
          setPrinter(state)
          throw new PrinterError(state)
        }
      },
    },
    camera: createSimulatedCamera(),
    scanner: { scan: scanQr },
    socialCardReader: { read: readSocialCard },
    bankCardReader: createAgentBankCardReader(connection),
    documentCamera: {
      capture: async () => captureFromCamera((await connection.call('camera.documentCamera', {})).label),
    },
    // A real printer's paper is real: the maintenance switch does nothing here.
    setPaperOut: () => {},
    paperOut: () => printer === 'paperOut',
  }
}
