/**
 * The fleet's province profile at a small size (issue #15 item 6): 300 village terminals over 2 backend processes
 * the fleet starts on the test PostgreSQL, phases shortened by flags. The run reports every phase's figures with
 * 0 errors; the database, read here directly, holds every record once and every reference once; and a second
 * run only replays (deterministic keys). The pure parts: the 21 cities, the district's rate, the CPU reading.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isTerminalDivision, withinDivision } from '../../mock-backend/src/contract/divisions'
import { GUANGDONG_DIVISIONS } from '../../mock-backend/src/divisions/guangdong'
import { GUANGDONG_COUNTIES } from '../../mock-backend/src/divisions/guangdongCounties'
import { cpuTicks } from '../../mock-backend/src/fleet/cpu'
import { provinceTerminalId } from '../../mock-backend/src/fleet/province/enrol'
import {
  PROVINCE_CITIES,
  provinceSites,
  TRANSACTIONS_PER_TERMINAL_DAY,
} from '../../mock-backend/src/fleet/province/profile'
import type { PhaseSummary } from '../../mock-backend/src/fleet/province/report'
import { runProvinceFleet } from '../fixtures/node/backend/fleetProcess'
import { createTestDatabase, type TestDatabase } from '../fixtures/node/backend/postgres'
import { ADMIN_PASSWORD, OPS_PASSWORD } from '../fixtures/node/backend/server'

const TERMINALS = 300
/** Shortened phases: a 2-second peak, and the closed loop sends the first day's rest only. */
const FLAGS = [
  ...['--terminals', `${TERMINALS}`, '--nodes', '2'],
  ...['--peak-seconds', '2', '--closed-days', '0', '--closed-seconds', '60'],
]
const PHASES = ['morning peak', 'reconnect storm', 'closed-loop maximum']

type Phase = PhaseSummary

let database: TestDatabase
let dataDir: string

/** Runs the fleet on the test database, with the shortened phases. */
const fleet = () =>
  runProvinceFleet(FLAGS, {
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    ADMIN_PASSWORD,
    OPS_PASSWORD,
  })

beforeAll(async () => {
  database = await createTestDatabase('kiosk_fleet')
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-'))
})

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true })
  await database?.drop()
})

