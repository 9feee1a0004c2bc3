import { describe, expect, it, vi } from 'vitest'
import { createActor, fromPromise, SimulatedClock } from 'xstate'
import { SYNC_INTERVAL_MS, syncMachine } from '../../kiosk/src/machines/syncMachine'
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, fullJitterDelay } from '../../kiosk/src/sync/backoff'

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('full-jitter backoff', () => {
  it('stays within [0, min(cap, base × 2^attempt))', () => {
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt)
      expect(fullJitterDelay(attempt, () => 0)).toBe(0)
      expect(fullJitterDelay(attempt, () => 0.999999)).toBe(Math.floor(0.999999 * ceiling))
      expect(fullJitterDelay(attempt, () => 0.5)).toBe(Math.floor(0.5 * ceiling))
    }
  })

  it('is capped at 5 minutes however many attempts failed', () => {
    expect(BACKOFF_CAP_MS).toBe(300_000)
    expect(fullJitterDelay(9, () => 0.999999)).toBeLessThan(300_000)
    expect(fullJitterDelay(9, () => 0.999999)).toBeGreaterThan(299_000)
    expect(fullJitterDelay(1000, () => 0.999999)).toBeLessThan(300_000)
  })
})

/** The machine with counting fake actors and a simulated clock. */
function harness(runResults: Array<'ok' | 'fail'>) {
  const calls = { runSync: 0, heartbeat: 0, catalog: 0 }
  const machine = syncMachine.provide({
    actors: {
      runSync: fromPromise(async () => {
        const result = runResults[calls.runSync] ?? 'ok'
        calls.runSync += 1
        if (result === 'fail') throw new Error('network')
      }),
      sendHeartbeat: fromPromise(async () => {
        calls.heartbeat += 1
      }),
      refreshCatalog: fromPromise(async () => {
        calls.catalog += 1
      }),
    },
  })
  const clock = new SimulatedClock()
  const actor = createActor(machine, { clock })
  return { actor, clock, calls }
}

describe('sync machine', () => {
  it('runs, heartbeats and refreshes the catalog at page start, then runs again on the tick delay', async () => {
    const { actor, clock, calls } = harness([])
    actor.start()
    await flush()
    expect(calls).toEqual({ runSync: 1, heartbeat: 1, catalog: 1 })
    expect(actor.getSnapshot().value).toMatchObject({ outbox: 'idle' })
    clock.increment(SYNC_INTERVAL_MS - 1)
    await flush()
    expect(calls.runSync).toBe(1)
    clock.increment(1)
    await flush()
    expect(calls.runSync).toBe(2)
    actor.stop()
  })

  it('backs off with full jitter after failures, growing the window, and resets after success', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const { actor, clock, calls } = harness(['fail', 'fail', 'fail', 'ok'])
    actor.start()
    await flush()
    expect(actor.getSnapshot().value).toMatchObject({ outbox: 'backoff' })
    expect(actor.getSnapshot().context.failures).toBe(1)
    // failures = 1 → window 2 s → delay floor(0.999 × 2000) = 1998 ms.
    clock.increment(1997)
    await flush()
    expect(calls.runSync).toBe(1)
    clock.increment(1)
    await flush()
    expect(calls.runSync).toBe(2)
    // failures = 2 → window 4 s.
    clock.increment(3995)
    await flush()
    expect(calls.runSync).toBe(2)
    clock.increment(1)
    await flush()
    expect(calls.runSync).toBe(3)
    clock.increment(7992)
    await flush()
    expect(calls.runSync).toBe(4)
    expect(actor.getSnapshot().context.failures).toBe(0)
    expect(actor.getSnapshot().value).toMatchObject({ outbox: 'idle' })
    random.mockRestore()
    actor.stop()
  })

  it('waits at most the 5-minute cap even after many failures', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.999999)
    const { actor, clock, calls } = harness(Array(30).fill('fail'))
    actor.start()
    await flush()
    for (let i = 0; i < 25; i += 1) {
      clock.increment(BACKOFF_CAP_MS)
      await flush()
    }
    expect(calls.runSync).toBe(26)
    expect(actor.getSnapshot().context.failures).toBe(26)
    random.mockRestore()
    actor.stop()
  })

  it('tries at once when the network returns or a record is enqueued during backoff', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999)
    const { actor, calls } = harness(['fail', 'fail', 'ok'])
    actor.start()
    await flush()
    expect(calls.runSync).toBe(1)
    actor.send({ type: 'sync.online' })
    await flush()
    expect(calls.runSync).toBe(2)
    actor.send({ type: 'sync.enqueued' })
    await flush()
    expect(calls.runSync).toBe(3)
    expect(actor.getSnapshot().value).toMatchObject({ outbox: 'idle' })
    vi.restoreAllMocks()
    actor.stop()
  })

  it('runs again right after a run during which a record was enqueued', async () => {
    let release: () => void = () => undefined
    let runs = 0
    const machine = syncMachine.provide({
      actors: {
        runSync: fromPromise(async () => {
          runs += 1
          if (runs === 1) await new Promise<void>((resolve) => (release = resolve))
        }),
        sendHeartbeat: fromPromise<void>(async () => {}),
        refreshCatalog: fromPromise<void>(async () => {}),
      },
    })
    const actor = createActor(machine, { clock: new SimulatedClock() }).start()
    await flush()
    actor.send({ type: 'sync.enqueued' })
    release()
    await flush()
    await flush()
    expect(runs).toBe(2)
    actor.stop()
  })

  it('tries again at once when the network returns while a run is failing, instead of backing off', async () => {
    let fail: (error: Error) => void = () => undefined
    let runs = 0
    const machine = syncMachine.provide({
      actors: {
        runSync: fromPromise(async () => {
          runs += 1
          if (runs === 1) await new Promise<void>((_, reject) => (fail = reject))
        }),
        sendHeartbeat: fromPromise<void>(async () => {}),
        refreshCatalog: fromPromise<void>(async () => {}),
      },
    })
    const actor = createActor(machine, { clock: new SimulatedClock() }).start()
    await flush()
    actor.send({ type: 'sync.online' })
    fail(new Error('timeout'))
    await flush()
    await flush()
    // No simulated time passed: the second run was not a backoff timer.
    expect(runs).toBe(2)
    expect(actor.getSnapshot().context.failures).toBe(0)
    expect(actor.getSnapshot().value).toMatchObject({ outbox: 'idle' })
    actor.stop()
  })
})
