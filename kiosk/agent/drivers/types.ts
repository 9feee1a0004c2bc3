/**
 * One driver interface per device kind, so the agent's RPC layer never knows whether a serial reader, a TCP
 * printer, CUPS or a simulator stands behind a device.
 */
import type {
  AgentEvent,
  AgentEvents,
  DeviceKind,
  DeviceState,
  IdCardField,
  IdCardFields,
  PrintDocument,
  RpcErrorName,
  SocialCardField,
  SocialCardFields,
} from '../protocol/messages'

/** An error the agent answers with a protocol error code; the message is safe to send (no resident data). */
export class AgentError extends Error {
  constructor(
    readonly code: RpcErrorName,
    message: string,
  ) {
    super(message)
    this.name = 'AgentError'
  }
}

/** How a driver reports an event; the agent forwards it to paired connections. */
export type EmitEvent = <E extends AgentEvent>(event: E, params: AgentEvents[E]) => void

/** What every driver has. */
export interface DeviceDriver {
  readonly kind: DeviceKind
  /** The device's state now. */
  state(): DeviceState
  /** Stops polling and releases the port. */
  close(): Promise<void>
}

/** 居民身份证阅读器. */
export interface IdCardReaderDriver extends DeviceDriver {
  readonly kind: 'idCardReader'
  /** Reads the card on the reader and returns only the requested fields. */
  read(fields: readonly IdCardField[]): Promise<IdCardFields>
}

/** A receipt printer (ESC/POS) or a document printer (CUPS). */
export interface PrinterDriver extends DeviceDriver {
  readonly kind: 'receiptPrinter' | 'documentPrinter'
  /** Prints the document; rejects with AgentError (paperOut, coverOpen, deviceUnavailable). */
  print(document: PrintDocument): Promise<void>
}

/** 扫码器: a reader of the QR code a resident shows (电子身份证, 粤省事). */
export interface QrReaderDriver extends DeviceDriver {
  readonly kind: 'qrReader'
  /** The next code read within `waitMs`, or null; codes read while nobody waits are dropped, never kept. */
  scan(waitMs: number): Promise<string | null>
}

/** 社保卡 reader: the card number without a PIN; the holder's data only after the card verified the PIN. */
export interface SocialCardReaderDriver extends DeviceDriver {
  readonly kind: 'socialCardReader'
  /** Rejects with AgentError noCard, pinRequired, pinWrong (tries left in the message), pinBlocked, cardReadFailed. */
  read(fields: readonly SocialCardField[], pin?: string): Promise<SocialCardFields>
}

/** 银行卡读卡器: the card number only (the PIN goes to the bank through the gateway, never to the agent). */
export interface BankCardReaderDriver extends DeviceDriver {
  readonly kind: 'bankCardReader'
  /**
   * The number of the card inserted within `waitMs`, or null when none was; rejects with AgentError cardRemoved
   * (pulled out mid-read), cardReadFailed or deviceUnavailable.
   */
  read(waitMs: number): Promise<string | null>
  /** Powers the card off for the resident to take: true once it is gone, false when still in after `waitMs`. */
  handBack(waitMs: number): Promise<boolean>
}

/** Every driver the agent runs, keyed by kind; a kind without a device is absent. */
export interface Drivers {
  idCardReader?: IdCardReaderDriver
  receiptPrinter?: PrinterDriver
  documentPrinter?: PrinterDriver
  qrReader?: QrReaderDriver
  socialCardReader?: SocialCardReaderDriver
  bankCardReader?: BankCardReaderDriver
}
