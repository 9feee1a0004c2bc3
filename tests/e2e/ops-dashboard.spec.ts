/**
 * The ops dashboard against known activity: three terminals seeded through the real terminal sync API on days
 * no other spec uses; every figure the page shows is compared with the truth computed from that seed.
 */
import { readFileSync } from 'node:fs'
import { expect, type Locator, type Page, test } from '@playwright/test'
import Papa from 'papaparse'
import {
  ensureOpsSeed,
  type OpsPlan,
  type OpsSeed,
  openOpsDashboard,
  opsTruth,
  percentText,
  type TruthFigures,
} from '../fixtures/playwright/opsSeed'
import { staffHeaders } from '../fixtures/playwright/staffApi'

let seed: OpsSeed

test.beforeAll(async ({ request }) => {
  seed = await ensureOpsSeed(request)
})

const count = (n: number) => n.toLocaleString('zh-CN')

/** A breakdown row as the table prints it: 名称, 编码, 服务人次, 办件量, 开始办理数, 办结数, 办结率, 评价数, 好评率. */
const tableRow = (label: string, key: string, f: TruthFigures) => [
  label,
  key,
  count(f.sessions),
  count(f.transactions),
  count(f.starts),
  count(f.completions),
  percentText(f.completions, f.starts),
  count(f.ratings),
  percentText(f.goodRatings, f.ratings),
]

/** Every body row of a region's table, cell texts in column order, sorted by 编码. */
async function shownRows(region: Locator): Promise<string[][]> {
  const rows = await region
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())))
  return rows.sort((a, b) => ((a[1] ?? '') < (b[1] ?? '') ? -1 : 1))
}

const byKey = (rows: string[][]) => rows.sort((a, b) => ((a[1] ?? '') < (b[1] ?? '') ? -1 : 1))

/** Labels of the plan's keys: terminal names, catalog item and department names. */
function labelOf(plan: OpsPlan, by: 'terminal' | 'item' | 'department', key: string): string {
  if (by === 'terminal') return plan.terminals[Number(key)]?.name ?? key
  if (by === 'item') return plan.items.find((i) => i.code === key)?.name.zh ?? key
  return plan.departments.get(key) ?? key
}

function expectedTable(
  plan: OpsPlan,
  ids: string[],
  by: 'terminal' | 'item' | 'department',
  department?: string,
) {
  const truth = opsTruth(plan, by, { department })
  return byKey(
    [...truth].map(([key, f]) =>
      tableRow(labelOf(plan, by, key), by === 'terminal' ? (ids[Number(key)] as string) : key, f),
    ),
  )
}

/** The CSV the backend should export for `by`: per day × key, then 合计 over the whole range. */
function expectedCsv(plan: OpsPlan, ids: string[], by: 'terminal' | 'department'): string[][] {
  const truth = opsTruth(plan, by, { perDay: true })
  const cells = (f: TruthFigures) => [
    String(f.sessions),
    String(f.transactions),
    String(f.views),
    String(f.starts),
    String(f.completions),
    String(f.abandons),
    percentText(f.completions, f.starts, ''),
    String(f.ratings),
    ...(['rating1', 'rating2', 'rating3', 'rating4', 'rating5'] as const).map((r) => String(f[r])),
    percentText(f.goodRatings, f.ratings, ''),
  ]
  const rows = [...truth].map(([dayKey, f]) => {
    const [day, key] = dayKey.split('|') as [string, string]
    const code = by === 'terminal' ? (ids[Number(key)] as string) : key
    const label = labelOf(plan, by, key)
    // Cells a spreadsheet would run as a formula must arrive with a leading apostrophe.
    return [day, code, /^[=+\-@]/.test(label) ? `'${label}` : label, ...cells(f)]
  })
  rows.sort((a, b) =>
    a[0] === b[0]
      ? (a[1] as string) < (b[1] as string)
        ? -1
        : 1
      : (a[0] as string) < (b[0] as string)
        ? -1
        : 1,
  )
  // Totals: residents served is the terminals' sessions counter over the range, the rest sums every row.
  const total = opsTruth(plan, 'total').get('') as TruthFigures
  return [
    [
      '日期',
      '编码',
      '名称',
      '服务人数',
      '办件量',
      '浏览数',
      '开始办理数',
      '办结数',
      '放弃数',
      '办结率',
      '评价数',
      '非常不满意',
      '不满意',
      '基本满意',
      '满意',
      '非常满意',
      '好评率',
    ],
    ...rows,
    ['合计', '', '', ...cells(total)],
  ]
}

