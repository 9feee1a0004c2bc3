/**
 * Personal data at rest on the terminal (issue 14, item 3), tested as a thief would: real Chromium on a
 * persistent profile folder, the production build and a real backend. Residents do a card transaction and a
 * typed-ID transaction, look their cases up by ID card, one malformed record becomes a dead letter, and one
 * resident nobody could answer asks for a 帮办 call-back (issue 16). While the terminal is offline, its outbox
 * and call-backs must hold the residents' data, sealed under a generation key file the
 * thief opens it with (sealedOutbox.ts; else the scan below could never find anything). Once everything is
 * delivered and the browser is closed, every file of the profile, read as raw bytes (IndexedDB's LevelDB log
 * and tables included), holds no full ID number, name or phone, nor the SHA-256 of any of them
 * (profileScan.ts), and no key opens what the log kept of the sealed parts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { type BrowserContext, chromium, expect, type Page, test } from '@playwright/test'
import { type Finding, filesUnder, scanProfile } from '../fixtures/node/terminal/profileScan'
import { keyFiles, openSealedParts } from '../fixtures/node/terminal/sealedOutbox'
import { CHROMIUM_ARGS, CHROMIUM_PATH, KIOSK_CONTEXT } from '../fixtures/playwright/e2e'
import { askForCallbackOffline } from '../fixtures/playwright/helpDesk'
import { Kiosk, TYPED_ID } from '../fixtures/playwright/kioskJourney'
import {
  copyDist,
  DEMO_SUBJECT,
  disposeKioskBackend,
  type KioskBackend,
  kioskQueue,
  nudgeSync,
  OFFLINE_ITEM,
  queueVisits,
  Resident,
  removeDist,
  startKioskBackend,
  Tally,
} from '../fixtures/playwright/offlineE2e'

test.describe.configure({ timeout: 240_000 })

/** Where a browser keeps copies of the app's own files: the HTTP cache, the code cache, Cache Storage. */
const BUILD_CACHES = /^Default\/(Cache|Code Cache|Service Worker\/(CacheStorage|ScriptCache))\//
/** Where Chromium keeps IndexedDB Blob values, one file each: the outbox's generation keys (outboxKeys.ts). */
const IDB_BLOB_FILES = /^Default\/IndexedDB\/[^/]+\.indexeddb\.blob\//

/** The number a resident leaves for a 帮办 call-back while the terminal is offline, and as lists mask it. */
const CALLBACK_PHONE = '13700002222'
const CALLBACK_MASKED = '137****2222'

/** Everything of a resident a copy of the profile must not give away once delivered. */
const SECRETS = [DEMO_SUBJECT.idNumber, DEMO_SUBJECT.name, DEMO_SUBJECT.phone, TYPED_ID, CALLBACK_PHONE]

let backend: KioskBackend | undefined
let distDir: string | undefined
let profile: string

test.beforeAll(async () => {
  distDir = copyDist()
  backend = await startKioskBackend({ distDir })
  profile = mkdtempSync(join(tmpdir(), 'kiosk-profile-'))
})

test.afterAll(async () => {
  await disposeKioskBackend(backend)
  removeDist(distDir)
  rmSync(profile, { recursive: true, force: true })
})

/** The terminal's browser on the test's profile folder, as a kiosk runs it. */
async function openTerminal(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    ...KIOSK_CONTEXT,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return { context, page }
}

/** From the attract screen: a 申办 with the ID number typed on the keypad (no card), its rating skipped. */
async function typedIdVisit(page: Page): Promise<void> {
  const kiosk = new Kiosk(page)
  await kiosk.start()
  await kiosk.openItem(OFFLINE_ITEM.department, OFFLINE_ITEM.item)
  await kiosk.beginFlow()
  await kiosk.typeOn(kiosk.t.idLabel, TYPED_ID)
  await kiosk.button(kiosk.t.next).click()
  await kiosk.phoneAndSms(OFFLINE_ITEM.item)
  await kiosk.submit()
  await kiosk.skipRatingAndFinish()
}

