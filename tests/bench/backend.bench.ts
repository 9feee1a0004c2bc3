/**
 * Backend figures against the real server process over HTTP on 127.0.0.1: batch ingest throughput,
 * batch latency under 8 concurrent terminals, and draining a 10,000-record queue in batches versus
 * replaying it one request per record (as workbox-background-sync would). The ingest figures are taken per
 * store (`IngestFlavour`): SQLite here, PostgreSQL in backendPg.bench.ts, each against its own floor server.
 */

import { rmSync } from 'node:fs'
import { loadConfig } from '../../mock-backend/src/config'
import { TransactionBatch, type TransactionRecord } from '../../mock-backend/src/contract'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { openDatabase } from '../../mock-backend/src/db/sqlite/open'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import type { Storage } from '../../mock-backend/src/db/storage'
import { DEMO_TERMINAL_GROUPS } from '../../mock-backend/src/demoTerminal'
import { ingestBatch, newIngestTimings } from '../../mock-backend/src/ingest'
import { createAppDeps } from '../../mock-backend/src/server'
import type { ServiceItem } from '../../services-catalog/src/schema'
import { buildSearchIndex } from '../../services-catalog/src/searchIndex'
import { type BackendOptions, makeDataDir, withBackend } from './backendProcess'
import { chunks, demoTerminal, enrolTerminal, networkRetries, postBatch, staffToken } from './benchApi'
import { benchRecords, loadDefaultCatalog, submittableItems } from './benchData'
import { atLeast, atMost, type Figure, median, percentile, round } from './figures'

const BATCH = 200
const INGEST_RECORDS = 20_000
const CLIENTS = 8
const REQUESTS_PER_CLIENT = 25
const QUEUE = 10_000
/**
 * Every loop stops at its count or its time box, whichever comes first, so a slow backend cannot stall
 * the run; a rate is then taken over what was sent and a 10k total is extrapolated (said so in the note).
 */
const TIME_BOX_MS = { ingest: 30_000, concurrent: 30_000, drain: 30_000, replay: 15_000, inProcess: 20_000 }

/**
 * One store's run of the ingest benches: the prefix of its figures' names (`backend`, `backend.pg`), how its
 * real backend and its floor server start, its targets, and how the in-process split opens the store.
 */
export interface IngestFlavour {
  prefix: string
  backend: BackendOptions
  /** The floor server (a script of this folder) and what its note says it does. */
  floor: BackendOptions & { note: string }
  /** Absolute targets (SQLite's) and the share of the floor (PostgreSQL's); absent ones are reported only. */
  targets: { tps?: number; p99?: number; ofFloor?: number }
  /** The store the in-process split writes into, on a fresh temporary DATA_DIR. */
  openStore(dataDir: string): Promise<Storage>
}

/** A figure with a lower or upper bound when the flavour names one, else a plain reported figure. */
function bounded(
  bound: 'min' | 'max',
  name: string,
  value: number,
  unit: string,
  limit: number | undefined,
  note: string,
): Figure {
  if (limit === undefined) return { name, value, unit, note }
  return bound === 'min' ? atLeast(name, value, unit, limit, note) : atMost(name, value, unit, limit, note)
}

/** What a time-boxed send managed: records sent and elapsed ms. */
interface Sent {
  records: number
  ms: number
}

/** Sends `records` in batches of 200, one request after another, until done or the time box ends. */
async function sendBatched(
  url: string,
  token: string,
  records: TransactionRecord[],
  boxMs: number,
): Promise<Sent> {
  const started = performance.now()
  let sent = 0
  for (const batch of chunks(records, BATCH)) {
    if (performance.now() - started > boxMs) break
    await postBatch(url, token, batch)
    sent += batch.length
  }
  return { records: sent, ms: performance.now() - started }
}

/** "20000 records" or "6200 of 20000 records (30 s time box)". */
const sentText = (sent: Sent, planned: number, boxMs: number) =>
  sent.records === planned
    ? `${planned} records`
    : `${sent.records} of ${planned} records (${boxMs / 1000} s time box)`