/** Clicks a region's "导出 CSV" link and returns the downloaded bytes. */
async function downloadCsv(page: Page, region: Locator): Promise<Buffer> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    region.getByRole('link', { name: '导出 CSV' }).click(),
  ])
  const path = await download.path()
  return readFileSync(path)
}

function parseCsv(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3))
  expect(text).toContain('\r\n')
  const parsed = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' })
  expect(parsed.errors).toEqual([])
  return parsed.data
}

test('headline figures equal the seeded truth for the range', async ({ page }) => {
  const { plan } = seed
  await openOpsDashboard(page, plan)
  const total = opsTruth(plan, 'total').get('') as TruthFigures
  // The seed's 办结数 exceed its 办件量 (query items complete without a transaction): ÷ starts stays ≤ 100 %.
  expect(total.completions).toBeGreaterThan(total.transactions)
  const expected: [string, string][] = [
    ['服务人次', count(total.sessions)],
    ['办件量', count(total.transactions)],
    ['办结率', percentText(total.completions, total.starts)],
    ['评价数', count(total.ratings)],
    ['好评率', percentText(total.goodRatings, total.ratings)],
  ]
  for (const [name, value] of expected) {
    const card = page.locator('.stat').filter({ has: page.getByRole('heading', { name, exact: true }) })
    // The range holds days the offline terminal has not synced past, so every figure is marked 暂定.
    await expect(card.locator('.stat-value')).toHaveText(`${value}暂定`)
  }
  await expect(page.getByText('办结率 = 办结数 ÷ 开始办理数（已开始办理的服务中办结的比例）')).toBeVisible()
})

test('breakdown tables by terminal, department and item equal the truth', async ({ page }) => {
  const { plan, terminalIds } = seed
  await openOpsDashboard(page, plan)
  for (const [name, by] of [
    ['按终端', 'terminal'],
    ['按部门', 'department'],
    ['按事项', 'item'],
  ] as const) {
    const region = page.getByRole('region', { name })
    await expect
      .poll(() => shownRows(region), { message: name })
      .toEqual(expectedTable(plan, terminalIds, by))
  }
  // Catalog text is shown as text: the formula-like terminal name is displayed literally.
  await expect(
    page.getByRole('region', { name: '按终端' }).getByText(plan.terminals[1]?.name as string),
  ).toBeVisible()
})

test('the dashboard spans two districts and breaks the figures down by district', async ({ page }) => {
  const { plan } = seed
  await openOpsDashboard(page, plan)
  const names: Record<string, string> = { '441602': '源城区', '441625': '东源县' }
  const perDistrict = new Map<string, TruthFigures>()
  for (const [terminal, f] of opsTruth(plan, 'terminal')) {
    const code = plan.terminals[Number(terminal)]?.districtCode ?? '441602'
    const sum = perDistrict.get(code)
    if (!sum) perDistrict.set(code, { ...f })
    else for (const k of Object.keys(f) as (keyof TruthFigures)[]) sum[k] += f[k]
  }
  const expected = byKey([...perDistrict].map(([code, f]) => tableRow(names[code] as string, code, f)))
  await expect.poll(() => shownRows(page.getByRole('region', { name: '按区县' }))).toEqual(expected)
})

