/**
 * Server configuration read once from the environment, so every other module gets plain values. This is the
 * only module that reads environment variables (tests/unit/backend-wiring.test.ts fails on any other); the
 * README's environment table lists every one of them.
 */
import type { KeyObject } from 'node:crypto'
import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'
import { resolve } from 'node:path'
import { z } from 'zod'
import { isWellFormedPin, PIN_FORM_MESSAGE } from './auth/pinHash'
import { DEFAULT_RETENTION_DAYS, MIN_PASSWORD_LENGTH, RETENTION_DAYS_RANGE } from './contract/constants'
import { DEMO_DISTRICT_CODE, isDivisionCode, isTerminalDivision } from './contract/divisions'
import type { HelpIceServer } from './contract/helpCall'
import { FAULT_STATUSES, type FaultMoment, type FaultStatus } from './faults/faultStatuses'
import { demoIssuerPublicKey } from './identity/demoIssuer'
import { readIssuerKey } from './identity/eidCode'
import { decodeFingerprintKey } from './privacy/fingerprints'

/** Simulated trouble for one department system (admins change it at runtime too). */
export const DepartmentFault = z.object({
  latencyMs: z.number().int().min(0).max(120_000).default(0),
  failureRate: z.number().min(0).max(1).default(0),
  outage: z.boolean().default(false),
  /** The department refuses every 缴费 record, paid or not (a demo and test of the refund, FAULTS=on). */
  refusePayments: z.boolean().optional(),
})
export type DepartmentFault = z.infer<typeof DepartmentFault>

/** Faults by department code; `*` applies to departments not listed. */
export const DepartmentFaults = z.record(
  z.string().regex(/^(\*|[a-z][a-z0-9-]{1,30})$/, 'department code must be lowercase ASCII or *'),
  DepartmentFault,
)
export type DepartmentFaults = z.infer<typeof DepartmentFaults>

/** Everything the server needs to start. */
export interface Config {
  port: number
  host: string
  dataDir: string
  /** DATABASE_URL=postgres://…: the backend runs on PostgreSQL instead of SQLite in DATA_DIR. Unset: SQLite. */
  databaseUrl: string | undefined
  distDir: string
  adminPassword: string | undefined
  opsPassword: string | undefined
  /** HELPER_PASSWORD: the seeded `helper` user's password (帮办坐席, the /help/ console); unset, generated once. */
  helperPassword: string | undefined
  /** DEMO_TERMINAL=on: POST /api/terminals/demo-enrol hands the demo key to browsers on this machine. */
  demoTerminal: boolean
  /** AGENT_URL: the terminals' device agent (kiosk/agent), added to the pages' CSP connect-src. */
  agentUrl: string
  /** ICE_SERVERS: STUN/TURN servers of 帮办 video calls (JSON array of RTCIceServer); empty on a LAN. */
  iceServers: HelpIceServer[]
  /** DEMO_PIN: the demo terminal's maintenance PIN; unset, one is generated on first start and printed once. */
  demoPin: string | undefined
  logLevel: string
  deptSeed: string
  faults: DepartmentFaults
  /** The catalog published as version 1 on first start. */
  catalogFile: string
  /** Login attempts allowed per (client address, user name) per minute before 429 (LOGIN_RATE_LIMIT). */
  loginLimitPerMinute: number
  /** Login attempts allowed per client address per minute, whatever the user names (LOGIN_ADDRESS_LIMIT). */
  loginAddressLimitPerMinute: number
  /** RETENTION_DAYS: days resident data is kept after its case or follow-up closed (privacy/retention.ts). */
  retentionDays: number
  /** Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (TRUST_PROXY): addresses or CIDR ranges. */
  trustProxy: string[]
  /** Largest the database may grow, in MB (DB_MAX_MB); writes past it answer 503 storage_full. Unset: no cap. */
  dbMaxMegabytes: number | undefined
  /** How the simulated departments decide cases (CASE_*). */
  cases: CaseRates
  /** FAKE_NOW as epoch ms: the case clock starts there and runs at normal speed. Unset: the real clock. */
  fakeNow: number | undefined
  /** The ingest fault switch at start (INGEST_FAIL_*); admins change it at runtime. */
  ingestFaults: IngestFaultSetting
  /** FINGERPRINT_KEY: the key of every stored fingerprint, instead of DATA_DIR/fingerprint.key (privacy/). */
  fingerprintKey: Buffer | undefined
  /** FAULTS=on mounts the fault-injection routes (tests, demos); off by default, so production has none. */
  faultRoutes: boolean
  /** HOME_DISTRICT: the district a new terminal stands in when the admin names none (a one-district deployment). */
  homeDistrict: string
  /**
   * PUBLIC_BASE_URL: where a resident's phone reaches this server (the QR codes' links, handoff/). Unset, derived
   * from the listen address; undefined only with PORT=0, until the server knows its port (startServer).
   */
  publicBaseUrl: string | undefined
  /**
   * EID_PUBLIC_KEY: the 粤省事 issuer's public key (EC P-256, PEM or SPKI DER in base64) that 电子身份证 codes must be
   * signed with. Unset: the mock issuer's demo key (identity/demoIssuer.ts), whose codes the demo terminal can ask for.
   */
  eidIssuerKey: KeyObject
  /**
   * MATERIALS_DIR: the folder 申请材料 are kept in (materials/materialBytes.ts). Unset: DATA_DIR/materials on
   * SQLite, the database on PostgreSQL (where every node reaches it; name a shared folder to keep them there).
   */
  materialsDir: string | undefined
}

