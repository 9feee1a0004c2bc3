/**
 * NodeCoordination (mock-backend/src/nodes/): what several backend nodes on one PostgreSQL share. The same
 * semantics in one process (SQLite's in-memory one) and across two pools on one database (two nodes): a counter's
 * limit holds whichever node counts, a notice reaches every node, a job claim succeeds once per gap, a countdown
 * is taken exactly as many times as it was set.
 */
import type { Sql } from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgres } from '../../mock-backend/src/db/postgres/connect'
import { PostgresNodeCoordination } from '../../mock-backend/src/db/postgres/nodeCoordination'
import type { NodeCoordination } from '../../mock-backend/src/nodes/coordination'
import { InProcessNodes } from '../../mock-backend/src/nodes/inProcess'
import { NODE_TOPICS } from '../../mock-backend/src/nodes/topics'
import { createTestDatabase, type TestDatabase } from '../fixtures/node/backend/postgres'

let database: TestDatabase
const pools: Sql[] = []
/** Two nodes on the PostgreSQL database (two pools), and one in-process coordination seen as "both nodes". */
const setups: Record<'in-process' | 'postgres', () => [NodeCoordination, NodeCoordination]> = {
  'in-process': () => {
    const one = new InProcessNodes()
    return [one, one]
  },
  postgres: () => [new PostgresNodeCoordination(pools[0]!), new PostgresNodeCoordination(pools[1]!)],
}

beforeAll(async () => {
  database = await createTestDatabase()
  pools.push(await openPostgres(database.url, { max: 4 }), await openPostgres(database.url, { max: 4 }))
})
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()))
  await database.drop()
})

describe.each(Object.keys(setups) as (keyof typeof setups)[])('NodeCoordination (%s)', (kind) => {
  it('a counter admits `limit` attempts per key in the window, whichever node counts, and gives one back', async () => {
    const [a, b] = setups[kind]()
    let now = 1_000_000
    const clock = () => now
    const name = `test.limit.${kind}`
    const onA = a.counter(name, 5, 60_000, clock)
    const onB = b.counter(name, 5, 60_000, clock)
    for (let i = 0; i < 5; i++) expect(await (i % 2 === 0 ? onA : onB).take('10.0.0.1\u0000admin')).toBe(0)
    // The 6th, on either node, waits out the window of the oldest attempt.
    expect(await onB.take('10.0.0.1\u0000admin')).toBe(60)
    expect(await onA.take('10.0.0.1\u0000admin')).toBe(60)
    expect(await onA.count('10.0.0.1\u0000admin')).toBe(5)
    expect(await onA.take('another key')).toBe(0)
    await onB.release('10.0.0.1\u0000admin')
    expect(await onA.count('10.0.0.1\u0000admin')).toBe(4)
    expect(await onA.take('10.0.0.1\u0000admin')).toBe(0)
    now += 60_001
    expect(await onB.count('10.0.0.1\u0000admin')).toBe(0)
    expect(await onB.take('10.0.0.1\u0000admin')).toBe(0)
  })

  it('parallel takes on both nodes never admit more than the limit', async () => {
    const [a, b] = setups[kind]()
    const name = `test.parallel.${kind}`
    const counters = [a.counter(name, 5, 60_000, () => 5_000), b.counter(name, 5, 60_000, () => 5_000)]
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => counters[i % 2]!.take('k')))
    expect(waits.filter((w) => w === 0)).toHaveLength(5)
    expect(await counters[0]!.count('k')).toBe(5)
  })

  it('a notice reaches every node, the sender included', async () => {
    const [a, b] = setups[kind]()
    const seen: string[] = []
    let bothSeen!: () => void
    const both = new Promise<void>((done) => {
      bothSeen = done
    })
    const note = (who: string) => (payload: string) => {
      seen.push(`${who}:${payload}`)
      if (seen.length === 2) bothSeen()
    }
    await a.subscribe(NODE_TOPICS.counterReset, note('a'))
    await b.subscribe(NODE_TOPICS.counterReset, note('b'))
    await a.publish(NODE_TOPICS.counterReset, '2026-03-02')
    await both
    expect(seen.sort()).toEqual(['a:2026-03-02', 'b:2026-03-02'])
    await a.close()
    await b.close()
  })

  it('countdowns: taken once per unit across nodes, only under their tag, with the count of takes', async () => {
    const [a, b] = setups[kind]()
    const name = `test.countdown.${kind}`
    expect(await a.readCountdown(name)).toBeUndefined()
    expect(await a.setCountdown(name, 3, 'before', '{"status":503}')).toEqual({
      remaining: 3,
      taken: 0,
      tag: 'before',
      detail: '{"status":503}',
    })
    expect(await b.takeCountdown(name, 'after')).toBeUndefined()
    const takes = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).takeCountdown(name, 'before')),
    )
    expect(takes.filter(Boolean)).toHaveLength(3)
    expect(await b.readCountdown(name)).toEqual({
      remaining: 0,
      taken: 3,
      tag: 'before',
      detail: '{"status":503}',
    })
  })
})

describe('NodeCoordination job claims', () => {
  it('one process always runs its own timer', async () => {
    const one = new InProcessNodes()
    expect([await one.claimRun('retention', 1000), await one.claimRun('retention', 1000)]).toEqual([
      true,
      true,
    ])
  })

  it('on PostgreSQL exactly one of two nodes claiming at once runs the job, and again only after the gap', async () => {
    const [a, b] = setups.postgres()
    const claims = await Promise.all([a.claimRun('test-job', 3_600_000), b.claimRun('test-job', 3_600_000)])
    expect(claims.sort()).toEqual([false, true])
    expect(await a.claimRun('test-job', 3_600_000)).toBe(false)
    // A gap of 0 has passed already: the next claim runs it again, and the row counts both runs.
    expect(await b.claimRun('test-job', 0)).toBe(true)
    expect(await pools[0]!`SELECT runs FROM job_runs WHERE job = 'test-job'`).toEqual([{ runs: 2 }])
  })
})