test('"导出 CSV" downloads UTF-8 with BOM, Chinese headers and cells equal to the truth', async ({
  page,
}) => {
  const { plan, terminalIds } = seed
  await openOpsDashboard(page, plan)
  for (const [name, by] of [
    ['按终端', 'terminal'],
    ['按部门', 'department'],
  ] as const) {
    const rows = parseCsv(await downloadCsv(page, page.getByRole('region', { name })))
    expect(rows, name).toEqual(expectedCsv(plan, terminalIds, by))
  }
})

test('the offline terminal tops fleet health and holds its unsynced days provisional', async ({
  page,
  request,
}) => {
  const { plan, terminalIds } = seed
  const offline = plan.terminals.findIndex((t) => t.offline)
  await openOpsDashboard(page, plan)
  const fleet = page.getByRole('region', { name: '终端运行状态' })
  const first = fleet.locator('tbody tr').first()
  await expect(first.locator('th')).toHaveText(plan.terminals[offline]?.name as string)
  await expect(first).toHaveClass(/flagged/)
  await expect(first.getByText('静默', { exact: true })).toBeVisible()
  await expect(first.getByText('积压', { exact: true })).toBeVisible()
  await expect(first.getByText('离线', { exact: true }).first()).toBeVisible()
  // The other two seeded terminals are online and unflagged.
  for (const [t, terminal] of plan.terminals.entries()) {
    if (t === offline) continue
    const row = fleet
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: terminal.name }) })
    await expect(row).not.toHaveClass(/flagged/)
    await expect(row.getByText('在线', { exact: true })).toBeVisible()
  }

  // Expected provisional days, from the fleet answer by the rule itself: active terminals (seen within 7 days)
  // must have synced past a day's end (Shanghai midnight) for the day to be final.
  const ops = await staffHeaders(request, 'ops')
  const fleetAnswer = (await (await request.get('/api/ops/terminals', { headers: ops })).json()) as {
    id: string
    lastSeenAt: string | null
    lastSyncAt: string | null
  }[]
  const offlineSync = fleetAnswer.find((t) => t.id === terminalIds[offline])?.lastSyncAt ?? ''
  expect(Date.parse(offlineSync)).toBe(Date.parse(plan.offline.lastSyncAt))
  const now = Date.now()
  const active = fleetAnswer.filter((t) => t.lastSeenAt && now - Date.parse(t.lastSeenAt) <= 7 * 86_400_000)
  const syncs = active.map((t) => (t.lastSyncAt ? Date.parse(t.lastSyncAt) : Number.NEGATIVE_INFINITY))
  const until = Math.min(...syncs)
  const endOf = (day: string) => Date.parse(`${day}T00:00:00+08:00`) + 86_400_000
  const expected = plan.days.filter((day) => until < endOf(day))
  // Whatever else the shared backend holds, the offline terminal alone keeps the days after its last sync open.
  for (const day of plan.days)
    if (endOf(day) > Date.parse(plan.offline.lastSyncAt)) expect(expected).toContain(day)

  const trend = page.getByRole('region', { name: '每日趋势' })
  await trend.getByText('查看数据表').click()
  for (const day of plan.days) {
    const header = trend.getByRole('rowheader', { name: new RegExp(`^${day}`) })
    await expect(header).toHaveText(expected.includes(day) ? `${day}暂定` : day)
  }
})

test('drilling into a department lists exactly its items', async ({ page }) => {
  const { plan, terminalIds } = seed
  await openOpsDashboard(page, plan)
  const department = 'hrss'
  const name = plan.departments.get(department) as string
  await page.getByRole('button', { name: `查看 ${name} 的事项` }).click()
  const drill = page.getByRole('region', { name: `${name} 的事项` })
  const expected = expectedTable(plan, terminalIds, 'item', department)
  expect(expected.length).toBeGreaterThan(1)
  await expect.poll(() => shownRows(drill)).toEqual(expected)
  // Its CSV link asks for the department's items only.
  await expect(drill.getByRole('link', { name: '导出 CSV' })).toHaveAttribute(
    'href',
    new RegExp(`by=item&department=${department}&format=csv`),
  )
  await drill.getByRole('button', { name: '返回部门列表' }).click()
  await expect(drill).toHaveCount(0)
})