/** Case simulation and supervision tunables read from CASE_*. */
export interface CaseRates {
  /** CASE_LATE_RATE (0–1, default 0.05): share of cases finished after their deadline. */
  lateRate: number
  /** CASE_REFUSE_RATE (0–1, default 0.02): share of cases the department refuses (不予受理). */
  refuseRate: number
  /** CASE_WARN_DAYS (default 1): open cases with this many working days left or fewer are 预警. */
  warnDays: number
}

/** "Answer the next `failNext` batches with `status`, `when` in the batch." */
export interface IngestFaultSetting {
  failNext: number
  status: FaultStatus
  when: FaultMoment
}

/** Default share of late cases. */
export const DEFAULT_LATE_RATE = 0.05

const root = resolve(import.meta.dirname, '../..')

/** Parses DEPT_FAULTS (JSON), DEPT_LATENCY_MS / DEPT_FAILURE_RATE (`800` or `tax:800,land:200`) and DEPT_OUTAGE (`tax,land`). */
export function faultsFromEnv(env: NodeJS.ProcessEnv): DepartmentFaults {
  const faults: DepartmentFaults = {}
  if (env.DEPT_FAULTS) {
    let raw: unknown
    try {
      raw = JSON.parse(env.DEPT_FAULTS)
    } catch {
      throw new Error('DEPT_FAULTS is not valid JSON')
    }
    const parsed = DepartmentFaults.safeParse(raw)
    if (!parsed.success) throw new Error(`DEPT_FAULTS: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
    Object.assign(faults, parsed.data)
  }
  const entry = (code: string): DepartmentFault => {
    const existing = faults[code]
    if (existing) return existing
    const created = { latencyMs: 0, failureRate: 0, outage: false }
    faults[code] = created
    return created
  }
  /** `800` applies to every department; `tax:800,land:200` to the named ones. */
  const perDepartment = (
    name: string,
    raw: string | undefined,
    valid: (n: number) => boolean,
    apply: (f: DepartmentFault, n: number) => void,
  ) => {
    if (!raw) return
    for (const part of raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [code, value] = part.includes(':') ? (part.split(':') as [string, string]) : ['*', part]
      const n = Number(value)
      if (!valid(n)) throw new Error(`${name}: "${part}" is not valid`)
      if (code !== '*' && !/^[a-z][a-z0-9-]{1,30}$/.test(code))
        throw new Error(`${name}: "${code}" is not a department code`)
      apply(entry(code), n)
    }
  }
  perDepartment(
    'DEPT_LATENCY_MS',
    env.DEPT_LATENCY_MS,
    (n) => Number.isInteger(n) && n >= 0 && n <= 120_000,
    (f, n) => {
      f.latencyMs = n
    },
  )
  perDepartment(
    'DEPT_FAILURE_RATE',
    env.DEPT_FAILURE_RATE,
    (n) => n >= 0 && n <= 1,
    (f, n) => {
      f.failureRate = n
    },
  )
  if (env.DEPT_OUTAGE) {
    for (const code of env.DEPT_OUTAGE.split(',').map((s) => s.trim())) {
      if (!code) continue
      entry(code).outage = true
    }
  }
  return faults
}

function rate(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new Error(`${name} must be a number from 0 to 1, got "${raw}"`)
  return n
}

/** Reads CASE_LATE_RATE, CASE_REFUSE_RATE and CASE_WARN_DAYS; a bad value stops the server with its name. */
export function caseRatesFromEnv(env: NodeJS.ProcessEnv): CaseRates {
  const warnRaw = env.CASE_WARN_DAYS
  const warnDays = warnRaw === undefined || warnRaw === '' ? 1 : Number(warnRaw)
  if (!Number.isInteger(warnDays) || warnDays < 0 || warnDays > 30) {
    throw new Error(`CASE_WARN_DAYS must be a whole number from 0 to 30, got "${warnRaw}"`)
  }
  return {
    lateRate: rate(env, 'CASE_LATE_RATE', DEFAULT_LATE_RATE),
    refuseRate: rate(env, 'CASE_REFUSE_RATE', 0.02),
    warnDays,
  }
}

/** Reads FAKE_NOW (ISO 8601 with offset) as epoch ms; undefined when unset. */
export function fakeNowFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.FAKE_NOW
  if (!raw) return undefined
  const start = Date.parse(raw)
  if (!/T/.test(raw) || Number.isNaN(start)) {
    throw new Error(`FAKE_NOW must be an ISO 8601 instant like 2026-11-27T10:00:00+08:00, got "${raw}"`)
  }
  return start
}

/** Reads INGEST_FAIL_FIRST (N), INGEST_FAIL_STATUS and INGEST_FAIL_WHEN ('before' | 'after'). */
export function ingestFaultsFromEnv(env: NodeJS.ProcessEnv): IngestFaultSetting {
  const raw = env.INGEST_FAIL_FIRST?.trim()
  if (!raw) return { failNext: 0, status: 500, when: 'before' }
  const failNext = Number(raw)
  if (!Number.isInteger(failNext) || failNext < 0 || failNext > 1_000_000)
    throw new Error(`INGEST_FAIL_FIRST: "${raw}" is not a whole number of batches`)
  const status = Number(env.INGEST_FAIL_STATUS ?? 500)
  if (!(FAULT_STATUSES as readonly number[]).includes(status))
    throw new Error(`INGEST_FAIL_STATUS: ${status} is not one of ${FAULT_STATUSES.join(', ')}`)
  const when = env.INGEST_FAIL_WHEN ?? 'before'
  if (when !== 'before' && when !== 'after')
    throw new Error(`INGEST_FAIL_WHEN: "${when}" must be before or after`)
  return { failNext, status: status as FaultStatus, when }
}

/** Shortest staff password accepted from ADMIN_PASSWORD / OPS_PASSWORD / HELPER_PASSWORD: the one staff minimum. */
export const MIN_ENV_PASSWORD_LENGTH = MIN_PASSWORD_LENGTH

/** A password from the environment, or undefined when unset; a short one stops the server naming the variable. */
function envPassword(
  env: NodeJS.ProcessEnv,
  name: 'ADMIN_PASSWORD' | 'OPS_PASSWORD' | 'HELPER_PASSWORD',
): string | undefined {
  const value = env[name]
  if (!value) return undefined
  if ([...value].length < MIN_ENV_PASSWORD_LENGTH)
    throw new Error(
      `${name} must be at least ${MIN_ENV_PASSWORD_LENGTH} characters (got ${[...value].length})`,
    )
  return value
}

/** Reads DEMO_PIN: unset, or PIN_DIGITS digits; anything else stops the server naming the variable and the rule. */
export function demoPinFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.DEMO_PIN?.trim()
  if (!raw) return undefined
  if (!isWellFormedPin(raw)) throw new Error(`DEMO_PIN: ${PIN_FORM_MESSAGE}`)
  return raw
}

/** What TRUST_PROXY's `loopback` stands for: a proxy on the same host. */
const LOOPBACK_RANGES = ['127.0.0.0/8', '::1']

/**
 * Reads TRUST_PROXY: a comma list of addresses, CIDR ranges (`10.0.0.0/8`, `fd00::/8`) or `loopback`. Unset trusts no
 * proxy, so forwarding headers are ignored. A bad entry stops the server naming it.
 */
export function trustProxyFromEnv(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = []
  for (const entry of (env.TRUST_PROXY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (entry === 'loopback') {
      out.push(...LOOPBACK_RANGES)
      continue
    }
    const [address = '', prefix, extra] = entry.split('/')
    const family = isIP(address)
    const bits = Number(prefix)
    const prefixOk =
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && bits >= 0 && bits <= (family === 6 ? 128 : 32))
    if (family === 0 || extra !== undefined || !prefixOk)
      throw new Error(`TRUST_PROXY: "${entry}" is not an IP address, CIDR range or "loopback"`)
    out.push(entry)
  }
  return out
}

/** A positive whole number from the environment, or the fallback when unset; anything else stops the server. */
function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
    throw new Error(`${name} must be a whole number from 1 to 1000000, got "${raw}"`)
  return n
}

/** Reads FAULTS (`on` or `off`, default off); any other value stops the server, naming it. */
export function faultRoutesFromEnv(env: NodeJS.ProcessEnv): boolean {
  const raw = env.FAULTS?.trim() || 'off'
  if (raw !== 'on' && raw !== 'off') throw new Error(`FAULTS must be on or off, got "${env.FAULTS}"`)
  return raw === 'on'
}

/**
 * Reads DEMO_TERMINAL (`on` or `off`, default off): only an explicit `on` hands the demo terminal's key to browsers
 * on this machine, so a backend behind a same-host proxy never gives it to strangers. Any other value stops the
 * server naming it.
 */
export function demoTerminalFromEnv(env: NodeJS.ProcessEnv): boolean {
  const raw = env.DEMO_TERMINAL?.trim() || 'off'
  if (raw !== 'on' && raw !== 'off')
    throw new Error(`DEMO_TERMINAL must be on or off, got "${env.DEMO_TERMINAL}"`)
  return raw === 'on'
}

/** Reads HOME_DISTRICT: the demo district unless set; a district's six-digit division code, else the server stops. */
export function homeDistrictFromEnv(env: NodeJS.ProcessEnv): string {
  const raw = env.HOME_DISTRICT?.trim()
  if (!raw) return DEMO_DISTRICT_CODE
  if (!isDivisionCode(raw) || !isTerminalDivision(raw))
    throw new Error(
      `HOME_DISTRICT must be a district's six-digit division code such as 441602 (or 441900/442000, cities without districts), got "${raw}"`,
    )
  return raw
}

/** Reads RETENTION_DAYS: 180 unless set; a whole number of days from 1 to 3650, else the server stops naming it. */
export function retentionDaysFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.RETENTION_DAYS?.trim()
  if (!raw) return DEFAULT_RETENTION_DAYS
  const days = Number(raw)
  const { min, max } = RETENTION_DAYS_RANGE
  if (!Number.isInteger(days) || days < min || days > max)
    throw new Error(`RETENTION_DAYS must be a whole number of days from ${min} to ${max}, got "${raw}"`)
  return days
}

