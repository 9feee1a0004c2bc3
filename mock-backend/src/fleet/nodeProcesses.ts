/**
 * The fleet's own backend nodes: N separate processes of the real backend (`mock-backend/src/main.ts`) on the
 * store the fleet's environment names, each on a free loopback port. Started at once (on an empty database one
 * node seeds, the others wait: NodeCoordination.runAlone), all in the same DATA_DIR so they share the fingerprint
 * key file, and killed with the fleet: on stop(), on exit and on SIGINT/SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { childEnvironment } from '../config'

/** Repository root: where `node --import tsx` resolves the backend's entry point. */
const ROOT = resolve(import.meta.dirname, '../../..')
const BACKEND_SCRIPT = 'mock-backend/src/main.ts'
/** A node that has not printed its banner by then failed to start. */
const START_TIMEOUT_MS = 90_000
/** After SIGTERM, a node gets this long to finish its requests before SIGKILL. */
const STOP_GRACE_MS = 10_000

/** One running node. */
export interface FleetNode {
  url: string
  pid: number
}

/** The nodes the fleet started, and the passwords a new database's first start generated (shown once). */
export class FleetNodes {
  private constructor(
    readonly nodes: readonly FleetNode[],
    readonly generated: readonly { username: string; password: string }[],
    private readonly children: readonly ChildProcess[],
    private readonly killAll: () => void,
    private readonly onSignal: (signal: NodeJS.Signals) => void,
  ) {}

  /** Starts `count` nodes with the fleet's environment plus `env`; throws with a node's output if one fails. */
  static async start(count: number, env: Readonly<Record<string, string>>): Promise<FleetNodes> {
    const children: ChildProcess[] = []
    const killAll = () => {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
    }
    const onSignal = (signal: NodeJS.Signals) => {
      killAll()
      process.exit(signal === 'SIGINT' ? 130 : 143)
    }
    process.once('exit', killAll)
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    const started = await Promise.allSettled(
      Array.from({ length: count }, () => {
        const child = spawn(process.execPath, ['--import', 'tsx', BACKEND_SCRIPT], {
          cwd: ROOT,
          env: childEnvironment({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }),
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        children.push(child)
        return banner(child)
      }),
    )
    const failed = started.find((s) => s.status === 'rejected')
    if (failed) {
      killAll()
      throw failed.reason
    }
    const banners = started.map((s) => (s as PromiseFulfilledResult<string>).value)
    const nodes = banners.map((text, i) => ({ url: urlOf(text), pid: children[i]!.pid! }))
    return new FleetNodes(nodes, banners.flatMap(generatedPasswords), children, killAll, onSignal)
  }

  /** The nodes' URLs, in start order. */
  get urls(): string[] {
    return this.nodes.map((n) => n.url)
  }

  /** SIGTERM to every node (in-flight requests finish), SIGKILL after STOP_GRACE_MS. */
  async stop(): Promise<void> {
    const exits = this.children.map((child) =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((done) => {
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
    )
    const timer = setTimeout(this.killAll, STOP_GRACE_MS)
    await Promise.all(exits)
    clearTimeout(timer)
    process.removeListener('exit', this.killAll)
    process.removeListener('SIGINT', this.onSignal)
    process.removeListener('SIGTERM', this.onSignal)
  }
}

/** The node's start banner (main.ts), once it names the data store (its last line); rejects on an early exit. */
function banner(child: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    let output = ''
    let read = false
    const timer = setTimeout(
      () => fail(new Error(`a node printed no banner in ${START_TIMEOUT_MS} ms:\n${output.slice(-1000)}`)),
      START_TIMEOUT_MS,
    )
    // The pipes are drained for the node's whole life (a full pipe would block it); only the banner is kept.
    const take = (chunk: Buffer) => {
      if (read) return
      output += chunk.toString()
      if (/Data: .*\n/.test(output)) {
        read = true
        clearTimeout(timer)
        done(output)
      }
    }
    child.stdout?.on('data', take)
    child.stderr?.on('data', take)
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`a node exited with code ${code} before listening:\n${output.slice(-1000)}`))
    })
  })
}

function urlOf(text: string): string {
  const match = /Kiosk:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(text)
  if (!match) throw new Error(`a node's banner names no URL:\n${text.slice(0, 500)}`)
  return match[1]!
}

/** The "generated passwords, shown ONCE" lines of a banner (only the node that seeded a new database has them). */
function generatedPasswords(text: string): { username: string; password: string }[] {
  const at = text.indexOf('shown ONCE:')
  if (at < 0) return []
  const found: { username: string; password: string }[] = []
  for (const line of text.slice(at).split('\n').slice(1)) {
    const match = /^ {4}(\w+): (\S+)$/.exec(line)
    if (!match) break
    found.push({ username: match[1]!, password: match[2]! })
  }
  return found
}
