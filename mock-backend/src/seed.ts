/**
 * Start data: the default catalog as version 1 and the two staff users on first start, and on every start the
 * demo terminal's one-time enrol code (demoTerminal.ts).
 */
import { existsSync, readFileSync } from 'node:fs'
import { Catalog } from '../../services-catalog/src/schema'
import { buildSearchIndex } from '../../services-catalog/src/searchIndex'
import { generatePassword, hashPassword, verifyPassword } from './auth/passwords'
import type { Config } from './config'
import type { Store } from './db/store'
import { prepareDemoTerminal } from './demoTerminal'
import type { Logger } from './logger'
import type { Fingerprints } from './privacy/fingerprints'

/** What this start seeded; the passwords and the enrol code are shown once and never stored in clear. */
export interface SeedOutcome {
  generated: { username: string; password: string }[]
  catalogSeeded: boolean
  /** The demo terminal's one-time enrol code of this start (the `?enrol=` link main.ts prints). */
  demoEnrolCode: string
}

async function ensureUser(
  store: Store,
  username: string,
  role: 'admin' | 'ops',
  configured: string | undefined,
  generated: SeedOutcome['generated'],
): Promise<void> {
  const now = new Date().toISOString()
  const existing = store.getStaffUser(username)
  if (configured) {
    if (!existing || !(await verifyPassword(configured, existing.passwordHash))) {
      store.putStaffUser(username, role, await hashPassword(configured), now)
    }
  } else if (!existing) {
    const password = generatePassword()
    store.putStaffUser(username, role, await hashPassword(password), now)
    generated.push({ username, password })
  }
}

/** Publishes the default catalog as version 1 when nothing has been published yet. */
export function seedCatalog(store: Store, config: Config, logger: Logger): boolean {
  if (store.latestCatalogVersion() > 0) return false
  if (!existsSync(config.catalogFile)) {
    logger.warn({ file: config.catalogFile }, 'default catalog file not found; nothing published')
    return false
  }
  const parsed = Catalog.safeParse(JSON.parse(readFileSync(config.catalogFile, 'utf8')))
  if (!parsed.success) {
    logger.error(
      { file: config.catalogFile, issue: parsed.error.issues[0]?.message },
      'default catalog is invalid',
    )
    return false
  }
  const catalog = parsed.data
  store.publishCatalog(
    catalog,
    buildSearchIndex(catalog.items),
    'system',
    '默认目录',
    new Date().toISOString(),
  )
  logger.info({ items: catalog.items.length }, 'default catalog published as version 1')
  return true
}

/** Seeds whatever is missing; safe to run on every start. */
export async function seed(
  store: Store,
  config: Config,
  logger: Logger,
  fingerprints: Fingerprints,
  nowMs: number,
): Promise<SeedOutcome> {
  const generated: SeedOutcome['generated'] = []
  await ensureUser(store, 'admin', 'admin', config.adminPassword, generated)
  await ensureUser(store, 'ops', 'ops', config.opsPassword, generated)
  const catalogSeeded = seedCatalog(store, config, logger)
  const demoEnrolCode = prepareDemoTerminal(store, fingerprints, config.demoTerminal, nowMs)
  return { generated, catalogSeeded, demoEnrolCode }
}
