/**
 * The two answers the backend writes by hand instead of with `c.json` (ingest splices stored result JSON;
 * daily counts are concatenated from the per-day cache) parsed against the contract: a real answer of a
 * running server must match the contract's shape exactly, with no missing, extra or mistyped field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  BatchAnswer,
  COLUMN_FIELDS,
  type DailyCountsAnswer,
  type DailyCountsColumnsAnswer,
} from '../../mock-backend/src/contract'
import {
  call,
  demoToken,
  login,
  OPS_PASSWORD,
  record,
  type SpawnedBackend,
  spawnBackend,
} from '../fixtures/node/backend/server'

const num = z.number()
const rate = z.number().nullable()
const Figures = z.strictObject({
  sessions: num,
  transactions: num,
  views: num,
  starts: num,
  completions: num,
  abandons: num,
  completionRate: rate,
  ratings: num,
  rating1: num,
  rating2: num,
  rating3: num,
  rating4: num,
  rating5: num,
  goodRate: rate,
})
const By = z.enum(['day', 'item', 'department', 'terminal', 'district'])
const Rows = z.strictObject({
  from: z.string(),
  to: z.string(),
  by: By,
  department: z.string().nullable(),
  rows: z.array(
    Figures.extend({
      day: z.string(),
      key: z.string(),
      label: z.string(),
      department: z.string().optional(),
    }),
  ),
  totals: Figures,
})
const Columns = z.strictObject({
  from: z.string(),
  to: z.string(),
  by: By,
  department: z.string().nullable(),
  layout: z.literal('columns'),
  fields: z.tuple(COLUMN_FIELDS.map((f) => z.literal(f)) as unknown as [z.ZodLiteral<string>]),
  keys: z.array(z.string()),
  labels: z.array(z.string()),
  departments: z.array(z.string()).optional(),
  days: z.array(z.tuple([z.string(), z.array(num)])),
  totals: Figures,
})

// The parsers above are the contract's types (checked by `tsc`).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const sameAsContract: [Equal<z.infer<typeof Rows>, DailyCountsAnswer>] = [true]
const columnsFit = (c: z.infer<typeof Columns>): DailyCountsColumnsAnswer => ({ ...c, fields: COLUMN_FIELDS })

let server: SpawnedBackend
let terminal: string
let ops: string

beforeAll(async () => {
  server = await spawnBackend()
  terminal = await demoToken(server.url)
  ops = (await login(server.url, 'ops', OPS_PASSWORD)).token
  // One delivered record, so every grouping of its day has a row.
  await call(server.url, 'POST', '/api/terminal/transactions', {
    token: terminal,
    body: { records: [record()] },
  })
}, 30_000)

afterAll(async () => {
  await server.stop()
  server.cleanup()
})

describe('hand-built answers against the contract', () => {
  it('the ingest answer is a BatchAnswer, outcome by outcome, with nothing extra', async () => {
    const ok = record()
    const unknown = record({ itemCode: 'NOPE-0001' })
    const res = await call(server.url, 'POST', '/api/terminal/transactions', {
      token: terminal,
      body: { records: [ok, unknown, ok] },
    })
    expect(res.status).toBe(200)
    const parsed = BatchAnswer.parse(res.body)
    expect(parsed).toEqual(res.body)
    expect(parsed.outcomes.map((o) => o.status)).toEqual(['ok', 'rejected', 'ok'])
  })

  it('daily counts in rows and columns layout, for every grouping, are exactly the contract shape', async () => {
    expect(sameAsContract).toEqual([true])
    // The day of the fixture records' createdAt.
    const day = String(record().createdAt).slice(0, 10)
    for (const by of By.options) {
      const query = `from=${day}&to=${day}&by=${by}`
      const rows = await call(server.url, 'GET', `/api/ops/daily-counts?${query}`, { token: ops })
      expect(rows.status, by).toBe(200)
      expect(rows.body.rows.length, by).toBeGreaterThan(0)
      expect(Rows.parse(rows.body), by).toEqual(rows.body)
      const columns = await call(server.url, 'GET', `/api/ops/daily-counts?${query}&layout=columns`, {
        token: ops,
      })
      expect(columns.status, by).toBe(200)
      expect(Columns.parse(columns.body), by).toEqual(columns.body)
      expect(columnsFit(columns.body).keys.length, by).toBeGreaterThan(0)
    }
  })
})
