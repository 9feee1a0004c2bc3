/**
 * The agent's composition root: builds the drivers (real or simulated, from the configuration), the protocol's
 * handlers over them, the pairing store and the WebSocket server, and tears them all down on close.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { createBankCardReader } from './bankcard/bankCardReader'
import type { AgentConfig, ReceiptPrinterTarget } from './config'
import { createCupsPrinter } from './documents/cupsPrinter'
import { AgentError, type Drivers, type EmitEvent } from './drivers/types'
import { createSamReader } from './idcard/samReader'
import { openPairing } from './pairing'
import { createEscposPrinter } from './printer/escposPrinter'
import type { AgentEvent, AgentEvents, AgentMethods, DeviceKind, DeviceList } from './protocol/messages'
import { DEVICE_KINDS } from './protocol/messages'
import { createQrReader, QR_READER_BAUD } from './qr/qrReader'
import type { DispatchDeps } from './rpc'
import { startAgentServer } from './server'
import { createBankCardSimulator } from './simulators/bankCardSimulator'
import { type Simulators, simulatorControls } from './simulators/controls'
import { startEscposPrinterSimulator } from './simulators/escposPrinterSimulator'
import { openPtyPair } from './simulators/ptyPair'
import { createQrReaderSimulator } from './simulators/qrReaderSimulator'
import { createSamReaderSimulator } from './simulators/samReaderSimulator'
import { createSocialCardSimulator } from './simulators/socialCardSimulator'
import { createSocialCardReader, SOCIAL_CARD_BAUD } from './socialcard/socialCardReader'
import { type ByteLine, openSerialLine, SERIAL_BAUD } from './transport/byteLine'
import { openFileLine } from './transport/fileLine'
import { openTcpLine } from './transport/tcpLine'

/** A running agent. */
export interface RunningAgent {
  port: number
  close(): Promise<void>
}

