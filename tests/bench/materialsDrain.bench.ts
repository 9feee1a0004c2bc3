/**
 * The outbox drain with 申请材料 (#17): 100 records queued offline in the kiosk's own outbox, each with 2 images
 * of a document-camera capture's size, drained by the kiosk's own bridge and sync engine (each record's images
 * uploaded one request each, then the record in a batch), against the same 100 records without images drained the
 * same way, in the same page, against the same backend, in the same run. Both checked in the backend's SQLite:
 * every record once, and 200 materials for the records with images.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { StoredTransactionRecord } from '../../kiosk/src/storage/storedTypes'
import { sampleJpeg } from '../fixtures/node/materials/samples'
import { makeDataDir, withBackend } from './backendProcess'
import { enrolTerminal, staffToken } from './benchApi'
import { benchRecords, loadDefaultCatalog, submittableItems } from './benchData'
import { openKioskProfile } from './browserPage'
import { ensureDist } from './chromium.bench'
import { type BenchWindow, drainBundle, verifyStored } from './drain.bench'
import { type Figure, round } from './figures'

/** Records per drain, as the issue names it; `BENCH_MATERIALS_RECORDS` changes it. */
const RECORDS = Number(process.env.BENCH_MATERIALS_RECORDS ?? 100)
/** Images per record, as the issue names it. */
const IMAGES_PER_RECORD = 2
/**
 * Bytes of each image: a capture compressed in the browser lands between 200 and 500 kB (MATERIAL_TARGET_BYTES is
 * the ceiling); two sizes near the middle, so the drain carries what a day of real captures would.
 */
const IMAGE_BYTES = [320_000, 280_000]
const DRAIN_TIMEOUT_MS = 300_000
const GROUPS = ['town-centre']

/** Materials rows the backend holds for `keys`. */
function storedMaterials(dataDir: string, keys: string[]): number {
  const db = new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true })
  try {
    return (
      db
        .prepare('SELECT count(*) AS n FROM json_each(?) AS k JOIN materials AS m ON m.record_key = k.value')
        .get(JSON.stringify(keys)) as { n: number }
    ).n
  } finally {
    db.close()
  }
}

/** The two drains, without and with images, in one Chromium page against one fresh backend. */
export async function materialsDrainFigures(): Promise<Figure[]> {
  ensureDist()
  const bundle = await drainBundle()
  // Items that collect at least two electronic materials, and no 缴费 (which needs a paid order first).
  const items = submittableItems(loadDefaultCatalog(), GROUPS).filter(
    (i) => i.kind !== '缴费' && i.materials.filter((m) => m.form === '电子').length >= IMAGES_PER_RECORD,
  )
  if (items.length === 0) throw new Error('no item collects two electronic materials')
  const withImages = (records: ReturnType<typeof benchRecords>): StoredTransactionRecord[] =>
    records.map((r) => {
      const item = items.find((i) => i.code === r.itemCode)!
      const names = item.materials.filter((m) => m.form === '电子').map((m) => m.name.zh)
      return {
        ...r,
        materials: names.slice(0, IMAGES_PER_RECORD).map((material) => ({ material, data: '' })),
      }
    })
  const images = IMAGE_BYTES.map((bytes) => sampleJpeg(bytes).toString('base64'))
  const profile = makeDataDir('kiosk-bench-materials-')
  try {
    return await withBackend(async ({ url, dataDir }) => {
      const admin = await staffToken(url, 'admin')
      const terminal = await enrolTerminal(url, admin, '压测终端（材料排空）', GROUPS)
      const { context, page } = await openKioskProfile(profile, url, bundle)
      try {
        const identity = { terminalId: terminal.terminalId, token: terminal.token, name: terminal.name }
        await page.evaluate((id) => (globalThis as unknown as BenchWindow).__drainBench.enrol(id), identity)
        let stored = 0
        /** Queues `records` offline, brings the network back and times the drain to an empty outbox. */
        const drain = async (records: StoredTransactionRecord[], what: string) => {
          const started = await page.evaluate(() =>
            (globalThis as unknown as BenchWindow).__drainBench.startBridge(),
          )
          if (started.queueLength !== 0) throw new Error(`${what}: ${started.queueLength} left from before`)
          await context.setOffline(true)
          const queued = await page.evaluate(
            (a) => (globalThis as unknown as BenchWindow).__drainBench.queueOutbox(a.records, a.images),
            { records, images },
          )
          const waiting = page.evaluate(
            (timeout) => (globalThis as unknown as BenchWindow).__drainBench.awaitDrained(timeout),
            DRAIN_TIMEOUT_MS,
          )
          await context.setOffline(false)
          const done = await waiting
          await page.evaluate(() => (globalThis as unknown as BenchWindow).__drainBench.stopBridge())
          if (done.queueLength !== 0 || done.deadLetters !== 0)
            throw new Error(`${what}: left ${done.queueLength} queued and ${done.deadLetters} dead-lettered`)
          stored += records.length
          verifyStored(dataDir, terminal.terminalId, queued.keys, stored, what)
          console.error(
            `  ${what}: ${records.length} records in ${done.ms.toFixed(0)} ms (${done.batches} batch POSTs waited ${done.backendMs.toFixed(0)} ms; enqueue ${queued.ms.toFixed(0)} ms)`,
          )
          return { ...done, keys: queued.keys, enqueueMs: queued.ms }
        }
        const plain = await drain(benchRecords(items, RECORDS), 'without images')
        const imaged = await drain(withImages(benchRecords(items, RECORDS)), 'with images')
        const materials = storedMaterials(dataDir, imaged.keys)
        if (materials !== RECORDS * IMAGES_PER_RECORD)
          throw new Error(`the backend holds ${materials} materials, expected ${RECORDS * IMAGES_PER_RECORD}`)
        if (storedMaterials(dataDir, plain.keys) !== 0)
          throw new Error('a record without images has materials')
        const at = new Date().toISOString().slice(0, 16)
        const sizes = IMAGE_BYTES.map((b) => `${Math.round(b / 1000)} kB`).join(' and ')
        return [
          {
            name: `sync.drain.materials.${RECORDS}x${IMAGES_PER_RECORD}.browser`,
            value: Math.round(imaged.ms),
            unit: 'ms',
            note: `Chromium, on-disk profile: ${RECORDS} records queued offline with ${IMAGES_PER_RECORD} JPEGs each (${sizes}, base64 in the sealed outbox entry; enqueue ${Math.round(imaged.enqueueMs)} ms), drained by the kiosk's bridge from the online event to an empty outbox: ${RECORDS * IMAGES_PER_RECORD} material uploads, one request each, before their records; the backend holds each record once and ${materials} materials; ${at} UTC`,
          },
          {
            name: `sync.drain.plain.${RECORDS}.browser`,
            value: Math.round(plain.ms),
            unit: 'ms',
            note: `the same items' ${RECORDS} records without images, drained first in the same page against the same backend`,
          },
          {
            name: 'sync.drain.materials.ofPlain',
            value: round(imaged.ms / plain.ms, 1),
            unit: '×',
            note: `with images / without, same run; per record ${round(imaged.ms / RECORDS, 1)} ms against ${round(plain.ms / RECORDS, 1)} ms`,
          },
        ]
      } finally {
        await context.close()
      }
    })
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}
