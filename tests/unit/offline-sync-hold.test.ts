/**
 * Refusals that do not split a batch: 401/403 `terminal_revoked` holds the outbox until the terminal is
 * enrolled again, 409 `api_version` waits for an update; neither dead-letters nor drops a record, and
 * neither is hammered with retries. Other refusals (408, 429, 5xx, an unknown 401) keep backing off.
 */
import { describe, expect, it } from 'vitest'
import { createActor, fromPromise, SimulatedClock } from 'xstate'
import { OUTDATED_RECHECK_MS, syncHoldOf, syncMachine } from '../../kiosk/src/machines/syncMachine'
import { BackendError } from '../../kiosk/src/sync/backendClient'
import { BACKOFF_CAP_MS } from '../../kiosk/src/sync/backoff'
import { runSyncOnce } from '../../kiosk/src/sync/syncEngine'
import { queuedEntries } from '../fixtures/node/offline/queuedEntries'
import { fill, syncHarness } from '../fixtures/node/offline/syncHarness'

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))
const TX_PATH = '/api/terminal/transactions'

/** The machine whose runs fail with `errors` in turn (then succeed), on a simulated clock. */
function machineFailingWith(errors: Error[]) {
  const calls = { runSync: 0 }
  const machine = syncMachine.provide({
    actors: {
      runSync: fromPromise(async () => {
        const error = errors[calls.runSync]
        calls.runSync += 1
        if (error) throw error
      }),
      sendHeartbeat: fromPromise(async () => {}),
      refreshCatalog: fromPromise(async () => {}),
    },
  })
  const clock = new SimulatedClock()
  const actor = createActor(machine, { clock })
  const hold = () => syncHoldOf(actor.getSnapshot().value)
  return { actor, clock, calls, hold }
}

const refusal = (status: number, code: string) =>
  new BackendError('http', `POST ${TX_PATH}: HTTP ${status} ${code}`, status, code)

describe('refusals that hold the outbox', () => {
  it.each([401, 403])('%i terminal_revoked: stops sending until enrolled again', async (status) => {
    const { actor, clock, calls, hold } = machineFailingWith([refusal(status, 'terminal_revoked')])
    actor.start()
    await flush()
    expect(hold()).toBe('revoked')
    // No timer, no new record, no network event, no maintenance tick sends anything.
    clock.increment(24 * 3600_000)
    for (const type of ['sync.enqueued', 'sync.online', 'sync.tick'] as const) actor.send({ type })
    await flush()
    expect(calls.runSync).toBe(1)
    expect(hold()).toBe('revoked')
    actor.send({ type: 'sync.enrolled' })
    await flush()
    expect(calls.runSync).toBe(2)
    expect(hold()).toBeNull()
    expect(actor.getSnapshot().value).toMatchObject({ outbox: 'idle' })
    actor.stop()
  })

  it('409 api_version: waits for an update, looks again every 30 minutes or when maintenance asks', async () => {
    const outdated = refusal(409, 'api_version')
    const { actor, clock, calls, hold } = machineFailingWith([outdated, outdated, outdated])
    actor.start()
    await flush()
    expect(hold()).toBe('outdated')
    clock.increment(OUTDATED_RECHECK_MS - 1)
    actor.send({ type: 'sync.enqueued' })
    actor.send({ type: 'sync.online' })
    await flush()
    expect(calls.runSync).toBe(1)
    clock.increment(1)
    await flush()
    expect(calls.runSync).toBe(2)
    expect(hold()).toBe('outdated')
    actor.send({ type: 'sync.tick' })
    await flush()
    expect(calls.runSync).toBe(3)
    // The backend was rolled back: the next look succeeds and sending resumes.
    clock.increment(OUTDATED_RECHECK_MS)
    await flush()
    expect(calls.runSync).toBe(4)
    expect(hold()).toBeNull()
    actor.stop()
  })

  it.each([
    ['401 without terminal_revoked', refusal(401, 'unauthorised')],
    ['409 of another kind', refusal(409, 'conflict')],
    ['429', refusal(429, 'rate_limited')],
    ['503', refusal(503, 'storage_full')],
  ])('%s backs off and retries as before', async (_label, error) => {
    const { actor, clock, calls, hold } = machineFailingWith([error])
    actor.start()
    await flush()
    expect(hold()).toBeNull()
    expect(actor.getSnapshot().value).toMatchObject({ outbox: 'backoff' })
    clock.increment(BACKOFF_CAP_MS)
    await flush()
    expect(calls.runSync).toBe(2)
    actor.stop()
  })
})

describe('the engine never splits on these refusals', () => {
  it.each([
    [401, 'terminal_revoked'],
    [403, 'terminal_revoked'],
    [409, 'api_version'],
    [408, 'timeout'],
    [429, 'rate_limited'],
    [500, 'internal'],
  ])('%i %s: one request, every record kept pending, nothing dead-lettered', async (status, code) => {
    const { db, backend, deps } = await syncHarness()
    await fill(db, 6)
    backend.fail(status, 1, TX_PATH, code)
    await expect(runSyncOnce(deps)).rejects.toMatchObject({ status, code })
    expect(backend.requests.filter((r) => r.path === TX_PATH)).toHaveLength(1)
    const left = await queuedEntries(db)
    expect(left.map((e) => [e.state, e.attempts])).toEqual(Array.from({ length: 6 }, () => ['pending', 1]))
    expect(await db.count('deadLetters')).toBe(0)
  })
})