/** DATA_DIR as an absolute path (default ./data), for the server and the backup command alike. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR || './data')
}

/**
 * DATABASE_URL: a postgres:// or postgresql:// URL selects the PostgreSQL store; unset or empty keeps SQLite.
 * Anything else is refused at start with the variable's name (the URL itself is not echoed: it may hold a password).
 */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.DATABASE_URL?.trim()
  if (!raw) return undefined
  let protocol: string
  try {
    protocol = new URL(raw).protocol
  } catch {
    throw new Error('DATABASE_URL is not a URL: expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE')
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:')
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, not ${protocol}//`)
  return raw
}

/**
 * Builds the config from environment variables, with the documented defaults; `defaults` stands in for variables
 * the environment leaves unset (`npm run dev` turns the loopback demo on unless DEMO_TERMINAL says otherwise).
 */
export function loadConfig(
  environment: NodeJS.ProcessEnv = process.env,
  defaults: Readonly<Record<string, string>> = {},
): Config {
  const env: NodeJS.ProcessEnv = { ...defaults, ...environment }
  const port = Number(env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be 0–65535')
  const dbMax = env.DB_MAX_MB?.trim() ? Number(env.DB_MAX_MB) : undefined
  if (dbMax !== undefined && !(Number.isFinite(dbMax) && dbMax > 0))
    throw new Error(`DB_MAX_MB: "${env.DB_MAX_MB}" is not a positive number of megabytes`)
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: dataDirFromEnv(env),
    databaseUrl: databaseUrlFromEnv(env),
    distDir: resolve(env.DIST_DIR || './dist'),
    adminPassword: envPassword(env, 'ADMIN_PASSWORD'),
    opsPassword: envPassword(env, 'OPS_PASSWORD'),
    helperPassword: envPassword(env, 'HELPER_PASSWORD'),
    demoTerminal: demoTerminalFromEnv(env),
    agentUrl: agentUrlFromEnv(env),
    iceServers: iceServersFromEnv(env),
    demoPin: demoPinFromEnv(env),
    logLevel: env.LOG_LEVEL || 'info',
    deptSeed: env.DEPT_SEED || 'kiosk-demo',
    faults: faultsFromEnv(env),
    catalogFile: resolve(env.CATALOG_FILE || resolve(root, 'services-catalog/data/catalog.json')),
    loginLimitPerMinute: positiveInt(env, 'LOGIN_RATE_LIMIT', 5),
    loginAddressLimitPerMinute: positiveInt(env, 'LOGIN_ADDRESS_LIMIT', 20),
    retentionDays: retentionDaysFromEnv(env),
    homeDistrict: homeDistrictFromEnv(env),
    trustProxy: trustProxyFromEnv(env),
    dbMaxMegabytes: dbMax,
    cases: caseRatesFromEnv(env),
    eidIssuerKey: env.EID_PUBLIC_KEY?.trim()
      ? readIssuerKey(env.EID_PUBLIC_KEY.trim(), 'EID_PUBLIC_KEY')
      : demoIssuerPublicKey(),
    fakeNow: fakeNowFromEnv(env),
    ingestFaults: ingestFaultsFromEnv(env),
    fingerprintKey: env.FINGERPRINT_KEY?.trim()
      ? decodeFingerprintKey(env.FINGERPRINT_KEY, 'FINGERPRINT_KEY')
      : undefined,
    faultRoutes: faultRoutesFromEnv(env),
    publicBaseUrl: publicBaseUrlFromEnv(env, env.HOST || '127.0.0.1', port),
    materialsDir: env.MATERIALS_DIR?.trim() ? resolve(env.MATERIALS_DIR.trim()) : undefined,
  }
}

