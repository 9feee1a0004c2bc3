/**
 * Every setting of the device agent, from its environment and command line, parsed in this one place
 * (`npm run agent -- [--simulate] [--pair CODE]`). A bad value stops the agent with a line naming it.
 */
import { homedir } from 'node:os'
import { join } from 'node:path'
import { AGENT_DEFAULT_PORT } from './protocol/messages'

/** Where the receipt printer is: raw TCP (port 9100 by default) or a device file (/dev/usb/lp0, a serial port). */
export type ReceiptPrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'file'; path: string }

/** The agent's settings. */
export interface AgentConfig {
  /** Always loopback: the agent is for the page on the same terminal. */
  host: '127.0.0.1'
  port: number
  /** Origins allowed to connect (the kiosk's origin). */
  origins: string[]
  /** Where the pairing secret's hash is kept across restarts. */
  stateDir: string
  /** Run simulated devices (reader on a socat pty, printer on TCP) and accept the sim.* controls. */
  simulate: boolean
  /** Replace the stored pairing secret with this code before serving (`--pair CODE`). */
  pairCode?: string
  /** Serial path of the ID-card reader (AGENT_READER, e.g. /dev/ttyUSB0). */
  readerPath?: string
  receiptPrinter?: ReceiptPrinterTarget
  /** CUPS queue for documents (AGENT_CUPS_QUEUE) and the server it is on (AGENT_CUPS_SERVER, host:port). */
  cups?: { queue: string; server?: string }
  /** Serial path of the 扫码器 in serial mode (AGENT_QR_READER, e.g. /dev/ttyACM0). */
  qrReaderPath?: string
  /** Serial path of the 社保卡 reader (AGENT_SOCIAL_CARD_READER, e.g. /dev/ttyUSB1). */
  socialCardReaderPath?: string
  /** Serial path of the 银行卡读卡器 (AGENT_BANK_CARD_READER, e.g. /dev/ttyUSB2). */
  bankCardReaderPath?: string
  /** The getUserMedia label of the document camera (AGENT_DOCUMENT_CAMERA). */
  documentCamera?: string
}

/** The origin the kiosk is served from by default (the backend's default address). */
const DEFAULT_ORIGINS = ['http://127.0.0.1:8080', 'http://localhost:8080']
/** The default TCP port of a raw (JetDirect) printer. */
const RAW_PRINTER_PORT = 9100

/** Parses the agent's arguments and environment; throws an Error naming the bad setting. */
export function parseAgentConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): AgentConfig {
  let simulate = false
  let pairCode: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--simulate') simulate = true
    else if (arg === '--pair') {
      pairCode = argv[++i]
      if (!pairCode || !/^[\w-]{8,256}$/.test(pairCode))
        throw new Error('--pair needs the pairing code from the enrolment (8-256 letters, digits, - or _)')
    } else throw new Error(`unknown argument "${arg}": use --simulate and/or --pair CODE`)
  }
  const port = Number(env.AGENT_PORT ?? AGENT_DEFAULT_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('AGENT_PORT must be 0-65535')
  const origins = env.AGENT_ORIGINS ? env.AGENT_ORIGINS.split(',').map((o) => o.trim()) : DEFAULT_ORIGINS
  for (const origin of origins) {
    let parsed: URL
    try {
      parsed = new URL(origin)
    } catch {
      throw new Error(`AGENT_ORIGINS: "${origin}" is not an origin like http://127.0.0.1:8080`)
    }
    if (parsed.origin !== origin)
      throw new Error(`AGENT_ORIGINS: "${origin}" is not an origin (no path, no slash)`)
  }
  const config: AgentConfig = {
    host: '127.0.0.1',
    port,
    origins,
    stateDir: env.AGENT_STATE_DIR || join(homedir(), '.kiosk-agent'),
    simulate,
  }
  if (pairCode) config.pairCode = pairCode
  if (env.AGENT_READER) config.readerPath = env.AGENT_READER
  if (env.AGENT_QR_READER) config.qrReaderPath = devicePath('AGENT_QR_READER', env.AGENT_QR_READER)
  if (env.AGENT_SOCIAL_CARD_READER)
    config.socialCardReaderPath = devicePath('AGENT_SOCIAL_CARD_READER', env.AGENT_SOCIAL_CARD_READER)
  if (env.AGENT_BANK_CARD_READER)
    config.bankCardReaderPath = devicePath('AGENT_BANK_CARD_READER', env.AGENT_BANK_CARD_READER)
  if (env.AGENT_RECEIPT_PRINTER) config.receiptPrinter = parsePrinterTarget(env.AGENT_RECEIPT_PRINTER)
  if (env.AGENT_CUPS_QUEUE)
    config.cups = env.AGENT_CUPS_SERVER
      ? { queue: env.AGENT_CUPS_QUEUE, server: env.AGENT_CUPS_SERVER }
      : { queue: env.AGENT_CUPS_QUEUE }
  if (env.AGENT_DOCUMENT_CAMERA) config.documentCamera = env.AGENT_DOCUMENT_CAMERA
  return config
}

/** An absolute device path, or an error naming the setting. */
function devicePath(name: string, value: string): string {
  if (!value.startsWith('/')) throw new Error(`${name} must be an absolute device path like /dev/ttyUSB1`)
  return value
}

/** `tcp://HOST[:PORT]` or an absolute device path. */
function parsePrinterTarget(value: string): ReceiptPrinterTarget {
  if (value.startsWith('/')) return { kind: 'file', path: value }
  const match = /^tcp:\/\/([\w.-]+)(?::(\d{1,5}))?$/.exec(value)
  if (!match?.[1])
    throw new Error('AGENT_RECEIPT_PRINTER must be tcp://HOST[:PORT] or a device path like /dev/usb/lp0')
  const port = Number(match[2] ?? RAW_PRINTER_PORT)
  if (port < 1 || port > 65535) throw new Error('AGENT_RECEIPT_PRINTER port must be 1-65535')
  return { kind: 'tcp', host: match[1], port }
}
