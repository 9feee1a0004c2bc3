/**
 * Starts one backend: opens and seeds the database, builds the app, listens, and knows how to stop
 * gracefully (stop accepting, finish in-flight requests, close the database).
 */
import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { createApp } from './app'
import { SqlAuditLog } from './audit/auditLog'
import { StaffAccounts } from './auth/accounts'
import { LoginGuard } from './auth/rateLimit'
import { caseLimits } from './cases/caseLimits'
import { CaseService } from './cases/service'
import { caseClock, caseSettings } from './cases/settings'
import { CatalogCache } from './catalogCache'
import { proxyTrust } from './clientAddress'
import { Clock } from './clock'
import { type Config, listenBaseUrl } from './config'
import { CARD_PIN_TRIES, CARD_PIN_WINDOW_MS } from './contract/paymentRules'
import { openStorage } from './db/openStorage'
import type { Storage } from './db/storage'
import { NodeReferenceClaims } from './departments/referenceClaims'
import { DepartmentSimulator } from './departments/simulator'
import type { AppDeps, AppDepsParts } from './deps'
import { DepartmentFaultSharing } from './faults/departmentFaultSharing'
import { IngestFaults } from './faults/ingestFaults'
import { SharedIngestFaults } from './faults/sharedIngestFaults'
import { createHandoff } from './handoff/handoff'
import { InProcessHelpCallQueue } from './help/callQueue'
import { HelpCallRecorder } from './help/callRecords'
import { InProcessHelperPresence } from './help/helperPresence'
import { InProcessHelpMailbox } from './help/mailbox'
import { HelpSignalling } from './help/signalling'
import { SimulatedHouseholdRegister } from './household/register'
import { HouseholdService } from './household/service'
import { createLogger, type Logger } from './logger'
import { SimulatedLicences } from './materials/licences'
import { materialBytesFor } from './materials/materialBytes'
import { Materials } from './materials/materials'
import { PhoneUploads } from './materials/phoneUploads'
import { InProcessNodes } from './nodes/inProcess'
import { NODE_TOPICS } from './nodes/topics'
import { PaymentGateway } from './payments/gateway'
import { SimulatedBank } from './payments/simulatedBank'
import { bindFingerprints } from './privacy/fingerprintKey'
import { RetentionJob } from './privacy/retention'
import { DailyCountsCache } from './reports/dailyCountsCache'
import { ReportLabelSource } from './reports/reportLabels'
import { type SeedOutcome, seed } from './seed'
import { shanghaiDay } from './time'

/** A running server. */
export interface RunningServer {
  url: string
  port: number
  seeded: SeedOutcome
  /** Stops accepting, waits for in-flight requests (up to `graceMs`), closes the database. */
  close(graceMs?: number): Promise<void>
}

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version?: string
    }
    return pkg.version ?? '0.0.0'
  } catch {
    return '0.0.0'
  }
}

/**
 * The composition root: every per-server service, built from `config` over `store`. The server uses it, and so
 * do tests and benches, so nothing assembles the graph by hand.
 */
