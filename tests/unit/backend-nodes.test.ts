/**
 * Two backend nodes on one PostgreSQL behind a round-robin proxy (issue #15 item 3): nothing one process keeps
 * breaks when consecutive requests land on different nodes. Both real processes share DATABASE_URL and one
 * FINGERPRINT_KEY (each has its own DATA_DIR, which then holds nothing). Sessions, limiter counts, catalog
 * versions, ratings and lookups, and the fault switches hold across nodes; a node killed with SIGKILL in the
 * middle of a terminal's batches loses nothing and stores nothing twice; the retention purge runs once.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import postgres, { type Sql } from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../fixtures/node/backend/postgres'
import { type RoundRobinProxy, startRoundRobinProxy } from '../fixtures/node/backend/roundRobinProxy'
import type { ApiAnswer, SpawnedBackend } from '../fixtures/node/backend/server'
import * as backend from '../fixtures/node/backend/server'

const ID = '44160019900101123X'
/** The day the kill test's records are made on, apart from the other tests' records. */
const BATCH_DAY = '2026-11-20'

let database: TestDatabase
let sql: Sql
/** One key for every node: each keyed hash and sealed answer must read the same on all of them. */
const FINGERPRINT_KEY = randomBytes(32).toString('base64url')
let nodes: SpawnedBackend[] = []
let proxy: RoundRobinProxy

const nodeEnv = () => ({
  DATABASE_URL: database.url,
  FINGERPRINT_KEY,
  FAULTS: 'on',
  CASE_REFUSE_RATE: '0',
})

beforeAll(async () => {
  database = await createTestDatabase('kiosk_nodes')
  sql = postgres(database.url, { max: 2, onnotice: () => {} })
  // Started at once on an empty database: one binds the key and seeds, the other waits, then finds it done.
  const started = await Promise.allSettled([
    backend.spawnBackend({ env: nodeEnv() }),
    backend.spawnBackend({ env: nodeEnv() }),
  ])
  nodes = started.flatMap((node) => (node.status === 'fulfilled' ? [node.value] : []))
  // A node that did not start fails the suite; the one that did is stopped by afterAll, not left running.
  const failed = started.find((node) => node.status === 'rejected')
  if (failed) throw failed.reason
  proxy = await startRoundRobinProxy(nodes.map((n) => n.url))
}, 90_000)

afterAll(async () => {
  await proxy?.close()
  for (const node of nodes) {
    await node.stop()
    node.cleanup()
  }
  await sql?.end()
  await database?.drop()
})

/** node A and node B. */
const A = () => nodes[0]!.url
const B = () => nodes[1]!.url

