/**
 * `ops.dashboard`: the fleet's year (yearSeed.ts) over the 365 days ending today, then 本年 clicked on /ops/ in
 * Chromium until the headlines and the three breakdown tables show this year's figures.
 */
import { rmSync } from 'node:fs'
import { chromium, type Page } from '@playwright/test'
import { openDatabase } from '../../mock-backend/src/db/sqlite/open'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import { shanghaiDay } from '../../mock-backend/src/time'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../fixtures/playwright/e2e'
import { makeDataDir, withBackend } from './backendProcess'
import { api, staffToken } from './benchApi'
import { opsContext, signInOps } from './browserPage'
import { ensureDist } from './chromium.bench'
import { atMost, type Figure, median, round } from './figures'
import { terminalYearProfile, writeYear } from './yearSeed'

const SAMPLES = 3
/** Days of the seeded year, ending today. */
const YEAR_DAYS = 365
/** The page must show the range within this long, or the sample fails (not just misses the target). */
const RENDER_TIMEOUT_MS = 60_000

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
  const first = new Date(Date.parse(`${today}T00:00:00Z`) - (YEAR_DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10)
  const yearStart = `${today.slice(0, 4)}-01-01`
  const dataDir = makeDataDir()
  try {
    const writing = performance.now()
    const db = openDatabase(dataDir)
    const written = await writeYear(new SqliteStorage(db), terminalYearProfile(first, today), {
      prefix: 'T-OPS',
    }).finally(() => db.close())
    const transactions = [...written.transactionsByDay].reduce(
      (sum, [day, n]) => (day >= yearStart && day <= today ? sum + n : sum),
      0,
    )
    console.error(`  ops dashboard: wrote the year in ${((performance.now() - writing) / 1000).toFixed(1)} s`)
    return await withBackend(
      async ({ url }) => {
        const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
        try {
          const context = await opsContext(browser)
          const page = await context.newPage()
          await signInOps(page, url)
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
              `click 本年 → headlines + 3 breakdown tables shown, median of ${SAMPLES}; the fleet's year (${written.terminalIds.length} terminals, ${written.items} items, ${written.days} days: ${written.transactions} transactions, ${written.counters} counter rows), ${transactions} of them in ${yearStart}…${today}; the page's requests one by one: ${split}`,
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
