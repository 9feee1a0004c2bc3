/**
 * Ops dashboard figure: a year of activity for 85 terminals × 240 items, the real backend process and real
 * Chromium; time from pressing 本年 until the headline figures and every breakdown table show that range.
 * The year is written beforehand with the backend's own store module (the API would take minutes).
 */
import { createHash, randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { chromium, type Page } from '@playwright/test'
import { hashSecret, newToken } from '../../mock-backend/src/auth/tokens'
import { openDatabase } from '../../mock-backend/src/db/open'
import { type CounterValue, type NewTransaction, Store } from '../../mock-backend/src/db/store'
import { daysBetween, shanghaiDay } from '../../mock-backend/src/time'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../fixtures/e2e'
import { BENCH_STAFF, makeDataDir, withBackend } from './backendProcess'
import { api, staffToken } from './benchApi'
import { loadDefaultCatalog } from './benchData'
import { ensureDist } from './chromium.bench'
import { atMost, type Figure, median, round } from './figures'

const TERMINALS = 85
const ITEMS = 240
const DAYS = 365
/** Items one terminal sees used per day (all 240 are touched over the year), as in backend.dailyCounts. */
const ITEMS_PER_DAY = 3
const TRANSACTIONS_PER_DAY = 3
const SAMPLES = 3
/** The page must show the range within this long, or the sample fails (not just misses the target). */
const RENDER_TIMEOUT_MS = 60_000

/** Small deterministic PRNG so the year looks the same in every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
}

/** Writes the year into DATA_DIR's SQLite file; returns how many transactions fall in [from, to]. */
export function writeYear(dataDir: string, days: string[], from: string, to: string): number {
  const items = loadDefaultCatalog()
    .items.filter((i) => i.status === '有效')
    .slice(0, ITEMS)
  if (items.length < ITEMS) throw new Error(`the default catalog has only ${items.length} active items`)
  const db = openDatabase(dataDir)
  const store = new Store(db)
  const random = prng(20_260_101)
  const now = new Date().toISOString()
  const resultJson = JSON.stringify({ reference: 'BENCH', kind: '查询' })
  let inRange = 0
  try {
    for (let t = 0; t < TERMINALS; t++) {
      const terminalId = `T-OPS-${String(t + 1).padStart(3, '0')}`
      store.insertTerminal({
        id: terminalId,
        name: `看板压测终端 ${t + 1}`,
        location: '镇街便民服务中心',
        groups: [],
        tokenHash: hashSecret(newToken()),
        codeHash: null,
        codeExpiresAt: null,
        now,
      })
      const counters: CounterValue[] = []
      const stored: NewTransaction[] = []
      for (const [d, day] of days.entries()) {
        counters.push({ day, itemCode: '', metric: 'sessions', value: 20 + Math.floor(random() * 30) })
        for (let k = 0; k < ITEMS_PER_DAY; k++) {
          const item = items[(t * 7 + d * 13 + k * 12) % ITEMS]!
          const completions = 1 + Math.floor(random() * 4)
          counters.push({ day, itemCode: item.code, metric: 'views', value: completions * 3 })
          counters.push({ day, itemCode: item.code, metric: 'starts', value: completions + 1 })
          counters.push({ day, itemCode: item.code, metric: 'completions', value: completions })
          counters.push({ day, itemCode: item.code, metric: 'abandons', value: 1 })
          counters.push({
            day,
            itemCode: item.code,
            metric: random() < 0.9 ? 'rating5' : 'rating3',
            value: 1,
          })
        }
        for (let n = 0; n < TRANSACTIONS_PER_DAY; n++) {
          const item = items[(t * 7 + d * 13 + (n % ITEMS_PER_DAY) * 12) % ITEMS]!
          const key = randomUUID()
          stored.push({
            key,
            payloadHash: createHash('sha256').update(key).digest('hex'),
            terminalId,
            sessionId: randomUUID(),
            itemCode: item.code,
            department: item.department,
            catalogVersion: 1,
            createdAt: `${day}T10:00:00+08:00`,
            day,
            receivedAt: `${day}T10:00:05+08:00`,
            resultJson,
            reference: `OPS${String(t).padStart(3, '0')}${String(stored.length).padStart(6, '0')}`,
          })
          if (day >= from && day <= to) inRange += 1
        }
      }
      store.insertTransactions(stored)
      store.mergeCounters(terminalId, counters)
    }
  } finally {
    db.close()
  }
  return inRange
}

/** Waits until the page shows [from, to] with headline figures and filled breakdown tables. */
async function renderedRange(page: Page, from: string, to: string, transactions: number): Promise<void> {
  await waitForRange(page, from, to, transactions).catch(async (error: unknown) => {
    // Say what the page showed instead, so a slow or wrong dashboard is told apart.
    const shown = await page.evaluate(() => ({
      status: document.querySelector('.status-line')?.textContent,
      values: [
        ...(document.getElementById('overview-title')?.closest('section')?.querySelectorAll('.stat-value') ??
          []),
      ].map((e) => e.textContent),
      error: document.querySelector('.error.banner')?.textContent ?? null,
    }))
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}; page: ${JSON.stringify(shown)}`,
    )
  })
}

function waitForRange(page: Page, from: string, to: string, transactions: number) {
  return page.waitForFunction(
    ({ label, expected }) => {
      // The status line names the range of the snapshot on screen, so this is the new range's data.
      if (!document.querySelector('.status-line')?.textContent?.includes(label)) return false
      const values = [
        ...(document.getElementById('overview-title')?.closest('section')?.querySelectorAll('.stat-value') ??
          []),
      ].map((e) => e.firstChild?.textContent ?? '')
      if (values.length !== 5 || values.some((v) => v === '' || v === '—')) return false
      // 办件量 (second card) must be the range's figure, not the previous range's.
      if (Number(values[1]?.replaceAll(',', '')) !== expected) return false
      return ['#by-department-title', '#by-item-title', '#by-terminal-title'].every((id) => {
        const table = document.querySelector(id)?.closest('section')?.querySelector('tbody')
        return !!table && table.rows.length > 0 && table.rows[0]?.cells.length !== 1
      })
    },
    { label: `统计区间：${from} 至 ${to}`, expected: transactions },
    { polling: 'raf', timeout: RENDER_TIMEOUT_MS },
  )
}

/** Where the time goes: each request the dashboard makes for the range, timed alone over HTTP. */
async function requestSplit(url: string, from: string, to: string): Promise<string> {
  const token = await staffToken(url, 'ops')
  const paths = [
    ['day', `from=${from}&to=${to}`],
    ['department', `from=${from}&to=${to}&by=department&span=range`],
    ['item', `from=${from}&to=${to}&by=item&span=range`],
    ['terminal', `from=${from}&to=${to}&by=terminal&span=range`],
  ] as const
  const parts: string[] = []
  for (const [name, query] of paths) {
    const started = performance.now()
    await api(url, `/api/ops/daily-counts?${query}`, { method: 'GET', token })
    parts.push(`${name} ${(performance.now() - started).toFixed(0)} ms`)
  }
  return parts.join(', ')
}

/** Times 本年 on /ops/ against the seeded year (median of 3 fresh page loads). */
export async function opsDashboardFigures(): Promise<Figure[]> {
  ensureDist()
  const today = shanghaiDay(Date.now())
  const first = new Date(Date.parse(`${today}T00:00:00Z`) - (DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10)
  const yearStart = `${today.slice(0, 4)}-01-01`
  const dataDir = makeDataDir()
  try {
    const writing = performance.now()
    const transactions = writeYear(dataDir, daysBetween(first, today), yearStart, today)
    console.error(`  ops dashboard: wrote the year in ${((performance.now() - writing) / 1000).toFixed(1)} s`)
    return await withBackend(
      async ({ url }) => {
        const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
        try {
          const context = await browser.newContext({
            viewport: { width: 1920, height: 1080 },
            locale: 'zh-CN',
            timezoneId: 'Asia/Shanghai',
          })
          const page = await context.newPage()
          await page.goto(`${url}/ops/`)
          await page.getByLabel('用户名').fill(BENCH_STAFF.ops.username)
          await page.getByLabel('密码').fill(BENCH_STAFF.ops.password)
          await page.getByRole('button', { name: '登录' }).click()
          await page.getByRole('button', { name: '本年' }).waitFor()
          const samples: number[] = []
          for (let s = 0; s < SAMPLES; s++) {
            await page.goto(`${url}/ops/`)
            await page.getByRole('button', { name: '本年' }).waitFor()
            await page.waitForFunction(
              () => document.querySelector('.ops')?.getAttribute('aria-busy') === 'false',
            )
            const started = performance.now()
            await page.getByRole('button', { name: '本年' }).click()
            await renderedRange(page, yearStart, today, transactions)
            samples.push(performance.now() - started)
          }
          console.error(`  ops dashboard 本年: ${samples.map((x) => x.toFixed(0)).join(', ')} ms`)
          // Alone: the page's own 30 s refreshes would queue in front of these requests.
          await context.close()
          const split = await requestSplit(url, yearStart, today)
          return [
            atMost(
              'ops.dashboard.thisYear.render',
              round(median(samples), 0),
              'ms',
              1000,
              `click 本年 → headlines + 3 breakdown tables shown, median of ${SAMPLES}; ${TERMINALS} terminals × ${ITEMS} items × ${DAYS} days, ${transactions} transactions in ${yearStart}…${today}; the page's requests one by one: ${split}`,
            ),
          ]
        } finally {
          await browser.close()
        }
      },
      { dataDir },
    )
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
