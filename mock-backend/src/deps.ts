/**
 * What every route needs: every per-server service, built once from the Config by `createAppDeps` (server.ts,
 * the one composition root) and passed to the app factory. No module keeps per-server state of its own.
 */

import type { AuditLog } from './audit/auditLog'
import type { StaffAccounts } from './auth/accounts'
import type { LoginGuard } from './auth/rateLimit'
import type { CaseLimits } from './cases/caseLimits'
import type { CaseService } from './cases/service'
import type { CatalogCache } from './catalogCache'
import type { ProxyTrust } from './clientAddress'
import type { Clock } from './clock'
import type { Config } from './config'
import type { StaffRole } from './contract'
import type { TerminalRow } from './db/rows'
import type { HelpCallSharing, SessionStorage, Storage } from './db/storage'
import type { ReferenceClaims } from './departments/referenceClaims'
import type { DepartmentSimulator } from './departments/simulator'
import type { DepartmentFaultSharing } from './faults/departmentFaultSharing'
import type { IngestFaultSwitch } from './faults/ingestFaults'
import type { Handoff } from './handoff/handoff'
import type { HouseholdService } from './household/service'
import type { Logger } from './logger'
import type { SimulatedLicences } from './materials/licences'
import type { FileWriter } from './materials/materialBytes'
import type { Materials } from './materials/materials'
import type { PhoneUploads } from './materials/phoneUploads'
import type { NodeCoordination } from './nodes/coordination'
import type { PaymentGateway } from './payments/gateway'
import type { Fingerprints } from './privacy/fingerprints'
import type { RetentionJob } from './privacy/retention'
import type { DailyCountsCache } from './reports/dailyCountsCache'
import type { ReportLabelSource } from './reports/reportLabels'

/** Shared services of one running server. */
export interface AppDeps {
  store: Storage
  config: Config
  logger: Logger
  /** What the nodes sharing the store agree on: the store's (PostgreSQL) or this process's (nodes/). */
  nodes: NodeCoordination
  departments: DepartmentSimulator
  /** The reference numbers (办件编号) this node's batches in flight have claimed, and those known stored. */
  references: ReferenceClaims
  /** The admin's department fault setting, applied on every node sharing the store. */
  departmentFaults: DepartmentFaultSharing
  /** Login limits: per (address, user name), per address, the per-user delay and the hash slots. */
  loginGuard: LoginGuard
  /** The proxies named in TRUST_PROXY, whose forwarding headers are believed. */
  proxyTrust: ProxyTrust
  /** Case lookups and ratings, per terminal and per resident (cases/caseLimits.ts). */
  caseLimits: CaseLimits
  /** The backend's instant: `clock.now()`. */
  now: () => Date
  /** The clock behind `now`; only the fault route (FAULTS=on) moves it. */
  clock: Clock
  /** Waits `ms` (the login delay); tests supply an instant one on a simulated clock. */
  sleep: (ms: number) => Promise<void>
  appVersion: string
  /** Parsed catalog versions. */
  catalog: CatalogCache
  /** Cases, ratings and follow-ups (on the case clock: FAKE_NOW or `now`). */
  cases: CaseService
  /** The admin's ingest fault switch (counted across nodes on a shared store). */
  ingestFaults: IngestFaultSwitch
  /** Row labels of the ops reports. */
  reportLabels: ReportLabelSource
  /** The per-day daily-counts cache. */
  dailyCounts: DailyCountsCache
  /** Keyed fingerprints and sealed answers, with the key kept outside the database (privacy/). */
  fingerprints: Fingerprints
  /** 扫码续办: the mobile case page's links (signed case tokens) and the limit of its reads (handoff/). */
  handoff: Handoff
  /** Purges resident data past RETENTION_DAYS; the server starts and stops it. */
  retention: RetentionJob
  /** Staff sessions (an interface: another store may hold them). */
  sessions: SessionStorage
  /** Staff accounts and their rules (last admin, passwords, disabling). */
  accounts: StaffAccounts
  /** Staff and terminal actions, for admins to read. */
  audit: AuditLog
  /** 帮办 calls waiting for a helper, who answered them, and the mail between nodes' signalling (help/). */
  helpCalls: HelpCallSharing
  /** The simulated payment gateway: orders, their notices and refunds (payments/gateway.ts). */
  payments: PaymentGateway
  /** 申请材料: checked, sealed and kept in a folder or the database (materials/). */
  materials: Materials
  /** 用手机拍照上传: upload sessions a kiosk opens for its record, claimed by one phone (materials/phoneUploads.ts). */
  phoneUploads: PhoneUploads
  /** The simulated 电子证照 store (materials/licences.ts). */
  licences: SimulatedLicences
  /** The simulated household register and 家庭缴费 lines (household/). */
  household: HouseholdService
}

/** The parts of AppDeps a caller may supply instead of the defaults (tests: a quiet logger, a fixed clock). */
export type AppDepsParts = Partial<
  Pick<AppDeps, 'logger' | 'departments' | 'now' | 'sleep' | 'appVersion'>
> & {
  /** Writes a material's file (materials/materialBytes.ts); a test's fails like a full disk. */
  materialWriter?: FileWriter
}

/** A logged-in staff member. */
export interface StaffPrincipal {
  kind: 'staff'
  username: string
  role: StaffRole
  /** Terminal groups the account may see; empty means all (auth/scope.ts). */
  scope: string[]
  /** The division the account serves (auth/scope.ts). */
  orgCode: string
  csrfToken: string
  tokenHash: string
  via: 'cookie' | 'bearer'
}

/** An enrolled terminal. */
export interface TerminalPrincipal {
  kind: 'terminal'
  terminal: TerminalRow
  /** The hash of the key this request presented (the agent's pairing secret is derived from it). */
  keyHash: string
  /** Set when the key is known but refused (auth/terminalKeys.ts): terminal routes answer 401 terminal_revoked. */
  refused: 'revoked' | 'expired' | null
}

/** Hono environment: the authenticated principal, when any. */
export type AppEnv = { Variables: { principal: StaffPrincipal | TerminalPrincipal | null } }
