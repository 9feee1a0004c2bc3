/**
 * Narrow interfaces to the terminal's hardware modules, so flows never depend on a vendor SDK
 * and the simulated devices can stand in for them in demos and tests.
 */
import type { PrinterState } from '../sync/terminalBridge'

/** What the ID card reader hands over (only what the flow needs). */
export interface IdCard {
  idNumber: string
  name: string
}

/** 身份证读卡器. */
export interface IdCardReader {
  /** Resolves with the card on the reader; rejects when no card could be read. */
  read(): Promise<IdCard>
  /** Whether a card already lies on the reader (placed before the step asked for it); false when unknown. */
  cardOnReader(): Promise<boolean>
}

/** One document to print: a title, plain text lines and the QR payload of a receipt (agent/protocol/receipt.ts). */
export interface PrintJob {
  /**
   * A receipt (回执, 凭证) goes to the terminal's receipt printer; a document (a 打印 item's 证明 or 清单) to its A4
   * printer when it has one, else the receipt printer.
   */
  kind: 'receipt' | 'document'
  title: string
  lines: string[]
  qr?: string
}

/** Raised when the printer cannot print; carries the state the flow reports and shows. */
export class PrinterError extends Error {
  constructor(readonly state: Exclude<PrinterState, 'ok'>) {
    super(`printer ${state}`)
    this.name = 'PrinterError'
  }
}

/** 打印机 (silent printing). */
export interface Printer {
  /** Current state as last reported. */
  state(): PrinterState
  /** Prints the job; rejects with PrinterError when out of paper or offline. */
  print(job: PrintJob): Promise<void>
}

/** 摄像头 used for face verification. */
export interface Camera {
  /** Resolves true when the live face matches the identified resident. */
  verifyFace(idNumber: string): Promise<boolean>
}

/** 扫码器 (the QR code a resident shows on a phone). */
export interface Scanner {
  /** Resolves with the scanned text; rejects when no code was shown in time or `signal` aborted the wait. */
  scan(signal?: AbortSignal): Promise<string>
}

/** What the 社保卡 reader read: the card number alone, or with the holder once the card verified the PIN. */
export interface SocialCardRead {
  cardNumber: string
  holder?: IdCard
}

/** Why a 社保卡 read failed: no card, a wrong PIN (with the tries the card still allows), a blocked PIN, or else. */
export class SocialCardError extends Error {
  constructor(
    readonly reason: 'noCard' | 'pinWrong' | 'pinBlocked' | 'failed',
    readonly triesLeft?: number,
  ) {
    super(`social security card: ${reason}`)
    this.name = 'SocialCardError'
  }
}

/** 社保卡读卡器: the card number needs no PIN; the holder's data is read only after the card verified `pin`. */
export interface SocialCardReader {
  /** Rejects with SocialCardError. */
  read(pin?: string): Promise<SocialCardRead>
}

/** What the 银行卡读卡器 read: the card number (a screen shows its last four digits only). */
export interface BankCard {
  cardNumber: string
}

/**
 * Why a bank card could not be read: none was inserted in time, it was pulled out before the read finished, the
 * terminal has no working reader (the resident pays by QR code instead), or the read failed otherwise.
 */
export type BankCardProblem = 'timeout' | 'removed' | 'missing' | 'unreadable'

/** Raised by the bank-card reader; `reason` is what the payment step tells the resident. */
export class BankCardError extends Error {
  constructor(readonly reason: BankCardProblem) {
    super(`bank card: ${reason}`)
    this.name = 'BankCardError'
  }
}

/** 银行卡读卡器: reads the card number only; the PIN is typed on the screen and goes to the gateway, not here. */
export interface BankCardReader {
  /** Waits for a card and reads its number; rejects with BankCardError, or an AbortError once `signal` aborts. */
  read(signal?: AbortSignal): Promise<BankCard>
  /** Hands the card back and resolves once the resident has taken it. */
  eject(): Promise<void>
}

/** 高拍仪 (document camera). */
export interface DocumentCamera {
  /** Resolves with one still image of the page under the camera (JPEG); rejects with DocumentCameraError. */
  capture(): Promise<Blob>
}

/**
 * Where the devices come from: the terminal's device agent (real hardware), or simulated in the page, which only
 * the demo terminal or an explicit `?devices=simulated` gets.
 */
export type DeviceMode = 'agent' | 'simulated'

/** Whether the devices can be used: always for simulated ones; for the agent, its connection's status. */
export type DeviceAvailability = 'simulated' | 'connecting' | 'ready' | 'unavailable'

/** The whole device layer as the UI and the machines see it. */
export interface Devices {
  /** Which devices these are (the maintenance screen shows it). */
  mode(): DeviceMode
  availability(): DeviceAvailability
  /** Told when availability changes; returns the unsubscribe function. */
  onAvailability(listener: (availability: DeviceAvailability) => void): () => void
  /** Told when a card is placed on the reader (the identify step then reads it); returns the unsubscribe function. */
  onCardPlaced(listener: () => void): () => void
  idCardReader: IdCardReader
  printer: Printer
  camera: Camera
  scanner: Scanner
  socialCardReader: SocialCardReader
  bankCardReader: BankCardReader
  documentCamera: DocumentCamera
  /** Maintenance toggle for the simulated printer; real printers ignore it. */
  setPaperOut(paperOut: boolean): void
  /** Whether the maintenance toggle is on. */
  paperOut(): boolean
}