export async function createAppDeps(
  config: Config,
  store: Storage,
  parts: AppDepsParts = {},
): Promise<AppDeps> {
  // One settable clock (clock.ts) over the real one or a test's; only the FAULTS=on route moves it.
  const clock = new Clock(parts.now)
  const now = () => clock.now()
  const sleep = parts.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)))
  // What the nodes sharing the store agree on (nodes/coordination.ts): the store's own when several processes
  // may share it (PostgreSQL), else this process's memory (SQLite: one node).
  const nodes = store.nodes ?? new InProcessNodes()
  // Several nodes with the fault routes on move one clock together (clock.ts); otherwise it is this node's.
  if (nodes.shared && config.faultRoutes) await clock.share(nodes, store)
  const counter = (limiter: string, limit: number, windowMs: number) =>
    nodes.counter(limiter, limit, windowMs, () => now().getTime())
  const catalog = new CatalogCache(store)
  const reportLabels = new ReportLabelSource(store.reports, catalog, store, store.overlays)
  const dailyCounts = new DailyCountsCache(store.reports, reportLabels)
  await nodes.subscribe(NODE_TOPICS.catalog, () => catalog.invalidate())
  await nodes.subscribe(NODE_TOPICS.catalogOverlay, () => catalog.invalidate())
  await nodes.subscribe(NODE_TOPICS.counterReset, (day) => dailyCounts.forgetDay(day))
  const departments = parts.departments ?? new DepartmentSimulator(config.deptSeed, config.faults)
  const fingerprints = await bindFingerprints(store, config.dataDir, config.fingerprintKey)
  const logger = parts.logger ?? createLogger(config.logLevel)
  const caseNow = caseClock(config.fakeNow, now)
  const trust = proxyTrust(config.trustProxy)
  const household = new HouseholdService(new SimulatedHouseholdRegister(fingerprints), departments)
  const materials = new Materials(
    store,
    materialBytesFor(config, store, parts.materialWriter),
    fingerprints,
    catalog,
    now,
  )
  const handoff = createHandoff(fingerprints, config.publicBaseUrl, counter)
  return {
    store,
    config,
    logger,
    nodes,
    departments,
    references: new NodeReferenceClaims(store),
    departmentFaults: await DepartmentFaultSharing.start(nodes, store, departments, config.faultRoutes),
    loginGuard: LoginGuard.over(
      counter,
      { perPair: config.loginLimitPerMinute, perAddress: config.loginAddressLimitPerMinute },
      sleep,
    ),
    proxyTrust: trust,
    caseLimits: caseLimits(counter),
    now,
    clock,
    sleep,
    appVersion: parts.appVersion ?? appVersion(),
    catalog,
    cases: new CaseService(
      store,
      caseSettings(config.cases, config.deptSeed),
      caseNow,
      catalog,
      fingerprints,
    ),
    // With the fault routes on, several nodes count "fail the next N batches" together; otherwise the count is
    // in memory (on several nodes without FAULTS=on, each fails its own first INGEST_FAIL_FIRST batches).
    ingestFaults:
      nodes.shared && config.faultRoutes
        ? await SharedIngestFaults.start(nodes, config.ingestFaults)
        : new IngestFaults(config.ingestFaults),
    reportLabels,
    dailyCounts,
    fingerprints,
    handoff,
    // On the case clock (FAKE_NOW in demos), the clock that stamped finished_at and closed_at.
    retention: new RetentionJob(store, config.retentionDays, caseNow, logger, nodes, materials),
    sessions: store.staff,
    accounts: new StaffAccounts(store.staff, now),
    audit: new SqlAuditLog(store.audit, now, trust),
    // The store's own when several nodes share it; else this node's memory (README "帮办 calls").
    helpCalls: store.helpCalls ?? {
      queue: new InProcessHelpCallQueue(),
      mailbox: new InProcessHelpMailbox(),
      presence: new InProcessHelperPresence(),
    },
    payments: new PaymentGateway({
      orders: store.orders,
      catalog,
      departments,
      household,
      bank: new SimulatedBank(counter('bank.wrongPins', CARD_PIN_TRIES, CARD_PIN_WINDOW_MS)),
      now,
    }),
    materials,
    phoneUploads: new PhoneUploads(
      store,
      materials,
      catalog,
      handoff.links,
      (t) => fingerprints.handoff(t),
      now,
    ),
    licences: new SimulatedLicences(),
    household,
  }
}

/** Starts the backend with the given config (PORT 0 picks a free port). */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const store = await openStorage({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    maxMegabytes: config.dbMaxMegabytes,
  })
  // Several nodes starting at once on one empty database: one at a time binds the key and seeds.
  const alone = store.nodes
    ? store.nodes.runAlone.bind(store.nodes)
    : <T>(_: string, fn: () => Promise<T>) => fn()
  const { deps, seeded } = await alone('start', async () => {
    const deps = await createAppDeps(config, store, { logger })
    return { deps, seeded: await seed(store, config, logger, deps.fingerprints, deps.now().getTime()) }
  })
  const app = createApp(deps)
  const server = await new Promise<Server>((ready, fail) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      ready(s as Server),
    ) as Server
    s.once('error', fail)
  })
  server.requestTimeout = 60_000
  const publicOrigin = config.publicBaseUrl ? new URL(config.publicBaseUrl).origin : undefined
  const signalling = new HelpSignalling(
    deps,
    deps.helpCalls,
    config.iceServers,
    publicOrigin,
    new HelpCallRecorder(deps),
  )
  await signalling.attach(server)
  await deps.retention.start()
  // Ops open the dashboard on 本年: start filling this year's per-day report cache now, a week per step in the
  // background, so the first report after a restart does not recompute the whole year while ops wait.
  const today = shanghaiDay(deps.now())
  for (const by of ['day', 'item', 'department', 'terminal'] as const)
    await deps.dailyCounts.rangeReport(`${today.slice(0, 4)}-01-01`, today, by)
  const { port } = server.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  let closing: Promise<void> | null = null
  // PORT=0 without PUBLIC_BASE_URL: the links name the port the server got (config.ts says why it was unknown).
  deps.handoff.links.listening(listenBaseUrl(config.host, port))
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    seeded,
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((done) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs)
        // Keep-alive sockets become idle once their in-flight request is answered; close them as they do.
        const sweep = setInterval(() => server.closeIdleConnections(), 50)
        server.close(() => {
          clearTimeout(force)
          clearInterval(sweep)
          deps.retention.stop()
          deps.nodes
            .close()
            .then(() => store.close())
            .then(done, done)
        })
        signalling.close()
        server.closeIdleConnections()
      })
      return closing
    },
  }
}
