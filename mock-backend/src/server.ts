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
import { RateLimiter } from './auth/rateLimit'
import type { Config } from './config'
import { openDatabase } from './db/open'
import { Store } from './db/store'
import { DepartmentSimulator } from './departments/simulator'
import type { AppDeps } from './deps'
import { createLogger, type Logger } from './logger'
import { cachedRangeReport } from './reports/dailyCountsCache'
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

/** Starts the backend with the given config (PORT 0 picks a free port). */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  const db = openDatabase(config.dataDir, { maxMegabytes: config.dbMaxMegabytes })
  const store = new Store(db)
  const seeded = await seed(store, config, logger)
  const deps: AppDeps = {
    store,
    config,
    logger,
    departments: new DepartmentSimulator(config.deptSeed, config.faults),
    loginLimiter: new RateLimiter(config.loginLimitPerMinute, 60_000),
    now: () => new Date(),
    appVersion: appVersion(),
  }
  const app = createApp(deps)
  const server = await new Promise<Server>((ready, fail) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      ready(s as Server),
    ) as Server
    s.once('error', fail)
  })
  server.requestTimeout = 60_000
  // Ops open the dashboard on 本年: start filling this year's per-day report cache now, a week per step in the
  // background, so the first report after a restart does not recompute the whole year while ops wait.
  const today = shanghaiDay(deps.now())
  for (const by of ['day', 'item', 'department', 'terminal'] as const)
    cachedRangeReport(store, `${today.slice(0, 4)}-01-01`, today, by)
  const { port } = server.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  let closing: Promise<void> | null = null
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
          db.close()
          done()
        })
        server.closeIdleConnections()
      })
      return closing
    },
  }
}
