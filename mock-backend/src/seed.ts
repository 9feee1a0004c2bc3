/**
 * Start data: the default catalog as version 1 and the staff users `admin`, `ops` and `helper` (every scope) on first start,
 * and on every start the demo terminal's one-time enrol code (demoTerminal.ts) and its maintenance PIN. Further
 * accounts are created by admins (console, API or `npm run staff`).
 */
import { existsSync, readFileSync } from 'node:fs'
import { Catalog } from '../../services-catalog/src/schema'
import { buildSearchIndex } from '../../services-catalog/src/searchIndex'
import { generatePassword, hashPassword, verifyPassword } from './auth/passwords'
import { generatePin, hashPin, pinMatches } from './auth/pinHash'
import type { Config } from './config'
import { PROVINCE_CODE, type StaffRole } from './contract'
import type { Storage } from './db/storage'
import { DEMO_TERMINAL_ID, prepareDemoTerminal } from './demoTerminal'
import { GUANGDONG_DIVISIONS } from './divisions/guangdong'
import type { Logger } from './logger'
import type { Fingerprints } from './privacy/fingerprints'

/** What this start seeded; the passwords and the enrol code are shown once and never stored in clear. */
export interface SeedOutcome {
  generated: { username: string; password: string }[]
  catalogSeeded: boolean
  /** The demo terminal's one-time enrol code of this start (the `?enrol=` link main.ts prints). */
  demoEnrolCode: string
  /** The demo terminal's maintenance PIN when it was generated on this start (no DEMO_PIN), else undefined. */
  generatedDemoPin?: string
}

/**
 * Gives the demo terminal its maintenance PIN: DEMO_PIN when set (re-hashed only when it changed), else a random
 * one on the first start, returned to be printed once. Returns undefined when nothing was generated.
 */
async function ensureDemoPin(store: Storage, config: Config): Promise<string | undefined> {
  const demo = await store.getTerminal(DEMO_TERMINAL_ID)
  if (!demo) return undefined
  if (config.demoPin) {
    if (!demo.pin || !(await pinMatches(config.demoPin, demo.pin)))
      await store.setTerminalPin(DEMO_TERMINAL_ID, await hashPin(config.demoPin))
    return undefined
  }
  if (demo.pin) return undefined
  const pin = generatePin()
  await store.setTerminalPin(DEMO_TERMINAL_ID, await hashPin(pin))
  return pin
}

async function ensureUser(
  store: Storage,
  username: string,
  role: StaffRole,
  configured: string | undefined,
  generated: SeedOutcome['generated'],
): Promise<void> {
  const now = new Date().toISOString()
  const existing = await store.staff.getUser(username)
  if (configured) {
    // A configured password is set on first start, and again whenever the environment gives a new one.
    const passwordHash = await hashPassword(configured)
    if (!existing)
      await store.staff.insertUser({ username, role, passwordHash, scope: [], orgCode: PROVINCE_CODE, now })
    else if (!(await verifyPassword(configured, existing.passwordHash)))
      await store.staff.setPassword(username, passwordHash, now)
  } else if (!existing) {
    const password = generatePassword()
    await store.staff.insertUser({
      username,
      role,
      passwordHash: await hashPassword(password),
      scope: [],
      orgCode: PROVINCE_CODE,
      now,
    })
    generated.push({ username, password })
  }
}

/** Publishes the default catalog as version 1 when nothing has been published yet. */
export async function seedCatalog(store: Storage, config: Config, logger: Logger): Promise<boolean> {
  if ((await store.latestCatalogVersion()) > 0) return false
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
  await store.publishCatalog(
    catalog,
    buildSearchIndex(catalog.items),
    'system',
    '默认目录',
    new Date().toISOString(),
  )
  logger.info({ items: catalog.items.length }, 'default catalog published as version 1')
  return true
}

/** Adds the start divisions that are missing, and stops the start when HOME_DISTRICT names no known district. */
async function seedDivisions(store: Storage, config: Config): Promise<void> {
  await store.addDivisions(GUANGDONG_DIVISIONS)
  if (!(await store.division(config.homeDistrict)))
    throw new Error(
      `HOME_DISTRICT ${config.homeDistrict} is not a known district: start without it, add the district in the ` +
        'admin console (区县), then set it',
    )
}

/** Seeds whatever is missing; safe to run on every start. */
export async function seed(
  store: Storage,
  config: Config,
  logger: Logger,
  fingerprints: Fingerprints,
  nowMs: number,
): Promise<SeedOutcome> {
  const generated: SeedOutcome['generated'] = []
  await seedDivisions(store, config)
  await ensureUser(store, 'admin', 'admin', config.adminPassword, generated)
  await ensureUser(store, 'ops', 'ops', config.opsPassword, generated)
  await ensureUser(store, 'helper', 'helper', config.helperPassword, generated)
  const catalogSeeded = await seedCatalog(store, config, logger)
  const demoEnrolCode = await prepareDemoTerminal(store, fingerprints, config.demoTerminal, nowMs)
  const generatedDemoPin = await ensureDemoPin(store, config)
  return { generated, catalogSeeded, demoEnrolCode, ...(generatedDemoPin ? { generatedDemoPin } : {}) }
}
