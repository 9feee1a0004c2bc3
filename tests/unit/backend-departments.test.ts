import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { canonicalJson, payloadHash } from '../../mock-backend/src/canonical'
import { faultsFromEnv } from '../../mock-backend/src/config'
import { DepartmentResult, type TransactionRecord } from '../../mock-backend/src/contract'
import { nextWorkingDay } from '../../mock-backend/src/departments/answer'
import { maskIdNumber, maskName } from '../../mock-backend/src/departments/common'
import { seededRng } from '../../mock-backend/src/departments/prng'
import { DepartmentSimulator } from '../../mock-backend/src/departments/simulator'
import { csvCell, escapeFormula } from '../../mock-backend/src/reports/csv'
import { isCalendarDay, shanghaiDay } from '../../mock-backend/src/time'
import { Catalog } from '../../services-catalog/src/schema'

const catalog = Catalog.parse(JSON.parse(readFileSync('services-catalog/data/catalog.json', 'utf8')))
const ID = '44160019900101123X'

function recordFor(code: string, i: number, fields: Record<string, string>): TransactionRecord {
  const hex = i.toString(16).padStart(12, '0')
  return {
    key: `0190a0b0-0000-7000-8000-${hex}`,
    sessionId: `0190a0b0-0000-7000-9000-${hex}`,
    itemCode: code,
    catalogVersion: 1,
    createdAt: '2026-11-27T10:15:00+08:00',
    subject: { idNumber: ID, name: '张小明' },
    fields,
  }
}

const noWait = async () => {}