describe('the province profile', () => {
  it('spreads the terminals evenly over the 21 cities, at the district report’s rate per terminal', () => {
    expect(PROVINCE_CITIES).toHaveLength(21)
    const sites = provinceSites(2_000)
    expect(sites).toHaveLength(2_000)
    const perCity = PROVINCE_CITIES.map((c) => sites.filter((s) => s.name.startsWith(`${c}市`)).length)
    expect(Math.max(...perCity) - Math.min(...perCity)).toBeLessThanOrEqual(1)
    expect(new Set(sites.map((s) => s.name)).size).toBe(2_000)
    // 113,212 transactions ÷ 85 terminals ÷ 365 days.
    expect(TRANSACTIONS_PER_TERMINAL_DAY).toBeCloseTo(113_212 / 85 / 365, 10)
    expect(provinceTerminalId(0)).toBe('T-GD-00001')
  })

  it('stands each city’s terminals evenly in its districts and counties (东莞 and 中山 in the city itself)', () => {
    expect(GUANGDONG_COUNTIES).toHaveLength(122)
    expect(new Set(GUANGDONG_COUNTIES.map((d) => d.code)).size).toBe(122)
    for (const county of GUANGDONG_COUNTIES) expect(isTerminalDivision(county.code), county.code).toBe(true)
    const sites = provinceSites(2_000)
    const used = new Map<string, number>()
    for (const site of sites) used.set(site.districtCode!, (used.get(site.districtCode!) ?? 0) + 1)
    // Every county-level division gets terminals, and so do the two cities without districts.
    expect([...used.keys()].sort()).toEqual(
      [...GUANGDONG_COUNTIES.map((d) => d.code), '441900', '442000'].sort(),
    )
    for (const city of PROVINCE_CITIES) {
      const inCity = sites.filter((s) => s.name.startsWith(`${city}市`))
      const counts = [...new Set(inCity.map((s) => s.districtCode!))].map((code) => used.get(code)!)
      expect(Math.max(...counts) - Math.min(...counts), city).toBeLessThanOrEqual(1)
      const cityCode = GUANGDONG_DIVISIONS.find((d) => d.nameZh === `${city}市`)!.code
      for (const site of inCity) expect(withinDivision(cityCode, site.districtCode!), site.name).toBe(true)
    }
    const tianhe = sites.find((s) => s.districtCode === '440106')
    expect(tianhe?.location).toMatch(/^广州市天河区 第\d{4}村 党群服务中心$/)
  })

  it('reads a process’s CPU ticks from /proc, and none for a process that is not there', () => {
    expect(cpuTicks(process.pid)).toBeGreaterThan(0)
    expect(cpuTicks(2 ** 30)).toBeNull()
  })

  it('300 terminals on 2 nodes: every phase reported with 0 errors, every record and reference stored once; a second run only replays', async () => {
    const first = await fleet()
    expect(first.code, first.output.slice(-2000)).toBe(0)
    const { report } = first
    expect([report.terminals, report.nodes]).toEqual([TERMINALS, 2])
    expect(report.phases.map((p) => p.name)).toEqual(PHASES)
    for (const phase of report.phases) {
      expect(phase.tally.errors, phase.name).toBe(0)
      expect(phase.unsent, phase.name).toBe(0)
      expect(phase.wallMs).toBeGreaterThan(0)
      expect(phase.tally.heartbeats, phase.name).toBeGreaterThan(0)
      expect(phase.cpu.map((c) => c.name)).toEqual(['fleet', 'node 1', 'node 2'])
      for (const c of phase.cpu) expect(c.share).toBeGreaterThanOrEqual(0)
      expect(phase.p99).toBeGreaterThanOrEqual(phase.p50)
    }
    const [peak, storm, closed] = report.phases as [Phase, Phase, Phase]
    // 300 terminals heartbeat once a minute each; the peak's transactions are far fewer than its heartbeats.
    expect(peak.offeredHeartbeatsPerSecond).toBe(5)
    expect(peak.offeredTxPerSecond).toBeLessThan(1)
    expect(storm.tally.heartbeats).toBe(TERMINALS)
    expect(storm.tally.sent).toBeGreaterThan(0)
    expect(closed.tally.sent).toBeGreaterThan(storm.tally.sent)
    const sent = report.phases.reduce((a, p) => a + p.tally.sent, 0)
    expect(sent).toBe(report.generated)
    expect(report.phases.reduce((a, p) => a + p.tally.stored, 0)).toBe(sent)
    expect(report.check).toEqual({
      checked: sent,
      missing: 0,
      extraRows: 0,
      references: sent,
      duplicateReferences: 0,
    })

    // Read here, not through the fleet: every record once, every reference once, on the province's terminals only.
    const sql = postgres(database.url, { max: 1, onnotice: () => {} })
    try {
      const [rows] = await sql<{ n: number; keys: number; refs: number; terminals: number }[]>`
        SELECT count(*)::int AS n, count(DISTINCT key)::int AS keys, count(DISTINCT reference)::int AS refs,
          count(DISTINCT terminal_id)::int AS terminals
        FROM transactions WHERE terminal_id LIKE 'T-GD-%'`
      expect(rows!.n).toBe(sent)
      expect(rows!.keys).toBe(sent)
      expect(rows!.refs).toBe(sent)
      expect(rows!.terminals).toBeLessThanOrEqual(TERMINALS)
      // The terminals stand in the districts their sites name, and each record carries its terminal's district.
      const sites = provinceSites(TERMINALS)
      const stood = await sql<{ id: string; district_code: string }[]>`
        SELECT id, district_code FROM terminals WHERE id LIKE 'T-GD-%' ORDER BY id`
      expect(stood.map((t) => t.district_code)).toEqual(sites.map((s) => s.districtCode))
      const [mismatched] = await sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM transactions x JOIN terminals t ON t.id = x.terminal_id
        WHERE x.terminal_id LIKE 'T-GD-%' AND x.district_code <> t.district_code`
      expect(mismatched!.n).toBe(0)

      const second = await fleet()
      expect(second.code, second.output.slice(-2000)).toBe(0)
      const again = second.report.phases
      expect(again.reduce((a, p) => a + p.tally.stored, 0)).toBe(0)
      expect(again.reduce((a, p) => a + p.tally.replayed, 0)).toBe(sent)
      const [after] = await sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM transactions WHERE terminal_id LIKE 'T-GD-%'`
      expect(after!.n).toBe(sent)
    } finally {
      await sql.end()
    }
  }, 120_000)
})
