/**
 * `npm run fleet -- --profile district-2023 [--url URL] [--compression N] [--sockets N] [--sync-every DAYS] [--nodes N]`: replays a
 * profile's year through virtual terminals. Without --url it starts a backend in this process on a free port, on
 * the DATA_DIR the environment names, with its fault routes on (for the clock), and leaves the data there.
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../config'
import { createLogger } from '../logger'
import { startServer } from '../server'
import { isLoopbackUrl } from './agentFetch'
import { DEFAULT_COMPRESSION, DEFAULT_SOCKETS, DEFAULT_SYNC_EVERY_DAYS, runFleet } from './run'
import { percentile } from './stats'
import { district2023, readCatalog, type YearProfile } from './year/profile'

const PROFILES: Record<string, (catalogFile: string) => YearProfile> = {
  'district-2023': (file) => district2023(readCatalog(file)),
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`)
  return n
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string' },
      url: { type: 'string' },
      'allow-remote': { type: 'boolean', default: false },
      compression: { type: 'string' },
      sockets: { type: 'string' },
      'sync-every': { type: 'string' },
      nodes: { type: 'string' },
    },
  })
  const config = loadConfig()
  const make = PROFILES[values.profile ?? '']
  if (!make) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}`)
  if (positive('nodes', values.nodes, 1) !== 1)
    throw new Error(
      '--nodes above 1 needs a shared store (DATABASE_URL, PostgreSQL); SQLite in DATA_DIR runs one node',
    )
  if (values.url && !isLoopbackUrl(values.url) && !values['allow-remote'])
    throw new Error(
      `--url ${values.url} is not loopback: the fleet sends traffic to this machine only (--allow-remote to override)`,
    )
  const compression = positive('compression', values.compression, DEFAULT_COMPRESSION)
  const sockets = Math.round(positive('sockets', values.sockets, DEFAULT_SOCKETS))
  const syncEveryDays = Math.round(positive('sync-every', values['sync-every'], DEFAULT_SYNC_EVERY_DAYS))
  const profile = make(config.catalogFile)
  const out = (line: string) => process.stdout.write(`${line}\n`)

  const server = values.url
    ? undefined
    : await startServer(
        {
          ...config,
          port: 0,
          faultRoutes: true,
          // The profile decides which cases finish late (channels.ts): the simulated departments finish on time.
          cases: profile.caseFigures ? { ...config.cases, lateRate: 0 } : config.cases,
        },
        createLogger('warn'),
      )
  const url = values.url ?? server!.url
  const generated = server?.seeded.generated ?? []
  for (const g of generated) out(`generated password, shown ONCE: ${g.username}: ${g.password}`)
  const adminPassword = config.adminPassword ?? generated.find((g) => g.username === 'admin')?.password
  if (!adminPassword) throw new Error('set ADMIN_PASSWORD: the fleet enrols its terminals as admin')
  out(
    `fleet ${profile.name}: ${profile.terminals.length} terminals, ${profile.transactions} transactions, ${profile.from}…${profile.to}`,
  )
  out(
    `backend ${url}${server ? ` (started here, DATA_DIR ${config.dataDir})` : ''}; time compression ${compression}× requested`,
  )
  try {
    const result = await runFleet({
      url,
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
    if (t.errors > 0) process.exitCode = 1
  } finally {
    await server?.close()
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fleet: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