/** Batch ingest throughput of one terminal sending 20,000 records back to back. */
async function ingestThroughput(
  flavour: IngestFlavour,
  url: string,
  token: string,
  items: ServiceItem[],
): Promise<Figure> {
  const sent = await sendBatched(url, token, benchRecords(items, INGEST_RECORDS), TIME_BOX_MS.ingest)
  console.error(`  ${flavour.prefix} ingest: ${sent.records} records in ${sent.ms.toFixed(0)} ms`)
  return bounded(
    'min',
    `${flavour.prefix}.ingest.tps`,
    Math.round((sent.records / sent.ms) * 1000),
    'records/s',
    flavour.targets.tps,
    `end to end over HTTP, one terminal, sequential POSTs of ${BATCH}: ${sentText(sent, INGEST_RECORDS, TIME_BOX_MS.ingest)}, ${round(sent.ms / (sent.records / BATCH), 1)} ms per batch`,
  )
}

/**
 * What 8 terminals sending 25 batches each, back to back, saw: per-POST latencies, dropped sockets, answers of
 * 500 or above (with the first one's text), wall time.
 */
interface Concurrent {
  latencies: number[]
  resets: number
  serverErrors: { count: number; first?: string }
  wall: number
}

/** Each token sends REQUESTS_PER_CLIENT batches of 200 back to back, all tokens at once. */
async function concurrentPosts(url: string, tokens: string[], items: ServiceItem[]): Promise<Concurrent> {
  const work = tokens.map((token) => ({
    token,
    batches: chunks(benchRecords(items, BATCH * REQUESTS_PER_CLIENT), BATCH),
  }))
  const latencies: number[] = []
  let resets = 0
  const serverErrors: Concurrent['serverErrors'] = { count: 0 }
  const started = performance.now()
  await Promise.all(
    work.map(async ({ token, batches }) => {
      for (const batch of batches) {
        if (performance.now() - started > TIME_BOX_MS.concurrent) break
        const sent = performance.now()
        try {
          await postBatch(url, token, batch, { retryResets: false })
        } catch (error) {
          if (!(error instanceof Error)) throw error
          // A server error under concurrent load is a finding to report, not a reason to lose the other figures.
          if (/→ 5\d\d:/.test(error.message)) {
            serverErrors.count += 1
            serverErrors.first ??= error.message.slice(0, 200)
            continue
          }
          // A socket the server dropped while its event loop was blocked (nodejs/node#43456): counted, not timed.
          if (!error.message.includes('fetch failed')) throw error
          resets += 1
          continue
        }
        latencies.push(performance.now() - sent)
      }
    }),
  )
  return { latencies, resets, serverErrors, wall: performance.now() - started }
}

/** "200 sent; p50 …; aggregate … records/s" for a concurrent run. */
function concurrentNote({ latencies, resets, serverErrors, wall }: Concurrent): string {
  const planned = CLIENTS * REQUESTS_PER_CLIENT
  const attempted = latencies.length + resets + serverErrors.count
  const done = attempted === planned ? `${planned}` : `${attempted} of ${planned} (time box)`
  const resetNote =
    resets > 0 ? `; ${resets} POSTs RESET by the server (connection dropped, counted as missed)` : ''
  const errorNote =
    serverErrors.count > 0
      ? `; ${serverErrors.count} POSTs FAILED with a server error (not timed), first: ${serverErrors.first}`
      : ''
  return `${CLIENTS} terminals × ${REQUESTS_PER_CLIENT} POSTs, ${done} sent; p50 ${round(percentile(latencies, 50), 1)} ms; aggregate ${Math.round(((latencies.length * BATCH) / wall) * 1000)} records/s${resetNote}${errorNote}`
}

