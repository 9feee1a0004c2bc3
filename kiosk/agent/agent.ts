/**
 * The agent's composition root: builds the drivers (real or simulated, from the configuration), the protocol's
 * handlers over them, the pairing store and the WebSocket server, and tears them all down on close.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
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
  /** A serial device's path: the configured one, or (simulating) the agent's end of a new pty with the simulator on the other. */
  const simulatedOr = async <S>(
    configured: string | undefined,
    name: string,
    simulate: (line: ByteLine) => S & { close(): Promise<void> },
    baudRate: number,
  ): Promise<[string | undefined, S | undefined]> => {
    if (configured || !config.simulate) return [configured, undefined]
    mkdirSync(config.stateDir, { recursive: true, mode: 0o700 })
    const pty = await openPtyPair(join(config.stateDir, `socat-${name.replace(/\W+/g, '-')}.pid`))
    cleanups.push(() => pty.close())
    const simulator = simulate(await openSerialLine(pty.devicePath, baudRate))
    cleanups.push(() => simulator.close())
    log(`simulated ${name} on ${pty.devicePath}`)
    return [pty.agentPath, simulator]
  }
  const [readerPath, readerSimulator] = await simulatedOr(
    config.readerPath,
    'ID card reader',
    createSamReaderSimulator,
    SERIAL_BAUD,
  )
  if (readerSimulator) sims.reader = readerSimulator
  if (readerPath) {
    const reader = createSamReader(await openSerialLine(readerPath), emit)
    drivers.idCardReader = reader
    cleanups.unshift(() => reader.close())
  }

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

  const [qrPath, qrSimulator] = await simulatedOr(
    config.qrReaderPath,
    'QR reader',
    createQrReaderSimulator,
    QR_READER_BAUD,
  )
  if (qrSimulator) sims.qrReader = qrSimulator
  if (qrPath) {
    const qr = createQrReader(await openSerialLine(qrPath, QR_READER_BAUD), log)
    drivers.qrReader = qr
    cleanups.unshift(() => qr.close())
  }
  const [socialPath, socialSimulator] = await simulatedOr(
    config.socialCardReaderPath,
    'social card reader',
    createSocialCardSimulator,
    SOCIAL_CARD_BAUD,
  )
  if (socialSimulator) sims.socialCardReader = socialSimulator
  if (socialPath) {
    const social = createSocialCardReader(await openSerialLine(socialPath, SOCIAL_CARD_BAUD))
    drivers.socialCardReader = social
    cleanups.unshift(() => social.close())
  }

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
