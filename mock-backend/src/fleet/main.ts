/**
 * `npm run fleet -- --profile NAME [--url URL | --nodes N] [options]`: runs a profile's virtual terminals.
 * - district-2023 replays the district's year (run.ts), its clock set through the fault routes;
 * - province runs 20,000 village terminals (--terminals for fewer) through three phases (province/run.ts).
 * Without --url or --nodes the backend runs in this process on a free port, on the store the environment names
 * (DATA_DIR or DATABASE_URL); with --nodes N the fleet starts N backend processes on that store and spreads its
 * terminals over them. Either way the data stays there. The province profile also opens that store itself (bulk
 * enrolment, the final check), so with --url the backend must run on the store this environment names.
 */
import { parseArgs } from 'node:util'
import { type Config, loadConfig } from '../config'
import { openStorage } from '../db/openStorage'
import { createLogger } from '../logger'
import { type RunningServer, startServer } from '../server'
import { isLoopbackUrl } from './agentFetch'
import type { MeasuredProcess } from './cpu'
import { FleetNodes } from './nodeProcesses'
import { PROVINCE_CITIES, PROVINCE_TERMINALS } from './province/profile'
import { provinceLines, provinceProblems, REPORT_PREFIX, summaryOf } from './province/report'
import { PROVINCE_DEFAULTS, runProvince } from './province/run'
import { DEFAULT_COMPRESSION, DEFAULT_SOCKETS, DEFAULT_SYNC_EVERY_DAYS, runFleet } from './run'
import { percentile } from './stats'
import { district2023, readCatalog, type YearProfile } from './year/profile'

const PROFILES = ['district-2023', 'province'] as const
/** The flags only one profile takes (a flag the other profile ignores would mislead). */
const PROVINCE_FLAGS = ['terminals', 'peak-seconds', 'closed-days', 'closed-seconds'] as const
const DISTRICT_FLAGS = ['compression', 'sync-every'] as const

type Values = Record<string, string | boolean | undefined>
const out = (line: string) => process.stdout.write(`${line}\n`)