/** p99 latency of a 200-record POST while 8 terminals each send 25 batches back to back. */
async function concurrentLatency(flavour: IngestFlavour, url: string, items: ServiceItem[]): Promise<Figure> {
  const admin = await staffToken(url, 'admin')
  const tokens = []
  for (let i = 0; i < CLIENTS; i++) tokens.push((await enrolTerminal(url, admin, `压测终端 ${i + 1}`)).token)
  const run = await concurrentPosts(
    url,
    tokens,
    items.filter((i) => i.groups.length === 0),
  )
  const figure = bounded(
    'max',
    `${flavour.prefix}.batch200.p99.8clients`,
    round(percentile(run.latencies, 99), 1),
    'ms',
    flavour.targets.p99,
    concurrentNote(run),
  )
  return run.resets > 0 || run.serverErrors.count > 0 ? { ...figure, ok: false } : figure
}

/**
 * The same two loads against the flavour's floor server (plain durable INSERTs, nothing else) in the same run,
 * and the real backend's share of that floor: the part of the ingest and p99 targets this machine allows at all.
 */
async function floorFigures(
  flavour: IngestFlavour,
  items: ServiceItem[],
  real: { tps: number; p99: number },
): Promise<Figure[]> {
  const name = flavour.prefix
  return withBackend(async ({ url }) => {
    await sendBatched(url, 'floor', benchRecords(items, 5 * BATCH), TIME_BOX_MS.ingest)
    const sent = await sendBatched(url, 'floor', benchRecords(items, INGEST_RECORDS), TIME_BOX_MS.ingest)
    const tps = Math.round((sent.records / sent.ms) * 1000)
    const run = await concurrentPosts(url, Array(CLIENTS).fill('floor'), items)
    const p99 = round(percentile(run.latencies, 99), 1)
    return [
      {
        name: `${name}.ingest.floor.tps`,
        value: tps,
        unit: 'records/s',
        note: `the machine's ceiling: ${flavour.floor.note}, no validation/idempotency/departments/cases/rollups; ${sentText(sent, INGEST_RECORDS, TIME_BOX_MS.ingest)}, ${round(sent.ms / (sent.records / BATCH), 1)} ms per batch`,
      },
      bounded(
        'min',
        `${name}.ingest.ofFloor`,
        round(real.tps / tps, 2),
        '×',
        flavour.targets.ofFloor,
        `${name}.ingest.tps / ${name}.ingest.floor.tps, same run`,
      ),
      {
        name: `${name}.batch200.p99.8clients.floor`,
        value: p99,
        unit: 'ms',
        note: `the same 8-client load against the floor server: ${concurrentNote(run)}; real backend p99 is ${round(real.p99 / p99, 1)}× this`,
      },
    ]
  }, flavour.floor)
}

/** The same size of queue sent in batches of 200 and one record per request, in the same run. */
async function drainVersusReplay(url: string, token: string, items: ServiceItem[]): Promise<Figure[]> {
  const drain = await sendBatched(url, token, benchRecords(items, QUEUE), TIME_BOX_MS.drain)
  const drainMs = (drain.ms / drain.records) * QUEUE
  console.error(`  drain: ${drain.records} records in ${drain.ms.toFixed(0)} ms`)
  const replay = benchRecords(items, QUEUE)
  const started = performance.now()
  let sent = 0
  while (sent < QUEUE && performance.now() - started < TIME_BOX_MS.replay) {
    await postBatch(url, token, [replay[sent]!])
    sent += 1
  }
  const measuredMs = performance.now() - started
  const replayMs = (measuredMs / sent) * QUEUE
  console.error(`  replay one by one: ${sent} requests in ${measuredMs.toFixed(0)} ms`)
  const drainNote =
    drain.records === QUEUE
      ? `${QUEUE / BATCH} sequential POSTs of ${BATCH} over HTTP`
      : `EXTRAPOLATED to ${QUEUE} from ${drain.records} records sent in batches of ${BATCH} in a ${TIME_BOX_MS.drain / 1000} s time box`
  const replayNote =
    sent === QUEUE
      ? `${QUEUE} sequential one-record POSTs`
      : `EXTRAPOLATED to ${QUEUE} from ${sent} sequential one-record POSTs in a ${TIME_BOX_MS.replay / 1000} s time box (${round(measuredMs / sent, 1)} ms each)`
  return [
    {
      name: 'backend.drain.10k',
      value: Math.round(drainMs),
      unit: 'ms',
      note: `${drainNote}; the in-browser drain through IndexedDB is a later step`,
    },
    { name: 'backend.replay.oneByOne.10k', value: Math.round(replayMs), unit: 'ms', note: replayNote },
    atLeast(
      'sync.drain.speedup',
      round(replayMs / drainMs, 1),
      '×',
      10,
      'replay.oneByOne.10k / drain.10k, same backend, same run',
    ),
  ]
}

