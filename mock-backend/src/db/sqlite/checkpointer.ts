/**
 * WAL checkpoints off the request path. With SQLite's automatic checkpoint, every ~1000th WAL page makes
 * one unlucky commit copy the WAL into the database file and fsync it — inside a terminal's POST, on the
 * one event loop every other terminal waits on. Here a worker thread with its own connection runs PASSIVE
 * checkpoints (they never block the writer) a few times a second instead. Durability is unchanged: every
 * commit is still fsynced to the WAL before it is acknowledged (synchronous = FULL); a checkpoint only
 * moves committed pages into the main file.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** How often the worker checkpoints while the server runs. */
export const CHECKPOINT_INTERVAL_MS = 250

/** Plain JS run in the worker (eval: no TypeScript loader needed there). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 1000')
let stopped = false
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch { /* busy or closing: the next tick tries again */ }
}, workerData.intervalMs)
parentPort.on('message', () => {
  if (stopped) return
  stopped = true
  clearInterval(timer)
  try { db.close() } catch {}
  parentPort.close()
})
`

/** A running background checkpointer. */
export interface Checkpointer {
  /** Stops the worker (its connection is closed); safe to call twice. */
  stop(): void
}

/** Starts checkpointing `file` in a worker thread; the worker never keeps the process alive. */
export function startCheckpointer(file: string, intervalMs = CHECKPOINT_INTERVAL_MS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } })
  worker.unref()
  // A failing checkpointer must not take the server down: SQLite's own checkpoint (kept as a backstop
  // in open.ts) still bounds the WAL.
  worker.on('error', () => {})
  let stopped = false
  return {
    stop() {
      if (stopped) return
      stopped = true
      worker.postMessage('stop')
    },
  }
}
