/**
 * The CPU share of processes over a phase: /proc/<pid>/stat's utime + stime (clock ticks) over the phase's wall
 * time, per core (1.0 = one core busy the whole phase). Linux only: elsewhere the shares are null.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** A process to measure: what the report calls it and its pid. */
export interface MeasuredProcess {
  name: string
  pid: number
}

/** One process's share of a phase. */
export interface CpuShare {
  name: string
  /** CPU seconds ÷ wall seconds (per core); null where /proc is not readable. */
  share: number | null
}

/** Clock ticks per second (`getconf CLK_TCK`; 100 on Linux when getconf is missing). */
export function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
    return Number.isInteger(n) && n > 0 ? n : 100
  } catch {
    return 100
  }
}

/** utime + stime of `pid` in clock ticks, or null. */
export function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // Fields 14 and 15 of stat(5); the slice starts at field 3.
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return null
  }
}

/** Starts measuring `processes` now; the answer gives each one's share since then. */
export function cpuMeter(processes: readonly MeasuredProcess[], ticksPerSecond: number): () => CpuShare[] {
  const started = performance.now()
  const before = processes.map((p) => cpuTicks(p.pid))
  return () => {
    const seconds = (performance.now() - started) / 1000
    return processes.map((p, i) => {
      const now = cpuTicks(p.pid)
      const then = before[i] ?? null
      return {
        name: p.name,
        share: now === null || then === null || seconds <= 0 ? null : (now - then) / ticksPerSecond / seconds,
      }
    })
  }
}
