/**
 * The drain as a terminal lives it: 10,000 transactions queued in the kiosk's IndexedDB outbox while
 * offline (Chromium, on-disk profile, the kiosk's own strict-durability enqueue), then drained by the
 * kiosk's own terminal bridge + sync engine after the network returns. In the same page, against the
 * same backend, a second 10,000 are replayed one request at a time by workbox-background-sync's own Queue.
 * Both sides are checked in the backend's SQLite afterwards: every key stored exactly once.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { TransactionRecord } from '../../mock-backend/src/contract'
import { makeDataDir, withBackend } from './backendProcess'
import { enrolTerminal, staffToken } from './benchApi'
import { benchRecords, loadDefaultCatalog, submittableItems } from './benchData'
import type { DrainBenchApi } from './browser/drainBenchEntry'
import { openKioskProfile, pageBundle } from './browserPage'
import { ensureDist } from './chromium.bench'
import { atLeast, atMost, type Figure, round } from './figures'

/** Queue size of the figure; `BENCH_DRAIN_RECORDS` shrinks it for a quick look. */
const QUEUE = Number(process.env.BENCH_DRAIN_RECORDS ?? 10_000)
/** The drain must finish well inside this, or the bench reports what was left. */
const DRAIN_TIMEOUT_MS = 120_000

/** The page's global the drain bundle installs. */
export type BenchWindow = { __drainBench: DrainBenchApi }
/** The kiosk sync code and workbox-background-sync as one script for the page (CSP bypassed for the bench). */
export async function drainBundle(): Promise<string> {
  return pageBundle('drainBenchEntry.ts', {
    // As in the production build: no dev logging/asserts in workbox, no SW registration by the bridge.
    'process.env.NODE_ENV': '"production"',
    'import.meta.env': JSON.stringify({ PROD: false, DEV: false, MODE: 'bench' }),
  })
}

/** Throws unless the backend stored every key exactly once for this terminal. */
export function verifyStored(
  dataDir: string,
  terminalId: string,
  keys: string[],
  total: number,
  what: string,
): void {
  const db = new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const matched = db
      .prepare('SELECT count(*) AS n FROM json_each(?) AS k JOIN transactions AS t ON t.key = k.value')
      .get(JSON.stringify(keys)) as { n: number }
    const stored = db
      .prepare('SELECT count(*) AS n FROM transactions WHERE terminal_id = ?')
      .get(terminalId) as { n: number }
    if (matched.n !== keys.length || stored.n !== total) {
      throw new Error(
        `${what}: the backend holds ${matched.n} of ${keys.length} keys and ${stored.n} rows for the terminal (expected ${total})`,
      )
    }
  } finally {
    db.close()
  }
}

/** Runs the drain and the one-by-one replay in one Chromium page against one fresh backend. */
export async function drainFigures(): Promise<Figure[]> {
  ensureDist()
  const bundle = await drainBundle()
  const items = submittableItems(loadDefaultCatalog(), ['town-centre'])
  const drainRecords: TransactionRecord[] = benchRecords(items, QUEUE)
  const replayRecords: TransactionRecord[] = benchRecords(items, QUEUE)
  const profile = makeDataDir('kiosk-bench-drain-')
  try {
    return await withBackend(async ({ url, dataDir }) => {
      const admin = await staffToken(url, 'admin')
      const terminal = await enrolTerminal(url, admin, '压测终端（离线排空）', ['town-centre'])
      const { context, page } = await openKioskProfile(profile, url, bundle)
      try {
        // 1. An enrolled terminal that holds the catalog loses its network; residents keep finishing services.
        const identity = { terminalId: terminal.terminalId, token: terminal.token, name: terminal.name }
        await page.evaluate((id) => (globalThis as unknown as BenchWindow).__drainBench.enrol(id), identity)
        const started = await page.evaluate(() =>
          (globalThis as unknown as BenchWindow).__drainBench.startBridge(),
        )
        if (started.catalogVersion < 1 || started.queueLength !== 0) {
          throw new Error(`bridge start: catalog ${started.catalogVersion}, queue ${started.queueLength}`)
        }
        await context.setOffline(true)
        const queued = await page.evaluate(
          (records) => (globalThis as unknown as BenchWindow).__drainBench.queueOutbox(records),
          drainRecords,
        )
        console.error(`  outbox: ${QUEUE} strict enqueues in ${queued.ms.toFixed(0)} ms`)

        // 2. The network returns: timed in the page from its `online` event to an empty outbox.
        const waiting = page.evaluate(
          (timeout) => (globalThis as unknown as BenchWindow).__drainBench.awaitDrained(timeout),
          DRAIN_TIMEOUT_MS,
        )
        await context.setOffline(false)
        const drain = await waiting
        await page.evaluate(() => (globalThis as unknown as BenchWindow).__drainBench.stopBridge())
        console.error(
          `  drain: ${QUEUE - drain.queueLength} records in ${drain.ms.toFixed(0)} ms, ${drain.batches} batch POSTs waited ${drain.backendMs.toFixed(0)} ms`,
        )
        if (drain.queueLength !== 0 || drain.deadLetters !== 0) {
          throw new Error(`drain left ${drain.queueLength} queued and ${drain.deadLetters} dead-lettered`)
        }
        verifyStored(dataDir, terminal.terminalId, queued.keys, QUEUE, 'drain')

        // 3. The same volume, replayed one request at a time by workbox-background-sync's Queue.
        const pushed = await page.evaluate(
          (a) => (globalThis as unknown as BenchWindow).__drainBench.queueWorkbox(a.records, a.token),
          {
            records: replayRecords,
            token: terminal.token,
          },
        )
        console.error(`  workbox queue: ${QUEUE} pushRequest in ${pushed.ms.toFixed(0)} ms`)
        const replay = await page.evaluate(() =>
          (globalThis as unknown as BenchWindow).__drainBench.replayWorkbox(),
        )
        console.error(`  replay one by one: ${QUEUE} requests in ${replay.ms.toFixed(0)} ms`)
        if (replay.left !== 0) throw new Error(`workbox replay left ${replay.left} requests queued`)
        verifyStored(dataDir, terminal.terminalId, pushed.keys, 2 * QUEUE, 'replay')

        const at = new Date().toISOString().slice(0, 16)
        const scale = QUEUE === 10_000 ? '10k' : `${QUEUE}`
        return [
          atMost(
            `sync.drain.${scale}.browser`,
            Math.round(drain.ms),
            'ms',
            10_000,
            `Chromium, on-disk profile: ${QUEUE} strict enqueues (kiosk enqueueRecord, ${Math.round(queued.ms)} ms), catalog already stored, then offline; timed from the page's online event to an empty outbox (outbox count polled every 25 ms); backend SQLite holds each key once; ${at} UTC`,
          ),
          {
            name: `sync.replay.oneByOne.${scale}.browser`,
            value: Math.round(replay.ms),
            unit: 'ms',
            note: `workbox-background-sync 7.4.1 Queue.replayRequests in the same page (window fallback path), one POST per record, same backend; ${round(replay.ms / QUEUE, 2)} ms each; every key stored once`,
          },
          atLeast(
            'sync.drain.speedup.browser',
            round(replay.ms / drain.ms, 1),
            '×',
            10,
            'replay.oneByOne / drain, same page, same backend, same run',
          ),
        ]
      } finally {
        await context.close()
      }
    })
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}