/**
 * Diagnostics without HTTP, on a temporary database of the backend's own store: the cost of one
 * `Store.getCatalogVersion` (ingest reads the published catalog per batch) and `ingestBatch` throughput,
 * i.e. the ceiling the HTTP figure could reach if the transport were free.
 */
async function inProcessFigures(flavour: IngestFlavour): Promise<Figure[]> {
  const dataDir = makeDataDir()
  const store = await flavour.openStore(dataDir)
  try {
    const catalog = loadDefaultCatalog()
    const now = new Date().toISOString()
    const version = await store.publishCatalog(catalog, buildSearchIndex(catalog.items), 'bench', '', now)
    const samples: number[] = []
    for (let i = 0; i < 21; i++) {
      const started = performance.now()
      await store.getCatalogVersion(version)
      samples.push(performance.now() - started)
    }
    await store.insertTerminal({
      id: 'T-BENCH-INPROC',
      name: '压测终端',
      location: '',
      groups: [],
      districtCode: DEMO_DISTRICT_CODE,
      tokenHash: null,
      codeHash: null,
      codeExpiresAt: null,
      now,
    })
    const terminal = (await store.getTerminal('T-BENCH-INPROC'))!
    // The same dependencies server.ts builds, from the same environment loader, minus the HTTP server.
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' })
    const deps = await createAppDeps(config, store, { appVersion: 'bench' })
    const items = submittableItems(catalog, [])
    const batches = chunks(benchRecords(items, INGEST_RECORDS + 5 * BATCH), BATCH)
    let timedMs = 0
    let timedRecords = 0
    // Per-stage split of the timed batches; the route's body work (JSON.parse + zod) is measured on the
    // same batch outside the timed ingest, so the tps figure keeps meaning "no body parsing".
    const stages = newIngestTimings()
    const body = { parse: 0, zod: 0 }
    const boxStart = performance.now()
    for (const [i, batch] of batches.entries()) {
      if (performance.now() - boxStart > TIME_BOX_MS.inProcess) break
      const text = JSON.stringify({ records: batch })
      const parseStarted = performance.now()
      const parsed: unknown = JSON.parse(text)
      const zodStarted = performance.now()
      TransactionBatch.parse(parsed)
      const zodEnded = performance.now()
      const warm = i >= 5
      if (warm) {
        body.parse += zodStarted - parseStarted
        body.zod += zodEnded - zodStarted
      }
      const started = performance.now()
      const outcomes = await ingestBatch(deps, terminal, batch, warm ? stages : undefined)
      if (warm) {
        timedMs += performance.now() - started
        timedRecords += batch.length
      }
      if (outcomes.some((o) => o.status !== 'ok')) throw new Error('in-process ingest refused a bench record')
    }
    return [
      {
        name: `${flavour.prefix}.store.getCatalogVersion`,
        value: round(median(samples), 1),
        unit: 'ms',
        note: `in-process, median of 21, default catalog (${catalog.items.length} items); ingest.ts reads it per batch`,
      },
      {
        name: `${flavour.prefix}.ingest.batch200.stages.inProcess`,
        value: round(timedMs / timedBatches(timedRecords), 1),
        unit: 'ms',
        note: `per 200-record batch, in-process, mean of the timed batches: ${stageNote(
          { 'body JSON.parse': body.parse, 'body zod': body.zod, ...stages },
          timedBatches(timedRecords),
        )} (body parse/zod not in the value)`,
      },
      {
        name: `${flavour.prefix}.ingest.tps.inProcess`,
        value: Math.round((timedRecords / timedMs) * 1000),
        unit: 'records/s',
        note: `ingestBatch called directly with server-like deps (no HTTP, no body parsing): ${sentText({ records: timedRecords, ms: timedMs }, INGEST_RECORDS, TIME_BOX_MS.inProcess)} in batches of ${BATCH}, after 5 warm-up batches`,
      },
    ]
  } finally {
    await store.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Batches of 200 behind a record count (at least 1, so a stage mean never divides by zero). */
const timedBatches = (records: number) => Math.max(1, Math.ceil(records / BATCH))

/** "hash 1.2 ms (4%), …": each stage's mean per batch and its share of the timed ingest. */
function stageNote(stages: Record<string, number>, batches: number): string {
  const ingestTotal = Object.entries(stages)
    .filter(([name]) => !name.startsWith('body'))
    .reduce((sum, [, ms]) => sum + ms, 0)
  return Object.entries(stages)
    .map(([name, ms]) => {
      const share = name.startsWith('body')
        ? ''
        : ` (${Math.round((ms / Math.max(ingestTotal, 1e-9)) * 100)}%)`
      return `${name} ${round(ms / batches, 2)} ms${share}`
    })
    .join(', ')
}

/** SQLite in the backend's DATA_DIR, against ingestFloorServer.ts; the absolute targets are SQLite's. */
const SQLITE: IngestFlavour = {
  prefix: 'backend',
  backend: {},
  floor: {
    script: 'tests/bench/ingestFloorServer.ts',
    note: 'node:http + JSON.parse + one SQLite transaction of plain INSERTs per batch (WAL, synchronous = FULL)',
  },
  targets: { tps: 50_000, p99: 50 },
  openStore: async (dataDir) => new SqliteStorage(openDatabase(dataDir)),
}

/**
 * One store's ingest figures: throughput and 8-client p99 on a fresh real backend (plus, with `drain`, the
 * batched drain against one-by-one replay), the same loads on its floor server, and the in-process split.
 */
export async function ingestFigures(flavour: IngestFlavour, options: { drain: boolean }): Promise<Figure[]> {
  const catalog = loadDefaultCatalog()
  networkRetries.count = 0
  const http = await withBackend(async ({ url }) => {
    const { token } = await demoTerminal(url)
    const items = submittableItems(catalog, DEMO_TERMINAL_GROUPS)
    // Warm-up: JIT, the database's page cache and the first catalog load are not what the figures are about.
    await sendBatched(url, token, benchRecords(items, 5 * BATCH), TIME_BOX_MS.ingest)
    const figures = [await ingestThroughput(flavour, url, token, items)]
    figures.push(await concurrentLatency(flavour, url, items))
    if (options.drain) figures.push(...(await drainVersusReplay(url, token, items)))
    if (networkRetries.count > 0) {
      for (const f of figures)
        f.note = `${f.note ?? ''}; ${networkRetries.count} POST(s) in this bench re-sent after a socket reset`
    }
    return figures
  }, flavour.backend)
  const value = (name: string) => Number(http.find((f) => f.name === name)?.value)
  const floor = await floorFigures(flavour, submittableItems(catalog, DEMO_TERMINAL_GROUPS), {
    tps: value(`${flavour.prefix}.ingest.tps`),
    p99: value(`${flavour.prefix}.batch200.p99.8clients`),
  })
  return [...http, ...floor, ...(await inProcessFigures(flavour))]
}

/** Runs the SQLite HTTP benches against one fresh backend process, its floor, and the in-process split. */
export function backendFigures(): Promise<Figure[]> {
  return ingestFigures(SQLITE, { drain: true })
}
