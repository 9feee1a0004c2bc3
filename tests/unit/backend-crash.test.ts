import { afterAll, describe, expect, it } from 'vitest'
import { call, demoToken, record, type SpawnedBackend, spawnBackend } from '../fixtures/node/backend/server'

let first: SpawnedBackend | undefined
let second: SpawnedBackend | undefined

afterAll(async () => {
  await second?.stop()
  second?.cleanup()
})

describe('crash safety', () => {
  it('keeps every acknowledged record after kill -9 in the middle of ingest', async () => {
    first = await spawnBackend()
    const url = first.url
    const token = await demoToken(url)
    const acknowledged = new Map<string, { record: Record<string, unknown>; reference: string }>()
    let stop = false
    let failures = 0

    const writer = async () => {
      while (!stop) {
        const records = Array.from({ length: 25 }, () => record({ itemCode: 'TAX-Q-0001' }))
        try {
          const res = await call(url, 'POST', '/api/terminal/transactions', { token, body: { records } })
          if (res.status !== 200) continue
          res.body.outcomes.forEach((o: { status: string; result: { reference: string } }, i: number) => {
            if (o.status === 'ok')
              acknowledged.set(records[i]!.key as string, {
                record: records[i]!,
                reference: o.result.reference,
              })
          })
        } catch {
          failures += 1
          return
        }
      }
    }
    const writers = Array.from({ length: 8 }, writer)
    while (acknowledged.size < 1500) await new Promise((r) => setTimeout(r, 5))
    first.proc.kill('SIGKILL')
    await first.stop()
    stop = true
    await Promise.all(writers)
    expect(failures).toBeGreaterThan(0)

    second = await spawnBackend({ dataDir: first.dataDir })
    const all = [...acknowledged.values()]
    for (let i = 0; i < all.length; i += 200) {
      const chunk = all.slice(i, i + 200)
      const res = await call(second.url, 'POST', '/api/terminal/transactions', {
        token,
        body: { records: chunk.map((a) => a.record) },
      })
      expect(res.status).toBe(200)
      res.body.outcomes.forEach(
        (o: { status: string; replayed: boolean; result: { reference: string } }, j: number) => {
          expect(o.status).toBe('ok')
          expect(o.replayed).toBe(true)
          expect(o.result.reference).toBe(chunk[j]!.reference)
        },
      )
    }
  }, 60_000)
})
