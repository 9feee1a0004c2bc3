/**
 * Starts the REAL backend process (`node --import tsx mock-backend/src/main.ts`) on 127.0.0.1 for a bench,
 * and guarantees it dies with the bench: on stop(), on normal exit, on an uncaught error and on SIGINT/SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './benchData'

/** Staff passwords the bench backends start with (throw-away databases only). */
export const BENCH_STAFF = {
  admin: { username: 'admin', password: 'bench-admin-password' },
  ops: { username: 'ops', password: 'bench-ops-password' },
  helper: { username: 'helper', password: 'bench-helper-password' },
} as const

/** A running backend and how to reach and stop it. */
export interface BenchBackend {
  url: string
  dataDir: string
  /** SIGTERM, then SIGKILL after 5 s; removes the data directory unless it was passed in. */
  stop(): Promise<void>
  /** Why the process is gone (exit code and the tail of its output), or null while it runs. */
  death(): string | null
}

const children = new Set<ChildProcess>()
/** Temporary data directories to remove when the bench dies early. */
const ownedDirs = new Set<string>()
let handlersInstalled = false

function killAll(): void {
  for (const child of children) child.kill('SIGKILL')
  children.clear()
  for (const dir of ownedDirs) rmSync(dir, { recursive: true, force: true })
  ownedDirs.clear()
}

function installHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  process.once('exit', killAll)
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      killAll()
      process.exit(code)
    })
  }
}

/** A fresh temporary directory (DATA_DIR, browser profile), removed on early exit too; callers remove it when done. */
export function makeDataDir(prefix = 'kiosk-bench-'): string {
  installHandlers()
  const dir = mkdtempSync(join(tmpdir(), prefix))
  ownedDirs.add(dir)
  return dir
}

/** The real backend's entry point; the bench's ingest floor (ingestFloorServer.ts) starts the same way. */
const BACKEND_SCRIPT = 'mock-backend/src/main.ts'

/** How to start a bench backend: its data folder (else a fresh one), script and extra environment (DATABASE_URL). */
export interface BackendOptions {
  dataDir?: string
  script?: string
  env?: Record<string, string>
}

/** Spawns the backend (PORT=0: it picks a free port and prints its URL) and waits for /api/health. */
export async function startBackend(options: BackendOptions = {}): Promise<BenchBackend> {
  installHandlers()
  const ownsDir = !options.dataDir
  const dataDir = options.dataDir ?? makeDataDir()
  const child = spawn(process.execPath, ['--import', 'tsx', options.script ?? BACKEND_SCRIPT], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_PASSWORD: BENCH_STAFF.admin.password,
      OPS_PASSWORD: BENCH_STAFF.ops.password,
      HELPER_PASSWORD: BENCH_STAFF.helper.password,
      LOG_LEVEL: 'warn',
      // The bench's kiosks sign in as the loopback demo terminal; off is the product's default.
      DEMO_TERMINAL: 'on',
      // SQLite in DATA_DIR unless the bench names a database (a DATABASE_URL of the caller's shell must not leak in).
      DATABASE_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let output = ''
  let exitCode: number | null | undefined
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      exitCode = code
      done(code)
    }),
  )
  const stop = async () => {
    if (children.delete(child)) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    if (ownsDir) rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    const url = await new Promise<string>((found, fail) => {
      const timer = setTimeout(() => fail(new Error('the backend printed no URL within 60 s')), 60_000)
      const read = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-2000)
        const match = /(?:Kiosk|Floor):\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)
        if (match) {
          clearTimeout(timer)
          found(match[1]!)
        }
      }
      child.stdout?.on('data', read)
      child.stderr?.on('data', read)
      void exited.then((code) => {
        clearTimeout(timer)
        fail(new Error(`the backend exited with code ${code} before listening:\n${output}`))
      })
    })
    for (let attempt = 0; ; attempt++) {
      const health = await fetch(`${url}/api/health`).catch(() => null)
      if (health?.ok) break
      if (attempt >= 100) throw new Error(`the backend at ${url} never answered /api/health`)
      await new Promise((r) => setTimeout(r, 100))
    }
    const death = () =>
      exitCode === undefined ? null : `backend exited with code ${exitCode}: ${output.trim().slice(-500)}`
    return { url, dataDir, stop, death }
  } catch (error) {
    await stop()
    throw error
  }
}

/** Runs `fn` against a fresh backend and always stops it afterwards. */
export async function withBackend<T>(
  fn: (backend: BenchBackend) => Promise<T>,
  options: BackendOptions = {},
): Promise<T> {
  const backend = await startBackend(options)
  try {
    return await fn(backend)
  } catch (error) {
    const death = backend.death()
    throw death ? new Error(`${error instanceof Error ? error.message : String(error)} (${death})`) : error
  } finally {
    await backend.stop()
  }
}
