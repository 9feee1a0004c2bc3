/**
 * The row and value types of the store's terminals, catalogs, transactions and counters: what every storage
 * implementation (sqlite/, postgres/) reads and writes, free of any driver type.
 */
import type { Catalog, SearchEntry, ServedFor } from '../../../services-catalog/src/schema'
import type { HelpContact } from '../contract/helpDeskRules'
import type { PinHash } from '../contract/wire'

/** One published catalog version. */
export interface CatalogVersionRow {
  version: number
  publishedAt: string
  publishedBy: string
  note: string
  itemCount: number
}

/** A published version with its content. */
export interface CatalogVersionFull extends CatalogVersionRow {
  catalog: Catalog
  search: SearchEntry[]
}

/** An uploaded, validated catalog waiting to be published. */
export interface CandidateRow {
  id: string
  createdBy: string
  ok: boolean
  report: unknown
  catalog: Catalog | null
}

/** A terminal as admins and ops see it. */
export interface TerminalRow {
  id: string
  name: string
  location: string
  groups: string[]
  /** The district (division code) the terminal stands in. */
  districtCode: string
  enrolled: boolean
  createdAt: string
  lastSeenAt: string | null
  heartbeat: unknown
  /** The maintenance PIN's hash as the terminal receives it, or null before an admin set one. */
  pin: PinHash | null
  /** Idle seconds an admin set, or null for the contract's default. */
  idleSeconds: number | null
  /** The service centre's phone, hours and nearest hall residents are shown when no helper answers (null: unset). */
  helpContact: HelpContact | null
  /** Seconds a 帮办 call rings before the kiosk gives up, or null for NO_ANSWER_SECONDS.default. */
  noAnswerSeconds: number | null
  /** When an admin revoked its key (every terminal route then answers 401 terminal_revoked), or null. */
  revokedAt: string | null
  /** After a rotate: when the current key stops working (epoch ms), unless the terminal re-enrols first. */
  tokenExpiresAt: number | null
  /** When an admin ordered its resident data wiped, until the terminal reports the wipe done. */
  wipeRequestedAt: string | null
  /** When the terminal last reported a wipe done. */
  wipedAt: string | null
}

/** What creating a terminal writes (a key hash for a seeded one, or a one-time enrol code hash). */
export interface NewTerminal {
  id: string
  name: string
  location: string
  groups: string[]
  districtCode: string
  tokenHash: string | null
  codeHash: string | null
  codeExpiresAt: number | null
  now: string
}

/** A stored transaction outcome, looked up for idempotent replays. */
export interface StoredTransaction {
  key: string
  payloadHash: string
  resultJson: string
}

/** What ingest writes for one accepted record. */
export interface NewTransaction {
  key: string
  payloadHash: string
  terminalId: string
  /** The district the terminal stands in as the record arrives: the record stays there if the terminal moves. */
  districtCode: string
  sessionId: string
  itemCode: string
  department: string
  catalogVersion: number
  createdAt: string
  day: string
  receivedAt: string
  resultJson: string
  /** The department's reference number, for the document link. */
  reference: string
  /** 为谁办理: 本人, or 代办 for 家人 or 他人 (the agent's and subject's identities are never stored here). */
  servedFor?: ServedFor
  /** What the agent is to the person served, when one was stated. */
  relationship?: string | null
}

/** One item's records over some days and how many of them an agent did for 家人 or 他人 (代办). */
export type { AgencyFigureRow } from '../contract/household'

/** One counter value reported by a terminal. */
export interface CounterValue {
  day: string
  itemCode: string
  metric: string
  value: number
}

/** One counter's key as a string, for maps of floors. */
export const counterKey = (c: Pick<CounterValue, 'day' | 'itemCode' | 'metric'>): string =>
  `${c.day}|${c.itemCode}|${c.metric}`

/** What a counter reset did. */
export interface ResetOutcome {
  reset: number
  floors: number
  cleared: number
}
