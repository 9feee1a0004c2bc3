/**
 * Server configuration read once from the environment, so every other module gets plain values.
 */
import { resolve } from 'node:path'
import { z } from 'zod'

/** Simulated trouble for one department system (admins change it at runtime too). */
export const DepartmentFault = z.object({
  latencyMs: z.number().int().min(0).max(120_000).default(0),
  failureRate: z.number().min(0).max(1).default(0),
  outage: z.boolean().default(false),
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
  distDir: string
  adminPassword: string | undefined
  opsPassword: string | undefined
  demoTerminal: boolean
  logLevel: string
  deptSeed: string
  faults: DepartmentFaults
  /** The catalog published as version 1 on first start. */
  catalogFile: string
  /** Failed logins allowed per client IP per minute before 429. */
  loginLimitPerMinute: number
  /** Largest the database may grow, in MB (DB_MAX_MB); writes past it answer 503 storage_full. Unset: no cap. */
  dbMaxMegabytes: number | undefined
}

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

/** Builds the config from environment variables, with the documented defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be 0–65535')
  const limit = Number(env.LOGIN_RATE_LIMIT ?? 5)
  const dbMax = env.DB_MAX_MB?.trim() ? Number(env.DB_MAX_MB) : undefined
  if (dbMax !== undefined && !(Number.isFinite(dbMax) && dbMax > 0))
    throw new Error(`DB_MAX_MB: "${env.DB_MAX_MB}" is not a positive number of megabytes`)
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || './data'),
    distDir: resolve(env.DIST_DIR || './dist'),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    opsPassword: env.OPS_PASSWORD || undefined,
    demoTerminal: env.DEMO_TERMINAL !== 'off',
    logLevel: env.LOG_LEVEL || 'info',
    deptSeed: env.DEPT_SEED || 'kiosk-demo',
    faults: faultsFromEnv(env),
    catalogFile: resolve(env.CATALOG_FILE || resolve(root, 'services-catalog/data/catalog.json')),
    loginLimitPerMinute: Number.isInteger(limit) && limit > 0 ? limit : 5,
    dbMaxMegabytes: dbMax,
  }
}