/** Starts the agent for `config`; `log` gets one line per notable thing (never resident data). */
export async function startAgent(config: AgentConfig, log: (line: string) => void): Promise<RunningAgent> {
  const pairing = openPairing(config.stateDir)
  if (config.pairCode) {
    pairing.set(config.pairCode)
    log('pairing secret replaced from --pair')
  }
  const cleanups: (() => Promise<void>)[] = []
  const pending: [AgentEvent, AgentEvents[AgentEvent]][] = []
  let broadcast: ((event: AgentEvent, params: AgentEvents[AgentEvent]) => void) | null = null
  const emit: EmitEvent = (event, params) => {
    log(`event ${event} (${params.device})`)
    if (broadcast) broadcast(event, params)
    else pending.push([event, params])
  }

  const drivers: Drivers = {}
  const sims: Simulators = {}
  /**
   * A serial device: its driver on the configured path, or (simulating, with no path configured) on the agent's end
   * of a new pty whose other end the simulator answers. Neither without a path or --simulate.
   */
  const serialDevice = async <D extends { close(): Promise<void> }, S extends { close(): Promise<void> }>(
    device: { configured: string | undefined; name: string; baudRate: number },
    simulate: (line: ByteLine) => S,
    drive: (line: ByteLine) => D,
  ): Promise<{ driver?: D; simulator?: S }> => {
    let path = device.configured
    let simulator: S | undefined
    if (!path && config.simulate) {
      mkdirSync(config.stateDir, { recursive: true, mode: 0o700 })
      const pty = await openPtyPair(join(config.stateDir, `socat-${device.name.replace(/\W+/g, '-')}.pid`))
      cleanups.push(() => pty.close())
      const started = simulate(await openSerialLine(pty.devicePath, device.baudRate))
      simulator = started
      cleanups.push(() => started.close())
      log(`simulated ${device.name} on ${pty.devicePath}`)
      path = pty.agentPath
    }
    if (!path) return simulator ? { simulator } : {}
    const driver = drive(await openSerialLine(path, device.baudRate))
    cleanups.unshift(() => driver.close())
    return simulator ? { driver, simulator } : { driver }
  }
  const reader = await serialDevice(
    { configured: config.readerPath, name: 'ID card reader', baudRate: SERIAL_BAUD },
    createSamReaderSimulator,
    (line) => createSamReader(line, emit),
  )
  if (reader.simulator) sims.reader = reader.simulator
  if (reader.driver) drivers.idCardReader = reader.driver

  if (config.simulate && !config.receiptPrinter) {
    const simulator = await startEscposPrinterSimulator()
    sims.printer = simulator
    cleanups.push(() => simulator.close())
    log(`simulated receipt printer on tcp://127.0.0.1:${simulator.port}`)
  }
  const target: ReceiptPrinterTarget | undefined =
    config.receiptPrinter ?? (sims.printer && { kind: 'tcp', host: '127.0.0.1', port: sims.printer.port })
  if (target) {
    const printer = createEscposPrinter(
      () => (target.kind === 'tcp' ? openTcpLine(target.host, target.port) : openFileLine(target.path)),
      emit,
    )
    drivers.receiptPrinter = printer
    cleanups.unshift(() => printer.close())
  }

  if (config.cups) drivers.documentPrinter = createCupsPrinter(config.cups, emit)

  const qr = await serialDevice(
    { configured: config.qrReaderPath, name: 'QR reader', baudRate: QR_READER_BAUD },
    createQrReaderSimulator,
    (line) => createQrReader(line, log),
  )
  if (qr.simulator) sims.qrReader = qr.simulator
  if (qr.driver) drivers.qrReader = qr.driver
  const social = await serialDevice(
    { configured: config.socialCardReaderPath, name: 'social card reader', baudRate: SOCIAL_CARD_BAUD },
    createSocialCardSimulator,
    createSocialCardReader,
  )
  if (social.simulator) sims.socialCardReader = social.simulator
  if (social.driver) drivers.socialCardReader = social.driver
  // The 银行卡读卡器 speaks the 社保卡 reader's frames at its speed (bankcard/bankCardReader.ts).
  const bank = await serialDevice(
    { configured: config.bankCardReaderPath, name: 'bank card reader', baudRate: SOCIAL_CARD_BAUD },
    createBankCardSimulator,
    createBankCardReader,
  )
  if (bank.simulator) sims.bankCardReader = bank.simulator
  if (bank.driver) drivers.bankCardReader = bank.driver

  const driver = <K extends DeviceKind>(kind: K): NonNullable<Drivers[K]> => {
    const found = drivers[kind]
    if (!found) throw new AgentError('deviceUnavailable', `no ${kind} on this terminal`)
    return found as NonNullable<Drivers[K]>
  }
  const handlers: DispatchDeps['handlers'] = {
    'agent.pair': async () => ({ paired: true }),
    'devices.list': async () => {
      const list: DeviceList = {}
      for (const kind of DEVICE_KINDS) {
        const found = drivers[kind]
        if (found) list[kind] = { state: found.state() }
      }
      return list
    },
    'idCard.read': async (params) =>
      driver('idCardReader').read((params as AgentMethods['idCard.read']['params']).fields),
    'printer.print': async (params) => {
      const { device, document } = params as AgentMethods['printer.print']['params']
      await driver(device).print(document)
      return { printed: true }
    },
    'camera.documentCamera': async () => ({ label: config.documentCamera ?? null }),
    'qrReader.scan': async (params) => ({
      text: await driver('qrReader').scan((params as AgentMethods['qrReader.scan']['params']).waitMs),
    }),
    'socialCard.read': async (params) => {
      const { fields, pin } = params as AgentMethods['socialCard.read']['params']
      return driver('socialCardReader').read(fields, pin)
    },
    'bankCard.read': async (params) => ({
      cardNumber: await driver('bankCardReader').read(
        (params as AgentMethods['bankCard.read']['params']).waitMs,
      ),
    }),
    'bankCard.handBack': async (params) => ({
      taken: await driver('bankCardReader').handBack(
        (params as AgentMethods['bankCard.handBack']['params']).waitMs,
      ),
    }),
  }

  const server = await startAgentServer({
    host: config.host,
    port: config.port,
    origins: config.origins,
    dispatch: {
      handlers,
      extra: config.simulate ? simulatorControls(sims) : {},
      accept: (secret, previous) => pairing.accept(secret, previous),
      log,
    },
  })
  broadcast = (event, params) => server.broadcast(event, params)
  for (const [event, params] of pending.splice(0)) server.broadcast(event, params)
  log(
    `agent listening on ws://${config.host}:${server.port} (${config.simulate ? 'simulated devices' : 'devices'})`,
  )
  return {
    port: server.port,
    async close() {
      await server.close()
      for (const cleanup of cleanups) await cleanup().catch(() => {})
    },
  }
}
