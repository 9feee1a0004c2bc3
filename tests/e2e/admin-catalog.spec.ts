/**
 * Admin console catalog workflow against the real backend and a real kiosk: CSV upload (UTF-8 and GBK),
 * validation report, diff, publish, the kiosk showing the new item, rollback removing it; and a bad CSV
 * whose named problems block publishing.
 */
import { expect, type Page, test } from '@playwright/test'
import iconv from 'iconv-lite'
import Papa from 'papaparse'
import { catalogToRows } from '../../services-catalog/src/csvExport'
import {
  ADMIN_UI,
  activeCatalog,
  chooseFile,
  csvWithItem,
  freshKiosk,
  loginAdmin,
  newHrssQueryItem,
  rollbackTo,
} from '../fixtures/playwright/adminE2e'

const t = ADMIN_UI.zh

/** The summary value next to a label in the validation report. */
const summaryValue = (page: Page, label: string) =>
  page
    .locator('.report dl.summary div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd')

let baseline = 0

test.beforeEach(async ({ request }) => {
  baseline = (await activeCatalog(request)).version
})

// Leave the shared backend on the catalog the other specs expect, even when a step failed half way.
test.afterEach(async ({ request }) => {
  const { version } = await activeCatalog(request)
  if (version !== baseline && test.info().status !== 'passed') await rollbackTo(request, baseline)
})

test('a CSV with one new item is validated, diffed, published to the kiosk and rolled back', async ({
  page,
  request,
  browser,
}) => {
  const { catalog } = await activeCatalog(request)
  const item = newHrssQueryItem(catalog)
  const hrss = catalog.departments.find((d) => d.code === 'hrss')!
  const kept = catalog.items
    .filter((i) => i.department === 'hrss' && i.status === '有效')
    .sort((a, b) => a.sort - b.sort)[0]!
  const csv = csvWithItem(catalog, item)

  await loginAdmin(page)

  // 1. The same sheet saved by Excel on Chinese Windows (GBK) is read correctly and shows the same diff.
  await chooseFile(page, '事项清单-GBK.csv', new Uint8Array(iconv.encode(csv.replace(/^\uFEFF/, ''), 'gbk')))
  await expect(page.getByRole('heading', { name: t.reportTitle })).toBeVisible()
  await expect(summaryValue(page, '文字编码')).toHaveText('GB18030')
  await expect(
    page.getByRole('table', { name: /新增事项/ }).getByRole('row', { name: new RegExp(item.code) }),
  ).toContainText(item.name.zh)

  // 2. The UTF-8 file: progress while the server works (slowed down so it can be seen), then the report.
  await page.route('**/api/admin/catalog/validate', async (route) => {
    const answer = await route.fetch()
    await new Promise((done) => setTimeout(done, 800))
    await route.fulfill({ response: answer })
  })
  await chooseFile(page, '事项清单.csv', csv)
  await expect(page.getByRole('progressbar')).toBeVisible()
  await expect(page.getByRole('heading', { name: t.reportTitle })).toBeVisible()
  await expect(page.getByRole('progressbar')).toHaveCount(0)
  await page.unroute('**/api/admin/catalog/validate')
  await expect(page.getByText('文件：事项清单.csv')).toBeVisible()
  await expect(page.locator('.report .verdict')).toHaveText(t.allGood)
  await expect(summaryValue(page, '文字编码')).toHaveText('UTF-8')
  await expect(summaryValue(page, '事项数')).toHaveText(String(catalog.items.length + 1))

  // The diff lists exactly the one added item; every other item is unchanged (form fields kept).
  const diff = page.getByRole('region', { name: t.diffTitle })
  await expect(diff.locator('.verdict')).toHaveText(
    `新增 1 项，删除 0 项，修改 0 项，未变 ${catalog.items.length} 项`,
  )
  const added = diff.getByRole('table', { name: /新增事项（1）/ })
  await expect(added.getByRole('row')).toHaveCount(2)
  await expect(added.getByRole('row').nth(1)).toHaveText(`${item.code}${item.name.zh}`)

  // 3. Publish after confirming.
  await page.getByRole('button', { name: t.publish, exact: true }).click()
  const dialog = page.getByRole('dialog', { name: '确认发布新版本？' })
  await dialog.getByRole('button', { name: t.confirm }).click()
  await expect(page.getByText(`已发布为第 ${baseline + 1} 版`)).toBeVisible()
  const published = await activeCatalog(request)
  expect(published.version).toBe(baseline + 1)
  expect(published.catalog.items.find((i) => i.code === item.code)?.name.zh).toBe(item.name.zh)

  // 4. A kiosk that boots now offers the new item in 人社, with its guide.
  const first = await freshKiosk(browser)
  await first.page.getByRole('button', { name: hrss.name.zh, exact: true }).click()
  await first.page.getByRole('button', { name: item.name.zh, exact: true }).click()
  await expect(first.page.getByRole('heading', { level: 1, name: item.name.zh })).toBeVisible()
  await expect(first.page.getByText(item.guide.summary.zh)).toBeVisible()
  await first.context.close()

  // 5. Roll back to the previous version from the versions list.
  const versions = page.getByRole('table', { name: t.versionsTitle })
  const previous = versions.getByRole('row').filter({
    has: page.getByRole('rowheader', { name: `v${baseline}`, exact: true }),
  })
  await previous.getByRole('button', { name: t.rollback }).click()
  await page
    .getByRole('dialog', { name: `确认回滚到第 ${baseline} 版？` })
    .getByRole('button', { name: t.confirm })
    .click()
  await expect(page.getByText(`已将第 ${baseline} 版的内容发布为第 ${baseline + 2} 版`)).toBeVisible()
  await expect(
    versions.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `v${baseline + 2}` }) }),
  ).toContainText('当前版本')

  // 6. A kiosk that boots after the rollback no longer offers it.
  const second = await freshKiosk(browser)
  await second.page.getByRole('button', { name: hrss.name.zh, exact: true }).click()
  await expect(second.page.getByRole('button', { name: kept.name.zh, exact: true })).toBeVisible()
  await expect(second.page.getByRole('button', { name: item.name.zh, exact: true })).toHaveCount(0)
  await second.context.close()
  expect((await activeCatalog(request)).version).toBe(baseline + 2)
})