function positive(values: Values, name: string, fallback: number): number {
  const raw = values[name] as string | undefined
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`)
  return n
}

function wholeOrZero(values: Values, name: string, fallback: number): number {
  const raw = values[name] as string | undefined
  return raw === '0' ? 0 : whole(values, name, fallback)
}

function whole(values: Values, name: string, fallback: number): number {
  const n = positive(values, name, fallback)
  if (!Number.isInteger(n)) throw new Error(`--${name} must be a whole number, got "${values[name]}"`)
  return n
}

/** The backend(s) a run talks to: its own process, N processes it started, or a running one at --url. */
interface Backend {
  urls: string[]
  processes: MeasuredProcess[]
  generated: readonly { username: string; password: string }[]
  label: string
  close(): Promise<void>
}

async function backendFor(
  config: Config,
  values: Values,
  env: { faults: boolean; noLateCases: boolean },
): Promise<Backend> {
  const fleet = { name: 'fleet', pid: process.pid }
  if (values.url) {
    const url = values.url as string
    return {
      urls: [url],
      processes: [fleet],
      generated: [],
      label: `${url} (running)`,
      close: async () => {},
    }
  }
  const data = config.databaseUrl ? 'DATABASE_URL' : `DATA_DIR ${config.dataDir}`
  if (values.nodes !== undefined) {
    const count = whole(values, 'nodes', 1)
    const nodes = await FleetNodes.start(count, {
      ...(env.faults ? { FAULTS: 'on' } : {}),
      // The profile decides which cases finish late (channels.ts): the simulated departments finish on time.
      ...(env.noLateCases ? { CASE_LATE_RATE: '0' } : {}),
    })
    return {
      urls: nodes.urls,
      processes: [fleet, ...nodes.nodes.map((n, i) => ({ name: `node ${i + 1}`, pid: n.pid }))],
      generated: nodes.generated,
      label: `${count} node processes (${nodes.nodes.map((n) => `${n.url} pid ${n.pid}`).join(', ')}) on ${data}`,
      close: () => nodes.stop(),
    }
  }
  const server: RunningServer = await startServer(
    {
      ...config,
      port: 0,
      faultRoutes: env.faults,
      cases: env.noLateCases ? { ...config.cases, lateRate: 0 } : config.cases,
    },
    createLogger('warn'),
  )
  return {
    urls: [server.url],
    processes: [{ name: 'fleet + backend', pid: process.pid }],
    generated: server.seeded.generated,
    label: `${server.url} (started in this process, ${data})`,
    close: () => server.close(),
  }
}

async function district(config: Config, values: Values, profile: YearProfile): Promise<number> {
  const compression = positive(values, 'compression', DEFAULT_COMPRESSION)
  const sockets = whole(values, 'sockets', DEFAULT_SOCKETS)
  const syncEveryDays = whole(values, 'sync-every', DEFAULT_SYNC_EVERY_DAYS)
  const backend = await backendFor(config, values, { faults: true, noLateCases: !!profile.caseFigures })
  try {
    for (const g of backend.generated) out(`generated password, shown ONCE: ${g.username}: ${g.password}`)
    const adminPassword =
      config.adminPassword ?? backend.generated.find((g) => g.username === 'admin')?.password
    if (!adminPassword) throw new Error('set ADMIN_PASSWORD: the fleet enrols its terminals as admin')
    out(
      `fleet ${profile.name}: ${profile.terminals.length} terminals, ${profile.transactions} transactions, ${profile.from}…${profile.to}`,
    )
    out(`backend ${backend.label}; time compression ${compression}× requested`)
    const result = await runFleet({
      url: backend.urls[0]!,
      nodeUrls: backend.urls,
      profile,
      adminPassword,
      compression,
      sockets,
      syncEveryDays,
      log: out,
    })
    const t = result.tally
    const seconds = result.wallMs / 1000
    out(
      [
        `transactions sent ${t.sent}, stored ${t.stored}, replayed ${t.replayed}, errors ${t.errors}`,
        `batches ${t.batches}, heartbeats ${t.heartbeats}, counter calls ${t.counterCalls} (${t.countersAccepted} counters accepted), retries ${t.retries}`,
        `wall ${seconds.toFixed(1)} s, ${(t.sent / seconds).toFixed(0)} transactions/s, batch answer p50 ${percentile(t.batchMs, 50).toFixed(1)} ms, p99 ${percentile(t.batchMs, 99).toFixed(1)} ms`,
        ...(result.channels
          ? [
              `other channels: cases ${result.channels.cases}, finished ${result.channels.finished}, ratings ${result.channels.ratings} (all channels), follow-ups closed ${result.channels.followUpsClosed}`,
            ]
          : []),
        `time compression achieved ${Math.round(result.achievedCompression)}× (${result.days} simulated days)`,
      ].join('\n'),
    )
    return t.errors
  } finally {
    await backend.close()
  }
}

async function province(config: Config, values: Values): Promise<number> {
  const terminals = whole(values, 'terminals', PROVINCE_TERMINALS)
  const sockets = whole(values, 'sockets', PROVINCE_DEFAULTS.sockets)
  const backend = await backendFor(config, values, { faults: false, noLateCases: false })
  // The fleet's own connection to the store: bulk enrolment and the final check (province/enrol.ts, check.ts).
  const store = await openStorage({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    maxMegabytes: config.dbMaxMegabytes,
  })
  try {
    for (const g of backend.generated) out(`generated password, shown ONCE: ${g.username}: ${g.password}`)
    out(`fleet province: ${terminals} terminals in ${PROVINCE_CITIES.length} cities, ${sockets} connections`)
    out(`backend ${backend.label}`)
    const report = await runProvince({
      urls: backend.urls,
      store,
      catalog: readCatalog(config.catalogFile),
      terminals,
      sockets,
      peakSeconds: positive(values, 'peak-seconds', PROVINCE_DEFAULTS.peakSeconds),
      closedDays: wholeOrZero(values, 'closed-days', PROVINCE_DEFAULTS.closedDays),
      closedSeconds: positive(values, 'closed-seconds', PROVINCE_DEFAULTS.closedSeconds),
      processes: backend.processes,
      log: out,
    })
    for (const line of provinceLines(report)) out(line)
    out(`${REPORT_PREFIX}${JSON.stringify(summaryOf(report))}`)
    return provinceProblems(report)
  } finally {
    await store.close()
    await backend.close()
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string' },
      url: { type: 'string' },
      'allow-remote': { type: 'boolean', default: false },
      nodes: { type: 'string' },
      sockets: { type: 'string' },
      compression: { type: 'string' },
      'sync-every': { type: 'string' },
      terminals: { type: 'string' },
      'peak-seconds': { type: 'string' },
      'closed-days': { type: 'string' },
      'closed-seconds': { type: 'string' },
    },
  })
  const config = loadConfig()
  const name = values.profile ?? ''
  if (!(PROFILES as readonly string[]).includes(name))
    throw new Error(`--profile must be one of ${PROFILES.join(', ')}`)
  if (whole(values, 'nodes', 1) > 1 && !config.databaseUrl)
    throw new Error(
      '--nodes above 1 needs a shared store (DATABASE_URL, PostgreSQL); SQLite in DATA_DIR runs one node',
    )
  if (values.url && values.nodes !== undefined)
    throw new Error('--url names a running backend and --nodes starts the fleet its own: give one of them')
  if (values.url && !isLoopbackUrl(values.url) && !values['allow-remote'])
    throw new Error(
      `--url ${values.url} is not loopback: the fleet sends traffic to this machine only (--allow-remote to override)`,
    )
  const other = name === 'province' ? DISTRICT_FLAGS : PROVINCE_FLAGS
  const stray = other.find((flag) => values[flag] !== undefined)
  if (stray) throw new Error(`--${stray} does not apply to --profile ${name}`)
  const problems =
    name === 'province'
      ? await province(config, values)
      : await district(config, values, district2023(readCatalog(config.catalogFile)))
  if (problems > 0) process.exitCode = 1
}

main().catch((error: unknown) => {
  process.stderr.write(`fleet: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