/**
 * The environment of a backend process this one starts (the fleet's nodes): this process's own variables with
 * `overrides` on top, so the nodes run on the store and settings the caller's environment names.
 */
export function childEnvironment(
  overrides: Readonly<Record<string, string>>,
  environment: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  return { ...environment, ...overrides }
}

const IceServerUrl = z.string().regex(/^(stun|turns?):\S+$/, 'each URL starts with stun:, turn: or turns:')
const IceServers = z.array(
  z
    .object({
      urls: z.union([IceServerUrl, z.array(IceServerUrl).min(1)]),
      username: z.string().optional(),
      credential: z.string().optional(),
    })
    .strict(),
)

/** ICE_SERVERS: a JSON array like `[{"urls":"stun:stun.example.org:3478"}]`; unset, none (a LAN needs none). */
export function iceServersFromEnv(env: NodeJS.ProcessEnv): HelpIceServer[] {
  const raw = env.ICE_SERVERS?.trim()
  if (!raw) return []
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw new Error('ICE_SERVERS is not valid JSON: expected [{"urls":"stun:HOST:PORT"}, …]')
  }
  const parsed = IceServers.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`ICE_SERVERS: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`)
  }
  return parsed.data
}

/** AGENT_URL: a loopback ws:// origin (default ws://127.0.0.1:17345, the agent's default port). */
function agentUrlFromEnv(env: NodeJS.ProcessEnv): string {
  const value = env.AGENT_URL?.trim() || 'ws://127.0.0.1:17345'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`AGENT_URL: "${value}" is not a URL; expected ws://127.0.0.1:PORT`)
  }
  if (
    url.protocol !== 'ws:' ||
    !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) ||
    url.pathname !== '/'
  )
    throw new Error(`AGENT_URL: "${value}" must be ws://127.0.0.1:PORT (the agent listens on loopback only)`)
  return `${url.protocol}//${url.host}`
}

