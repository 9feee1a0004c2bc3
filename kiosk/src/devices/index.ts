/**
 * The bridge module for hardware: builds the device layer the UI and the flows use. Real terminals use the device
 * agent (kiosk/agent, over a loopback WebSocket); devices are simulated in the page only on the demo terminal or
 * with an explicit `?devices=simulated`. Until the terminal's identity is known the layer is the agent's, not yet
 * connected, so a card can never be invented on a real terminal. Neither the agent client nor the simulation is
 * in the entry: each is imported when the terminal turns out to need it (kept under the first-tap JS budget).
 */

import { DEMO_TERMINAL_ID } from '../../../mock-backend/src/contract/constants'
import { AGENT_DEFAULT_PORT } from '../../agent/protocol/port'
import { lazyOnce } from '../lazyOnce'
import type { DeviceStates, PrinterState } from '../sync/terminalBridge'
import type { AgentClient } from './agentClient'
import { UNAVAILABLE_AFTER_MS } from './agentTimings'
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
  /**
   * The simulation is imported once this settles (the page: the first tap, since the attract screen uses no
   * device); a call before then imports it at once. Without it, as soon as the terminal is known to simulate.
   */
  simulationAfter?: Promise<unknown>
  /** The pairing secret held before the last key rotation, sent beside the new one so the agent can move to it. */
  previousPairingSecret?: () => string | null
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
 * pass a WebSocket class (the page uses the browser's). The agent client and the simulated devices are each
 * imported when the terminal turns out to need them (the first screen needs neither): until the agent client is
 * there the agent is `connecting` (then `unavailable` UNAVAILABLE_AFTER_MS after the start, as with a dead agent),
 * and calls wait for the chosen module.
 */
export function createDeviceLayer(
  options: DeviceOptions,
  pairingSecret: () => string | null,
  WebSocketImpl?: typeof WebSocket,
): DeviceLayer {
  let mode: DeviceMode = options.forceSimulated ? 'simulated' : 'agent'
  let decided = options.forceSimulated
  let agent: AgentClient | null = null
  let simulated: Devices | null = null
  // The simulated printer's paper (?printer=paperOut, the maintenance switch) until that printer exists.
  let paperOutWanted = options.printerPaperOut
  // Not connected UNAVAILABLE_AFTER_MS after the page started (however long the terminal took to start): unavailable.
  let late = false
  const availabilityListeners = new Set<(availability: DeviceAvailability) => void>()
  const cardListeners = new Set<() => void>()
  const tell = (availability: DeviceAvailability) => {
    for (const listener of availabilityListeners) listener(availability)
  }
  const agentAvailability = (): DeviceAvailability => {
    const status = agent ? agent.connection.status() : 'connecting'
    return status === 'connecting' && late ? 'unavailable' : status
  }
  setTimeout(() => {
    late = true
    if (mode === 'agent' && agentAvailability() === 'unavailable') tell('unavailable')
  }, UNAVAILABLE_AFTER_MS)

  /** The agent client, imported and built once. */
  const loadAgent = lazyOnce(() =>
    import('./agentClient').then(({ createAgentClient }) => {
      const client = createAgentClient(options, pairingSecret, WebSocketImpl)
      client.devices.onAvailability(() => {
        if (mode === 'agent') tell(agentAvailability())
      })
      client.devices.onCardPlaced(() => {
        if (mode === 'agent') for (const listener of cardListeners) listener()
      })
      agent = client
      return client
    }),
  )
  /** The simulated devices, imported and built once. */
  const loadSimulated = lazyOnce(() =>
    import('./simulated').then(({ createSimulatedDevices }): Devices => {
      const built = createSimulatedDevices({ ...options, printerPaperOut: paperOutWanted })
      simulated = built
      return built
    }),
  )
  /** The chosen devices once their module is there; an undecided terminal's are the agent's, not connected. */
  const chosen = (): Promise<Devices> =>
    mode === 'simulated' ? loadSimulated() : loadAgent().then((client) => client.devices)
  /** The chosen devices if their module is already there. */
  const chosenNow = (): Devices | null => (mode === 'simulated' ? simulated : (agent?.devices ?? null))
  // The technician sees in the console why the devices never came (e.g. an offline boot without the precache).
  const loadFailed = (error: unknown) =>
    console.error('device module failed to load', error instanceof Error ? error.message : error)

  const devices: Devices = {
    mode: () => mode,
    availability: () => (mode === 'agent' ? agentAvailability() : 'simulated'),
    onAvailability(listener) {
      availabilityListeners.add(listener)
      return () => availabilityListeners.delete(listener)
    },
    onCardPlaced(listener) {
      cardListeners.add(listener)
      return () => cardListeners.delete(listener)
    },
    idCardReader: {
      read: () => chosen().then((chosenDevices) => chosenDevices.idCardReader.read()),
      cardOnReader: () => chosen().then((chosenDevices) => chosenDevices.idCardReader.cardOnReader()),
    },
    printer: {
      state: () => chosenNow()?.printer.state() ?? (devices.paperOut() ? 'paperOut' : 'ok'),
      print: (job) => chosen().then((chosenDevices) => chosenDevices.printer.print(job)),
    },
    camera: {
      verifyFace: (idNumber) => chosen().then((chosenDevices) => chosenDevices.camera.verifyFace(idNumber)),
    },
    scanner: { scan: (signal) => chosen().then((chosenDevices) => chosenDevices.scanner.scan(signal)) },
    socialCardReader: {
      read: (pin) => chosen().then((chosenDevices) => chosenDevices.socialCardReader.read(pin)),
    },
    bankCardReader: {
      read: (signal) => chosen().then((chosenDevices) => chosenDevices.bankCardReader.read(signal)),
      eject: () => chosen().then((chosenDevices) => chosenDevices.bankCardReader.eject()),
    },
    documentCamera: {
      capture: () => chosen().then((chosenDevices) => chosenDevices.documentCamera.capture()),
    },
    setPaperOut(paperOut) {
      // A real printer's paper is real: the switch only moves the simulated printer's.
      if (mode !== 'simulated') return
      paperOutWanted = paperOut
      simulated?.setPaperOut(paperOut)
    },
    paperOut: () => chosenNow()?.paperOut() ?? (mode === 'simulated' && paperOutWanted),
  }
  /** Simulating: the heartbeat hears the printer's state now, the module comes after `options.simulationAfter`. */
  const prepareSimulated = () => {
    options.reportPrinter(devices.printer.state())
    const after = options.simulationAfter ?? Promise.resolve()
    after.then(loadSimulated).catch(loadFailed)
  }
  if (options.forceSimulated) prepareSimulated()
  return {
    devices,
    terminalKnown(terminalId) {
      if (options.forceSimulated) return
      const wanted: DeviceMode = simulatesDevices(terminalId, options) ? 'simulated' : 'agent'
      if (decided && wanted === mode) return
      decided = true
      mode = wanted
      if (wanted === 'simulated') {
        agent?.connection.stop()
        options.reportDevices?.(null)
        prepareSimulated()
        tell('simulated')
      } else {
        tell(agentAvailability())
        loadAgent()
          .then((client) => {
            if (mode !== 'agent') return
            client.connection.start()
            tell(agentAvailability())
          })
          .catch(loadFailed)
      }
    },
  }
}
