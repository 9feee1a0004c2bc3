/**
 * Connects the machines' named side effects to the terminal bridge and the device layer,
 * so the machines stay pure and tests can wire them to fakes instead.
 */
import type { Devices } from '../devices/types'
import { PrinterError } from '../devices/types'
import type { FlowDeps } from '../machines/serviceFlowMachine'
import type { SessionDeps } from '../machines/sessionMachine'
import { createSessionMachine } from '../machines/sessionMachine'
import { uuidv7 } from '../storage/uuidv7'
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
    verifyFace: (idNumber) => devices.camera.verifyFace(idNumber),
    async print(job) {
      try {
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

/** Everything the session machine needs, from the bridge and the devices. */
export function createSessionDeps(bridge: TerminalBridge, devices: Devices): SessionDeps {
  return {
    bridge,
    flow: createFlowDeps(bridge, devices),
    // Time-ordered (UUIDv7) like the idempotency keys: the backend's per-day session rollup appends them.
    newSessionId: uuidv7,
  }
}

/** The resident session machine for this terminal. */
export function createKioskMachine(bridge: TerminalBridge, devices: Devices) {
  return createSessionMachine(createSessionDeps(bridge, devices))
}