test('a CSV with errors shows each problem by row, column and reason, and cannot be published', async ({
  page,
  request,
}) => {
  const { catalog } = await activeCatalog(request)
  const item = newHrssQueryItem(catalog)
  const rows = catalogToRows({ ...catalog, items: [...catalog.items, item, { ...item, code: 'RS-CX-0099' }] })
  const header = rows[0]!
  const col = (name: string) => header.indexOf(name)
  // The admin's edits in the spreadsheet: a kind that does not exist, an emptied name, a sort that is text.
  // The first two would break a terminal and are errors; an unreadable sort only orders the home screen, so it
  // is a warning and the item is kept without it.
  const kindRow = rows.length - 2
  const nameRow = rows.length - 1
  const sortRow = 3
  rows[kindRow]![col('办理类型')] = '咨询'
  rows[nameRow]![col('事项名称')] = ''
  rows[sortRow]![col('排序')] = '第三'
  // File rows count from 1 with the header as row 1.
  const expected = [
    { row: kindRow + 1, column: '办理类型', reason: '未知的办理类型 “咨询”' },
    { row: nameRow + 1, column: '事项名称', reason: '事项名称为空' },
  ].sort((a, b) => a.row - b.row)

  await loginAdmin(page)
  await chooseFile(page, '事项清单-有错误.csv', Papa.unparse(rows, { newline: '\r\n' }))
  await expect(page.getByRole('heading', { name: t.reportTitle })).toBeVisible()
  await expect(page.locator('.report .verdict')).toHaveText('有 2 个错误，修正文件后重新上传才能发布')

  const problems = page.getByRole('table', { name: '问题列表' })
  const errorRows = problems.getByRole('row').filter({ hasText: '错误' })
  await expect(errorRows).toHaveCount(2)
  for (const [i, p] of expected.entries()) {
    await expect(errorRows.nth(i).getByRole('cell')).toHaveText([
      '错误',
      String(p.row),
      p.column,
      p.reason,
      /.+/,
    ])
  }
  const sortWarning = problems.getByRole('row').filter({ hasText: '排序 “第三” 无效' })
  await expect(sortWarning.getByRole('cell')).toHaveText([
    '警告',
    String(sortRow + 1),
    '排序',
    '排序 “第三” 无效，已按未填写处理（应为 0–1000000 的整数）',
    /.+/,
  ])

  const publish = page.getByRole('button', { name: t.publish, exact: true })
  await expect(publish).toBeDisabled()
  await expect(page.getByText(t.publishBlocked)).toBeVisible()
  await expect(page.getByRole('region', { name: t.diffTitle })).toHaveCount(0)
  expect((await activeCatalog(request)).version).toBe(baseline)
})