describe('two nodes on one PostgreSQL', () => {
  it('the retention purge ran once for both starts', async () => {
    expect(await sql`SELECT job, runs::int AS runs FROM job_runs`).toEqual([{ job: 'retention', runs: 1 }])
    // Seeded once: one catalog version, one admin.
    expect(await sql`SELECT count(*)::int AS n FROM catalog_versions`).toEqual([{ n: 1 }])
  })

  it('a session made on one node works on the other, and a logout on either ends it on both', async () => {
    const admin = await backend.login(A(), 'admin', backend.ADMIN_PASSWORD)
    expect((await backend.call(B(), 'GET', '/api/admin/terminals', { token: admin.token })).status).toBe(200)
    const out = await backend.call(B(), 'POST', '/api/auth/logout', {
      token: admin.token,
      headers: { 'x-csrf-token': admin.csrfToken },
    })
    expect(out.status).toBeLessThan(300)
    expect((await backend.call(A(), 'GET', '/api/admin/terminals', { token: admin.token })).status).toBe(401)
  })

  it('login limits add up across nodes: the 6th wrong password is refused whichever node gets it', async () => {
    const attempt = (url: string) =>
      backend.call(url, 'POST', '/api/auth/login', {
        body: { username: 'mallory', password: 'not the password' },
      })
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await attempt(i % 2 === 0 ? A() : B())).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401])
    const sixth = await attempt(B())
    expect(sixth.status).toBe(429)
    expect(sixth.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await attempt(A())).status).toBe(429)
  }, 60_000)

  it('a catalog version published on one node is served and accepted by the other at its next request', async () => {
    const admin = (await backend.login(A(), 'admin', backend.ADMIN_PASSWORD)).token
    const terminal = await backend.demoToken(A())
    // Node B has read (and cached) version 1 before the publish.
    expect((await backend.call(B(), 'GET', '/api/terminal/catalog', { token: terminal })).body.version).toBe(
      1,
    )
    const rolled = await backend.call(A(), 'POST', '/api/admin/catalog/rollback', {
      token: admin,
      body: { version: 1 },
    })
    expect(rolled.status).toBeLessThan(300)
    expect((await backend.call(B(), 'GET', '/api/terminal/catalog', { token: terminal })).body.version).toBe(
      2,
    )
    const after = await backend.call(B(), 'POST', '/api/terminal/transactions', {
      token: terminal,
      body: { records: [backend.record({ catalogVersion: 2 })] },
    })
    expect(after.body.outcomes[0].status).toBe('ok')
  })

  it('a district’s items published on one node are served and accepted by the other at its next request', async () => {
    const admin = (await backend.login(A(), 'admin', backend.ADMIN_PASSWORD)).token
    const created = await backend.call(A(), 'POST', '/api/admin/accounts', {
      token: admin,
      body: { username: 'yuancheng-admin', role: 'admin', orgCode: '441602' },
    })
    const district = (await backend.login(A(), 'yuancheng-admin', created.body.password)).token
    const terminal = await backend.demoToken(A())
    const codesOnB = async () =>
      (
        (await backend.call(B(), 'GET', '/api/terminal/catalog', { token: terminal })).body.items as {
          code: string
        }[]
      )
        .map((i) => i.code)
        .sort()
    // Node B has read (and cached) the demo district's plain province catalog before the publish.
    const before = await codesOnB()
    expect(before).toContain('HRSS-P-0002')
    const additions = readFileSync(join(backend.ROOT, 'tests/fixtures/catalog/overlay/additions.csv'))
    const publish = (body: unknown) =>
      backend.call(A(), 'POST', '/api/admin/district-catalog/publish', { token: district, body })
    const published = await publish({
      file: { name: 'additions.csv', base64: additions.toString('base64') },
      withdrawals: ['HRSS-P-0002'],
    })
    expect(published.status).toBe(200)
    expect(await codesOnB()).toEqual([...before.filter((c) => c !== 'HRSS-P-0002'), 'YC-MZ-0001'].sort())
    const added = await backend.call(B(), 'POST', '/api/terminal/transactions', {
      token: terminal,
      body: { records: [backend.record({ itemCode: 'YC-MZ-0001', catalogVersion: 2 })] },
    })
    expect(added.body.outcomes[0].status).toBe('ok')
    // Back to the plain province catalog for the tests below.
    expect((await publish({ file: null, withdrawals: [] })).status).toBe(200)
    expect(await codesOnB()).toEqual(before)
  })

  it('a case stored on one node is looked up on the other and rated on the first; its follow-up seen on both', async () => {
    const terminal = await backend.demoToken(B())
    const sent = await backend.call(A(), 'POST', '/api/terminal/transactions', {
      token: terminal,
      body: {
        records: [
          backend.record({
            itemCode: 'POL-APPLY-0001',
            subject: { idNumber: ID, name: '张三' },
            fields: { phone: '13800138000' },
          }),
        ],
      },
    })
    expect(sent.body.outcomes[0].status).toBe('ok')
    const reference = sent.body.outcomes[0].result.reference as string
    const lookup = await backend.call(B(), 'POST', '/api/terminal/cases/lookup', {
      token: terminal,
      body: { idNumber: ID },
    })
    expect(lookup.status).toBe(200)
    expect(JSON.stringify(lookup.body)).toContain(reference)
    const rating = { caseNumber: reference, level: 1, key: crypto.randomUUID() }
    const rated = await backend.call(A(), 'POST', '/api/terminal/ratings', { token: terminal, body: rating })
    expect(rated.status).toBe(201)
    // The terminal's retry (its answer lost) lands on the other node: the stored rating, replayed.
    const retried = await backend.call(B(), 'POST', '/api/terminal/ratings', {
      token: terminal,
      body: rating,
    })
    expect([retried.status, retried.body.replayed]).toEqual([200, true])
    // Another rating of the same case, on either node: one rating per case.
    const other = { ...rating, level: 5, key: crypto.randomUUID() }
    expect(
      (await backend.call(B(), 'POST', '/api/terminal/ratings', { token: terminal, body: other })).status,
    ).toBe(404)
    const ops = (await backend.login(B(), 'ops', backend.OPS_PASSWORD)).token
    const followUps = (url: string) =>
      backend.call(url, 'GET', '/api/ops/supervision/follow-ups', { token: ops })
    expect((await followUps(A())).body.rows).toHaveLength(1)
    expect((await followUps(B())).body.rows).toHaveLength(1)
  })

  it('the fault switches set on one node hold on the other: N failed batches in all, one department setting', async () => {
    const admin = (await backend.login(A(), 'admin', backend.ADMIN_PASSWORD)).token
    const terminal = await backend.demoToken(A())
    const set = await backend.call(A(), 'PUT', '/api/admin/faults/ingest', {
      token: admin,
      body: { failNext: 2, status: 503 },
    })
    expect(set.body).toMatchObject({ failNext: 2, status: 503 })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      const answer = await backend.call(i % 2 === 0 ? B() : A(), 'POST', '/api/terminal/transactions', {
        token: terminal,
        body: { records: [backend.record()] },
      })
      statuses.push(answer.status)
    }
    expect(statuses).toEqual([503, 503, 200, 200])
    expect((await backend.call(B(), 'GET', '/api/admin/faults/ingest', { token: admin })).body).toMatchObject(
      {
        failNext: 0,
        injected: 2,
      },
    )

    const outage = { latencyMs: 0, failureRate: 0, outage: true }
    await backend.call(B(), 'PUT', '/api/admin/departments/faults', {
      token: admin,
      body: { departments: { police: outage } },
    })
    expect(
      (await backend.call(A(), 'GET', '/api/admin/departments/faults', { token: admin })).body.departments
        .police,
    ).toEqual(outage)
    await backend.call(A(), 'PUT', '/api/admin/departments/faults', {
      token: admin,
      body: { departments: {} },
    })
    expect(
      (await backend.call(B(), 'GET', '/api/admin/departments/faults', { token: admin })).body.departments
        .police.outage,
    ).toBe(false)
  })

  it('the clock set on one node is the time of the other at its very next request, and back to real time', async () => {
    const admin = (await backend.login(A(), 'admin', backend.ADMIN_PASSWORD)).token
    /** The node's own time, as its clock route answers it after the request's start. */
    const serverTime = async (url: string) => {
      const clock = await backend.call(url, 'GET', '/api/admin/faults/clock', { token: admin })
      expect(clock.status).toBe(200)
      return Date.parse(clock.body.now as string)
    }
    const at = Date.parse('2023-03-01T20:00:00+08:00')
    const set = await backend.call(A(), 'PUT', '/api/admin/faults/clock', {
      token: admin,
      body: { at: '2023-03-01T20:00:00+08:00' },
    })
    expect(set.status).toBe(200)
    // No wait for the notice: node B reads the shared offset before answering.
    for (const url of [B(), A()]) {
      const now = await serverTime(url)
      expect(now).toBeGreaterThanOrEqual(at)
      expect(now).toBeLessThan(at + 60_000)
    }
    // Staff sessions hold on the moved clock; real time again, set on the other node.
    const back = await backend.call(B(), 'PUT', '/api/admin/faults/clock', {
      token: admin,
      body: { offsetMs: 0 },
    })
    expect(back.status).toBe(200)
    for (const url of [A(), B()]) expect(Math.abs((await serverTime(url)) - Date.now())).toBeLessThan(5_000)
  })

  it('a node killed with SIGKILL in the middle of batches: every record stored once, every count right', async () => {
    const terminal = await backend.demoToken(A())
    const BATCHES = 24
    const PER_BATCH = 25
    const batches = Array.from({ length: BATCHES }, () =>
      Array.from({ length: PER_BATCH }, () => backend.record({ createdAt: `${BATCH_DAY}T10:00:00+08:00` })),
    )
    /** A terminal's sync: the same batch again on a failed or lost answer, with the same keys. */
    const deliver = async (records: Record<string, unknown>[]): Promise<ApiAnswer> => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const answer = await backend
          .call(proxy.url, 'POST', '/api/terminal/transactions', {
            token: terminal,
            body: { records },
          })
          .catch(() => undefined)
        if (answer?.status === 200) return answer
        await new Promise((r) => setTimeout(r, 50))
      }
      throw new Error('a batch was never accepted')
    }
    const victim = nodes[1]!
    let delivered = 0
    let killedWithInFlight = 0
    // Two terminals' worth of batches in parallel through the proxy; after a third of them, node B is killed at
    // a moment it has a batch in hand (stored or not: the retry on node A must store it exactly once either way).
    const killer = (async () => {
      while (delivered < BATCHES / 3) await new Promise((r) => setTimeout(r, 2))
      while (proxy.inFlight[1] === 0 && delivered < BATCHES) await new Promise((r) => setImmediate(r))
      killedWithInFlight = proxy.inFlight[1]!
      victim.proc.kill('SIGKILL')
    })()
    const lanes = [0, 1].map(async (lane) => {
      for (let i = lane; i < BATCHES; i += 2) {
        const answer = await deliver(batches[i]!)
        expect(answer.body.outcomes.map((o: { status: string }) => o.status)).toEqual(
          Array(PER_BATCH).fill('ok'),
        )
        delivered += 1
      }
    })
    await Promise.all([...lanes, killer])
    expect(killedWithInFlight).toBeGreaterThan(0)
    expect(proxy.answered[1]).toBeGreaterThan(0)
    await victim.stop()
    expect(victim.proc.signalCode).toBe('SIGKILL')

    const keys = batches.flat().map((r) => r.key as string)
    const [stored] = await sql<{ n: number; distinct: number }[]>`
      SELECT count(*)::int AS n, count(DISTINCT key)::int AS distinct FROM transactions WHERE key = ANY(${keys})`
    expect(stored).toEqual({ n: BATCHES * PER_BATCH, distinct: BATCHES * PER_BATCH })

    // A fresh node takes the dead one's place; both answer the day's counts from the shared rollups.
    nodes[1] = await backend.spawnBackend({ env: nodeEnv() })
    victim.cleanup()
    const ops = (await backend.login(A(), 'ops', backend.OPS_PASSWORD)).token
    for (const url of [A(), B()]) {
      const counts = await backend.call(
        url,
        'GET',
        `/api/ops/daily-counts?from=${BATCH_DAY}&to=${BATCH_DAY}&by=department`,
        {
          token: ops,
        },
      )
      expect(counts.status).toBe(200)
      expect(counts.body.totals.transactions).toBe(BATCHES * PER_BATCH)
    }
    // The restart did not run the purge again (it ran less than half an interval ago).
    expect(await sql`SELECT runs::int AS runs FROM job_runs WHERE job = 'retention'`).toEqual([{ runs: 1 }])
  }, 120_000)
})
