/**
 * A pseudo-terminal pair from socat: the driver opens one end as its serial port, a simulator the other, so the
 * reader's bytes cross a real tty (`socat -d -d pty,raw,echo=0 pty,raw,echo=0`).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** How long socat may take to create both ends. */
const PTY_READY_MS = 5000

/** The two ends and how to tear them down. */
export interface PtyPair {
  /** The end the agent's driver opens, as if it were /dev/ttyUSB0. */
  agentPath: string
  /** The end the simulator opens. */
  devicePath: string
  close(): Promise<void>
}

/**
 * Ends the socat a crashed agent left behind (its pid is in `pidFile`): a SIGKILLed parent cannot stop its child.
 * Only a process whose command line is one of ours is signalled.
 */
function endStaleSocat(pidFile: string) {
  let pid: number
  try {
    pid = Number(readFileSync(pidFile, 'utf8'))
  } catch {
    return
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    if (cmdline[0] !== 'socat' || !cmdline.some((arg) => arg.includes('/agent-pty-'))) return
    process.kill(pid, 'SIGTERM')
    const dir = /link=(.*)\/agent$/.exec(cmdline.find((arg) => arg.endsWith('/agent')) ?? '')?.[1]
    if (dir?.includes('/agent-pty-')) rmSync(dir, { recursive: true, force: true })
  } catch {
    // Gone already.
  }
}

/**
 * Starts socat and waits until both pty links exist. Needs socat (tests/system/ensure-packages.mjs socat).
 * `pidFile` records socat's pid so the next start can end it if this process dies without closing.
 */
export async function openPtyPair(pidFile?: string): Promise<PtyPair> {
  if (pidFile) endStaleSocat(pidFile)
  const dir = mkdtempSync(join(tmpdir(), 'agent-pty-'))
  const agentPath = join(dir, 'agent')
  const devicePath = join(dir, 'device')
  const child: ChildProcess = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${agentPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`socat could not start (${error.message}): install socat`)),
    )
    child.once('exit', (code) => reject(new Error(`socat exited with ${code}: ${stderr.trim().slice(-300)}`)))
  })
  const ready = (async () => {
    const deadline = Date.now() + PTY_READY_MS
    while (!(existsSync(agentPath) && existsSync(devicePath))) {
      if (Date.now() > deadline) throw new Error('socat did not create the pty pair in time')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })()
  await Promise.race([ready, failed])
  failed.catch(() => {})
  if (pidFile && child.pid) writeFileSync(pidFile, String(child.pid))
  return {
    agentPath,
    devicePath,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
      if (pidFile) rmSync(pidFile, { force: true })
    },
  }
}