describe('simulated departments', () => {
  it('answers every item of the default catalog with a valid, kind-specific, deterministic result', async () => {
    const a = new DepartmentSimulator('seed-1', {}, noWait)
    const b = new DepartmentSimulator('seed-1', {}, noWait)
    const names = new Map(catalog.departments.map((d) => [d.code, d.name.zh]))
    let i = 0
    for (const item of catalog.items) {
      i += 1
      const fields = Object.fromEntries(
        item.fields.map((f) => [
          f.key,
          f.type === 'date'
            ? '2026-12-01'
            : f.type === 'amount'
              ? '120.50'
              : (f.options?.[0]?.value ?? '13800138000'),
        ]),
      )
      const req = {
        item,
        record: recordFor(item.code, i, fields),
        departmentName: names.get(item.department)!,
        day: '2026-11-27',
      }
      const answer = await a.submit(req)
      expect(answer.ok).toBe(true)
      if (!answer.ok) continue
      const result = DepartmentResult.parse(answer.result)
      expect(result.kind).toBe(item.kind)
      expect(result.reference).toMatch(/^(CX|DY|SB|YY|JF)20261127\d{5}$/)
      if (item.kind === '查询') expect(result.answer?.length).toBeGreaterThan(0)
      if (item.kind === '打印')
        expect(result.document?.url).toMatch(
          new RegExp(`^/api/documents/${result.reference}\\?k=[\\w-]{22}$`),
        )
      if (item.kind === '缴费') expect(result.payment?.amountFen).toBeGreaterThan(0)
      if (item.kind === '预约')
        expect(result.appointment?.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/)
      expect(JSON.stringify(result)).not.toContain(ID)
      expect(JSON.stringify(result)).not.toContain('张小明')
      const again = await b.submit(req)
      expect(again).toEqual(answer)
    }
    expect(i).toBeGreaterThanOrEqual(240)
  })

  it('uses the typed amount and date when the resident gave them', async () => {
    const sim = new DepartmentSimulator('s', {}, noWait)
    const pay = catalog.items.find((x) => x.kind === '缴费' && x.fields.some((f) => f.type === 'amount'))
    if (pay) {
      const key = pay.fields.find((f) => f.type === 'amount')!.key
      const r = await sim.submit({
        item: pay,
        record: recordFor(pay.code, 1, { [key]: '88.80' }),
        departmentName: 'x',
        day: '2026-11-27',
      })
      expect(r.ok && r.result.payment?.amountFen).toBe(8880)
    }
    const appt = { ...catalog.items[0]!, kind: '预约' as const, fields: [] }
    const r = await sim.submit({
      item: appt,
      record: recordFor(appt.code, 2, { when: '2026-12-03', slot: '14:30' }),
      departmentName: 'x',
      day: '2026-11-27',
    })
    expect(r.ok && r.result.appointment?.at).toBe('2026-12-03T14:30:00+08:00')
    expect(nextWorkingDay('2026-11-27')).toBe('2026-11-30')
  })

  it('applies outage, failure rate and timeouts per department', async () => {
    const item = { ...catalog.items.find((x) => x.department === 'tax')! }
    const sim = new DepartmentSimulator('s', { tax: { latencyMs: 0, failureRate: 0, outage: true } }, noWait)
    /** Submits the tax item as record `n` on 2026-11-27. */
    const submitTax = (to: DepartmentSimulator, n: number) =>
      to.submit({ item, record: recordFor(item.code, n, {}), departmentName: '税务', day: '2026-11-27' })
    expect(await submitTax(sim, 1)).toMatchObject({
      ok: false,
      code: 503,
    })
    sim.setFaults({ '*': { latencyMs: 0, failureRate: 1, outage: false } })
    expect((await submitTax(sim, 2)).ok).toBe(false)
    sim.setFaults({ tax: { latencyMs: 60_000, failureRate: 0, outage: false } })
    expect(await submitTax(sim, 3)).toMatchObject({
      ok: false,
      code: 504,
    })
    const half = new DepartmentSimulator(
      's',
      { '*': { latencyMs: 0, failureRate: 0.5, outage: false } },
      noWait,
    )
    let failed = 0
    for (let i = 0; i < 200; i++) {
      const r = await submitTax(half, 100 + i)
      if (!r.ok) failed += 1
    }
    expect(failed).toBeGreaterThan(60)
    expect(failed).toBeLessThan(140)
  })

  it('draw from a stream fixed by (seed, key): stored answers and re-drawn reference numbers stay reproducible', () => {
    const rng = seededRng('seed', 'key-1')
    expect([rng.next(), rng.int(1, 99_999), rng.pick(['a', 'b', 'c', 'd'])]).toEqual([
      0.3783375984057784,
      83489,
      'a',
    ])
    expect(seededRng('seed', 'key-2').next()).not.toBe(0.3783375984057784)
  })

  it('reads faults from the environment and names bad values', () => {
    expect(
      faultsFromEnv({ DEPT_FAULTS: '{"tax":{"outage":true}}', DEPT_LATENCY_MS: '200', DEPT_OUTAGE: 'land' }),
    ).toEqual({
      tax: { latencyMs: 0, failureRate: 0, outage: true },
      '*': { latencyMs: 200, failureRate: 0, outage: false },
      land: { latencyMs: 0, failureRate: 0, outage: true },
    })
    expect(faultsFromEnv({ DEPT_LATENCY_MS: 'tax:800, land:200', DEPT_FAILURE_RATE: '0.25' })).toEqual({
      tax: { latencyMs: 800, failureRate: 0, outage: false },
      land: { latencyMs: 200, failureRate: 0, outage: false },
      '*': { latencyMs: 0, failureRate: 0.25, outage: false },
    })
    expect(() => faultsFromEnv({ DEPT_LATENCY_MS: 'TAX:1' })).toThrow('department code')
    expect(() => faultsFromEnv({ DEPT_FAULTS: '{' })).toThrow('DEPT_FAULTS')
    expect(() => faultsFromEnv({ DEPT_FAILURE_RATE: '2' })).toThrow('DEPT_FAILURE_RATE')
  })
})

describe('backend helpers', () => {
  it('masks personal data', () => {
    expect(maskIdNumber('441600199001011234')).toBe('4416**********1234')
    expect(maskName('张小明')).toBe('张*明')
    expect(maskName('李四')).toBe('李*')
  })

  it('hashes canonical JSON regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"e":3,"f":2}]},"b":1}',
    )
    expect(payloadHash({ a: 1, b: 2 })).toBe(payloadHash({ b: 2, a: 1 }))
    expect(payloadHash({ a: 1 })).not.toBe(payloadHash({ a: 2 }))
  })

  it('computes Shanghai days across the UTC boundary', () => {
    expect(shanghaiDay('2026-01-01T23:30:00+08:00')).toBe('2026-01-01')
    expect(shanghaiDay('2026-01-01T16:30:00Z')).toBe('2026-01-02')
    expect(shanghaiDay('2026-01-01T15:59:59Z')).toBe('2026-01-01')
    expect(isCalendarDay('2026-02-29')).toBe(false)
    expect(isCalendarDay('2028-02-29')).toBe(true)
  })

  it('neutralises spreadsheet formulas and quotes CSV cells', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) expect(escapeFormula(s)).toBe(`'${s}`)
    expect(escapeFormula('社保')).toBe('社保')
    expect(csvCell('a,"b"')).toBe('"a,""b"""')
    expect(csvCell(null)).toBe('')
  })
})
