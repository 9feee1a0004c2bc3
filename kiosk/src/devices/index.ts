/**
 * The bridge module for hardware: builds the device layer the UI and the flows use. Real terminals use the device
 * agent (kiosk/agent, over a loopback WebSocket); devices are simulated in the page only on the demo terminal or
 * with an explicit `?devices=simulated`. Until the terminal's identity is known the layer is the agent's, not yet
 * connected, so a card can never be invented on a real terminal.
 */

import { DEMO_TERMINAL_ID } from '../../../mock-backend/src/contract/constants'
import { AGENT_DEFAULT_PORT } from '../../agent/protocol/messages'
import type { DeviceStates, PrinterState } from '../sync/terminalBridge'
import { createAgentConnection, UNAVAILABLE_AFTER_MS } from './agentConnection'
import { createAgentDevices } from './agentDevices'
import {
  createSimulatedCamera,
  createSimulatedIdCardReader,
  createSimulatedPrinter,
  createSimulatedScanner,
} from './simulated'
import type { DeviceAvailability, DeviceMode, Devices } from './types'

export type {
  Camera,
  DeviceAvailability,
  DeviceMode,
  Devices,
  IdCard,
  IdCardReader,
  Printer,
  PrintJob,
  Scanner,
} from './types'
export { PrinterError } from './types'

/** Options read from the page URL (`?printer=paperOut`, `?devices=simulated`) and the bridge's printer reporting. */
export interface DeviceOptions {
  printerPaperOut: boolean
  reportPrinter: (state: PrinterState) => void
  /** One delay for every simulated device (`?simDelayMs=0` for benches); each device's own realistic default otherwise. */
  simulatedDelayMs?: number
  /** `?devices=simulated`: simulate on purpose on any terminal (a demo laptop, a test). */
  forceSimulated: boolean
  /** The agent's WebSocket URL (`?agentPort=` changes the port, for tests running their own agent). */
  agentUrl: string
  /** Where the agent's device states go (the heartbeat); simulated devices report none. */
  reportDevices?: (devices: DeviceStates | null) => void
}

/** Reads device options from a URL search string, e.g. `?printer=paperOut` or `?simDelayMs=0`. */
export function deviceOptionsFromSearch(
  search: string,
  reportPrinter: (state: PrinterState) => void,
): DeviceOptions {
  const params = new URLSearchParams(search)
  const delay = params.get('simDelayMs')
  const agentPort = params.get('agentPort')
  const port = agentPort !== null && /^\d{1,5}$/.test(agentPort) ? Number(agentPort) : AGENT_DEFAULT_PORT
  const options: DeviceOptions = {
    printerPaperOut: params.get('printer') === 'paperOut',
    reportPrinter,
    forceSimulated: params.get('devices') === 'simulated',
    agentUrl: `ws://127.0.0.1:${port}`,
  }
  if (delay !== null) {
    if (/^\d{1,5}$/.test(delay)) options.simulatedDelayMs = Number(delay)
    // A bad value keeps the realistic delays; the technician sees why in the console.
    else console.warn(`simDelayMs must be a whole number of milliseconds (0-99999), got "${delay}"`)
  }
  return options
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
    scanner: createSimulatedScanner(delayMs),
    setPaperOut: (paperOut) => printer.setPaperOut(paperOut),
    paperOut: () => printer.paperOut(),
  }
}

/** The device layer and the one decision it waits for: which terminal this is. */
export interface DeviceLayer {
  devices: Devices
  /**
   * Called when the terminal's id is known or changes (null: not enrolled; an enrolment on the maintenance screen
   * makes a demo page a real terminal): simulated on the demo terminal, else the agent.
   */
  terminalKnown(terminalId: string | null): void
}

/** Whether a terminal simulates its devices: the demo terminal, or on purpose. */
export function simulatesDevices(
  terminalId: string | null,
  options: Pick<DeviceOptions, 'forceSimulated'>,
): boolean {
  return options.forceSimulated || terminalId === DEMO_TERMINAL_ID
}

/**
 * Creates the layer; `pairingSecret` reads the secret the enrolment gave this terminal for its agent; tests in Node
 * pass a WebSocket class (the page uses the browser's).
 */
export function createDeviceLayer(
  options: DeviceOptions,
  pairingSecret: () => string | null,
  WebSocketImpl?: typeof WebSocket,
): DeviceLayer {
  const connection = createAgentConnection({
    url: options.agentUrl,
    secret: pairingSecret,
    ...(WebSocketImpl ? { WebSocketImpl } : {}),
  })
  const agent = createAgentDevices(connection, options.reportPrinter, options.reportDevices)
  let current: Devices = options.forceSimulated ? createSimulatedDevices(options) : agent
  let decided = options.forceSimulated
  // Not connected UNAVAILABLE_AFTER_MS after the page started (however long the terminal took to start): unavailable.
  let late = false
  const availabilityListeners = new Set<(availability: DeviceAvailability) => void>()
  const agentAvailability = (): DeviceAvailability => {
    const status = connection.status()
    return status === 'connecting' && late ? 'unavailable' : status
  }
  setTimeout(() => {
    late = true
    if (current === agent && agentAvailability() === 'unavailable')
      for (const listener of availabilityListeners) listener('unavailable')
  }, UNAVAILABLE_AFTER_MS)
  const cardListeners = new Set<() => void>()
  agent.onAvailability(() => {
    if (current === agent) for (const listener of availabilityListeners) listener(agentAvailability())
  })
  agent.onCardPlaced(() => {
    if (current === agent) for (const listener of cardListeners) listener()
  })
  const devices: Devices = {
    mode: (): DeviceMode => current.mode(),
    availability: () => (current === agent ? agentAvailability() : current.availability()),
    onAvailability(listener) {
      availabilityListeners.add(listener)
      return () => availabilityListeners.delete(listener)
    },
    onCardPlaced(listener) {
      cardListeners.add(listener)
      return () => cardListeners.delete(listener)
    },
    idCardReader: { read: () => current.idCardReader.read() },
    printer: { state: () => current.printer.state(), print: (job) => current.printer.print(job) },
    camera: { verifyFace: (idNumber) => current.camera.verifyFace(idNumber) },
    scanner: { scan: () => current.scanner.scan() },
    setPaperOut: (paperOut) => current.setPaperOut(paperOut),
    paperOut: () => current.paperOut(),
  }
  const simulated = () => {
    if (current === agent) current = createSimulatedDevices(options)
    return current
  }
  return {
    devices,
    terminalKnown(terminalId) {
      if (options.forceSimulated) return
      const wanted = simulatesDevices(terminalId, options) ? 'simulated' : 'agent'
      if (decided && wanted === current.mode()) return
      decided = true
      if (wanted === 'simulated') {
        connection.stop()
        simulated()
        options.reportDevices?.(null)
        for (const listener of availabilityListeners) listener('simulated')
      } else {
        current = agent
        connection.start()
        for (const listener of availabilityListeners) listener(agentAvailability())
      }
    },
  }
}