test('a copy of the profile folder holds residents’ data only while it waits to be delivered', async () => {
  const url = backend!.url
  const tally = new Tally()

  // Online: a card transaction and a typed-ID transaction, delivered; a lookup by ID card rememebers cases.
  let { context, page } = await openTerminal()
  const resident = new Resident(page)
  await resident.open(url)
  const card = await resident.visit('offline', 4, tally)
  expect(card.state).toBe('done')
  await typedIdVisit(page)
  const kiosk = new Kiosk(page)
  await kiosk.start()
  await kiosk.button('办件进度查询').click()
  await kiosk.button('刷身份证查询').click()
  await expect(page.locator('.case-card').first()).toBeVisible()
  await kiosk.button('首页').click()
  await expect.poll(() => kioskQueue(page)).toMatchObject({ queued: 0, dead: 0 })

  // Offline: a typed-ID transaction waits in the outbox, and so does a record the backend will refuse.
  await context.setOffline(true)
  await typedIdVisit(page)
  await queueVisits(
    page,
    [{ itemCode: OFFLINE_ITEM.item.code, rating: 5, fields: { ['字'.repeat(41)]: '值' } }],
    tally,
  )
  // … and so does a call-back nobody could take while offline (sealed like a record's part, issue 16).
  await askForCallbackOffline(page, CALLBACK_PHONE, CALLBACK_MASKED)
  expect(await kioskQueue(page)).toMatchObject({ queued: 2, dead: 0, callbacks: 1 })
  await context.close()

  // The thief's copy while records wait: the outbox holds them, so the thief can read them — sealed in
  // LevelDB's files, opened with the generation key Blob file beside them (v7), which the browser unlinks
  // with the generation's last record.
  const waitingKeys = keyFiles(profile)
  expect(waitingKeys.length).toBeGreaterThanOrEqual(1)
  expect(waitingKeys.every((f) => IDB_BLOB_FILES.test(relative(profile, f)))).toBe(true)
  const waitingOpened = openSealedParts(profile).join('\n')
  for (const secret of [TYPED_ID, DEMO_SUBJECT.idNumber, DEMO_SUBJECT.phone, CALLBACK_PHONE])
    expect(waitingOpened, `the thief opens the waiting ${secret}`).toContain(secret)
  // … and in no file in the clear: only the demo card's name, which the build ships (see below).
  expect(scanProfile(profile, SECRETS).filter((f) => f.secret !== DEMO_SUBJECT.name)).toEqual([])

  // Back online: the outbox drains (one record dead-lettered, masked), then the browser is closed.
  ;({ context, page } = await openTerminal())
  await new Resident(page).open(url)
  await expect
    .poll(
      async () => {
        await nudgeSync(page)
        return kioskQueue(page)
      },
      { message: 'the outbox and the call-backs drain', timeout: 60_000, intervals: [250, 500, 1000] },
    )
    .toMatchObject({ queued: 0, dead: 1, callbacks: 0 })
  // What the app can still read: known cases exist, and no store holds a resident's value.
  const kept = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('kiosk')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store, 'readonly').objectStore(store).getAll()
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
    const stores = Object.fromEntries(
      await Promise.all([...db.objectStoreNames].map(async (name) => [name, await all(name)] as const)),
    )
    db.close()
    return stores
  })
  expect(kept.knownCases?.length, 'known cases exist').toBeGreaterThanOrEqual(2)
  expect(kept.deadLetters?.length, 'a dead letter exists').toBe(1)
  const dump = JSON.stringify(kept)
  for (const secret of SECRETS) expect(dump.includes(secret), `IndexedDB holds no ${secret}`).toBe(false)
  expect(kept.outboxKeys, 'the generation keys left with their records').toEqual([])
  expect(kept.callbacks, 'the call-back left once delivered').toEqual([])
  // The browser unlinks a deleted key's file once the page holds no handle to it (the page read it to open
  // the records; a handle lives until garbage collection or the page goes): leave the page, then it is gone.
  await page.goto('about:blank')
  await expect
    .poll(() => waitingKeys.filter((f) => existsSync(f)), {
      message: 'the key files are unlinked',
      timeout: 10_000,
    })
    .toEqual([])
  await context.close()

  // The thief's copy after delivery: no resident's value, in any form, in any file — LevelDB's write-ahead
  // log and tables included, since the outbox keeps a record's personal part in LevelDB only sealed under a
  // generation key Blob file — with one exception stated exactly: the demo card's name ships in the app's own code
  // (the simulated reader), so the HTTP cache, Cache Storage and code cache hold it as part of the build.
  const after = scanProfile(profile, SECRETS)
  const shipped = new Set(
    SECRETS.filter((s) => filesUnder(distDir!).some((f) => readFileSync(f).includes(s))),
  )
  expect([...shipped]).toEqual([DEMO_SUBJECT.name])
  const inBuildCaches = (f: Finding) => BUILD_CACHES.test(f.file) && shipped.has(f.secret)
  expect(after.filter((f) => !inBuildCaches(f))).toEqual([])
  // The sealed parts LevelDB's log still holds are useless: their key files are gone, and no key opens them.
  expect(waitingKeys.filter((f) => existsSync(f))).toEqual([])
  expect(openSealedParts(profile)).toEqual([])
})
