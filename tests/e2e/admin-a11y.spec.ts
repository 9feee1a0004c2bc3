/**
 * axe-core finds no accessibility violations in the admin console — login, upload with its validation
 * report and diff, the publish confirmation, an error report, versions and terminals with a fresh enrol
 * code, accounts with a generated password and the audit log, a district admin's 本区县事项 items page — in Chinese and English, nor on the ops
 * console's login page.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page, test } from '@playwright/test'
import Papa from 'papaparse'
import { DEMO_DISTRICT_CODE } from '../../mock-backend/src/contract/divisions'
import { catalogToCsv, catalogToRows } from '../../services-catalog/src/csvExport'
import {
  ADMIN_UI,
  activeCatalog,
  chooseFile,
  csvWithItem,
  newHrssQueryItem,
  openConsole,
  signInAdmin,
} from '../fixtures/playwright/adminE2e'
import { staffHeaders } from '../fixtures/playwright/staffApi'

/**
 * Runs axe (all rules) on the page, or only on the given sections — the item-groups table further down
 * holds 200 rows of inputs and would make every scan slow — and lists each violation with its nodes.
 */
async function expectNoViolations(page: Page, view: string, sections: string[] = []) {
  let axe = new AxeBuilder({ page })
  for (const section of sections) axe = axe.include(section)
  const { violations } = await axe.analyze()
  const found = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  )
  expect(found, `axe violations on ${view}`).toEqual([])
}

for (const lang of ['zh', 'en'] as const) {
  const t = ADMIN_UI[lang]

  test(`admin console views have no axe violations (${lang})`, async ({ page, request }) => {
    const { catalog } = await activeCatalog(request)
    const item = newHrssQueryItem(catalog)

    // Each axe scan takes seconds on this two-core machine.
    test.setTimeout(120_000)
    await openConsole(page, '/admin/', lang)
    await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? /^zh/ : /^en/)
    await expectNoViolations(page, `${lang} login`)

    await signInAdmin(page, lang)
    await expect(page.getByRole('table', { name: t.versionsTitle })).toBeVisible()

    // Upload → report → diff (the versions and terminals sections are on the same page).
    await chooseFile(page, 'catalog.csv', csvWithItem(catalog, item), lang)
    await expect(page.getByRole('heading', { name: t.reportTitle })).toBeVisible()
    await expect(page.getByRole('region', { name: t.diffTitle }).getByRole('table')).toBeVisible()
    await expectNoViolations(page, `${lang} report and diff`, ['#catalog'])

    // The publish confirmation dialog (cancelled: nothing is published here).
    await page.getByRole('button', { name: t.publish, exact: true }).click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await expectNoViolations(page, `${lang} publish dialog`, ['dialog[open]'])
    await page.getByRole('dialog').getByRole('button', { name: t.cancel }).click()
    await expect(page.getByRole('dialog')).toHaveCount(0)

    // Terminals: a new terminal with its one-time code on screen, then a form error on an empty submit.
    await page
      .getByLabel(t.terminalName)
      .fill(lang === 'zh' ? '无障碍检查终端' : 'Accessibility check terminal')
    await page.getByLabel(t.terminalLocation).fill(lang === 'zh' ? '一楼大厅' : 'Ground floor hall')
    await page.getByLabel(lang === 'zh' ? '维护密码' : 'Maintenance PIN', { exact: true }).fill('20261127')
    await page.getByRole('button', { name: t.create }).click()
    await expect(page.locator('.enrol-code code')).toHaveText(/^[A-Z2-9]{12}$/)
    await page.getByRole('button', { name: t.create }).click()
    await expect(page.locator('#terminal-name-error')).toBeVisible()

    // An error report with its problems table and the blocked publish button.
    const rows = catalogToRows(catalog)
    rows[1]![rows[0]!.indexOf('办理类型')] = '咨询'
    await chooseFile(page, 'bad.csv', Papa.unparse(rows), lang)
    await expect(page.getByText(t.publishBlocked)).toBeVisible()
    await expectNoViolations(page, `${lang} error report, versions, terminals`, [
      '#catalog',
      '#versions',
      '#terminals',
    ])

    // Accounts with a generated password on screen and a form error, and the audit log with its entries.
    const accounts = page.locator('#accounts')
    await accounts.getByRole('button', { name: lang === 'zh' ? '创建账号' : 'Create account' }).click()
    await expect(page.locator('#account-username-error')).toBeVisible()
    await accounts.locator('#account-username').fill(`a11y${lang}${Date.now() % 100000}`)
    await accounts.getByRole('button', { name: lang === 'zh' ? '创建账号' : 'Create account' }).click()
    await expect(accounts.getByTestId('shown-password')).toHaveText(/^\S{16}$/)
    await expect(page.locator('#audit tbody tr').first()).toBeVisible()
    await expectNoViolations(page, `${lang} accounts and audit log`, ['#accounts', '#audit'])
  })

  test(`the district items page has no axe violations (${lang})`, async ({ page, request }) => {
    const { catalog } = await activeCatalog(request)
    test.setTimeout(90_000)
    // An admin of a district (源城区): the console shows it 本区县事项 instead of the province's catalog.
    const username = `a11y-district-${lang}-${Date.now() % 100000}`
    const created = await request.post('/api/admin/accounts', {
      headers: await staffHeaders(request, 'admin'),
      data: { username, role: 'admin', orgCode: DEMO_DISTRICT_CODE },
    })
    expect(created.status()).toBe(201)
    await openConsole(page, '/admin/', lang)
    await page.getByLabel(t.username).fill(username)
    await page.getByLabel(t.password).fill((await created.json()).password)
    await page.getByRole('button', { name: t.login, exact: true }).click()
    const panel = page.locator('#district-catalog')
    await expect(panel.getByRole('checkbox').first()).toBeVisible()

    // A file whose addition takes a province item's code: the report with its named problem.
    await chooseFile(page, 'district.csv', catalogToCsv({ ...catalog, items: [catalog.items[0]!] }), lang)
    await panel.getByRole('checkbox').first().check()
    await panel
      .getByRole('button', { name: lang === 'zh' ? '校验并比较差异' : 'Validate and compare' })
      .click()
    await expect(panel.getByText(t.publishBlocked)).toBeVisible()
    await expectNoViolations(page, `${lang} district items with an error report`, ['#district-catalog'])

    // A valid candidate (the withdrawal alone): the difference and the publish confirmation (cancelled).
    await panel
      .getByRole('button', { name: lang === 'zh' ? '沿用当前的新增事项' : 'Keep the current added items' })
      .click()
    await panel
      .getByRole('button', { name: lang === 'zh' ? '校验并比较差异' : 'Validate and compare' })
      .click()
    await expect(panel.getByRole('region', { name: t.diffTitle })).toBeVisible()
    await expectNoViolations(page, `${lang} district items with a difference`, ['#district-catalog'])
    await panel.getByRole('button', { name: t.publish, exact: true }).click()
    await expectNoViolations(page, `${lang} district publish dialog`, ['dialog[open]'])
    await page.getByRole('dialog').getByRole('button', { name: t.cancel }).click()
  })

  test(`ops console login has no axe violations (${lang})`, async ({ page }) => {
    await openConsole(page, '/ops/', lang)
    await expect(page.getByLabel(t.password)).toBeVisible()
    await expectNoViolations(page, `${lang} ops login`)
  })
}