/**
 * PUBLIC_BASE_URL: an absolute http(s) URL, optionally with a path prefix (a proxy's), without query or fragment;
 * the trailing slash is dropped. Unset: `http://` + the listen address, where a wildcard host stands for this
 * machine's first LAN address (a phone on the same network reaches it), so `npm start` works as it is.
 */
export function publicBaseUrlFromEnv(env: NodeJS.ProcessEnv, host: string, port: number): string | undefined {
  const value = env.PUBLIC_BASE_URL?.trim()
  if (!value) return port === 0 ? undefined : listenBaseUrl(host, port)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(
      `PUBLIC_BASE_URL: "${value}" is not an absolute URL; expected e.g. https://kiosk.example.gov.cn`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`PUBLIC_BASE_URL: "${value}" must start with http:// or https://`)
  if (url.search || url.hash || url.username || url.password)
    throw new Error(`PUBLIC_BASE_URL: "${value}" must not carry a query, a fragment or credentials`)
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** The base URL of a listen address; a wildcard host is this machine's first non-internal IPv4 address. */
export function listenBaseUrl(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::'
  const lan = wildcard
    ? Object.values(networkInterfaces())
        .flat()
        .find((a) => a && a.family === 'IPv4' && !a.internal)?.address
    : undefined
  const name = wildcard ? (lan ?? '127.0.0.1') : host
  return `http://${isIP(name) === 6 ? `[${name}]` : name}:${port}`
}
