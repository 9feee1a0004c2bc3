/**
 * Staff accounts end to end: an admin creates an ops account in the console and reads its password, shown once;
 * that person logs in to the ops console in their own browser and changes the password from a second one (the first
 * session ends); the admin disables the account and their next request lands on the login form; the audit log
 * shows the three changes.
 */
import { expect, test } from '@playwright/test'
import { loginAdmin } from '../fixtures/playwright/adminE2e'

test('an admin creates an account, its owner logs in and changes the password, and disabling it ends their session', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000)
  const username = `clerk${Date.now() % 100000}`
  await loginAdmin(page)
  const accounts = page.getByRole('region', { name: '工作人员账号' })
  await accounts.getByLabel('用户名').fill(username)
  await accounts.getByLabel('角色', { exact: true }).selectOption('ops')
  // It serves one city: 河源市, whole.
  await accounts.getByLabel('管辖范围').selectOption({ label: '河源市（全市）' })
  await accounts.getByRole('button', { name: '创建账号' }).click()
  const shown = accounts
    .getByRole('status')
    .filter({ has: page.getByRole('heading', { name: `${username} 的密码` }) })
  const password = (await shown.getByTestId('shown-password').textContent())?.trim() ?? ''
  expect(password).toHaveLength(16)
  const row = accounts.getByRole('row', { name: new RegExp(username) })
  await expect(row).toContainText('启用')
  await expect(row).toContainText('河源市')

  // Its owner, in a browser of their own.
  const theirs = await browser.newContext()
  const ops = await theirs.newPage()
  await ops.goto('/ops/')
  await ops.getByLabel('用户名').fill(username)
  await ops.getByLabel('密码').fill(password)
  await ops.getByRole('button', { name: '登录', exact: true }).click()
  await expect(ops.getByRole('button', { name: '退出登录' })).toBeVisible()
  // The console names the division it serves, and supervises the cases of its districts.
  await expect(ops.getByText('管辖范围：河源市')).toBeVisible()
  await expect(ops.getByRole('button', { name: '本年' })).toBeVisible()
  await expect(ops.getByRole('heading', { name: /效能监督/ })).toBeVisible()

  // From a second browser the owner changes the password: that session stays, the first one ends.
  const second = await browser.newContext()
  const again = await second.newPage()
  await again.goto('/ops/')
  await again.getByLabel('用户名').fill(username)
  await again.getByLabel('密码').fill(password)
  await again.getByRole('button', { name: '登录', exact: true }).click()
  await again.getByRole('button', { name: '修改密码' }).click()
  const dialog = again.getByRole('dialog', { name: '修改我的密码' })
  const newPassword = `${password}-new`
  await dialog.getByLabel('当前密码').fill(password)
  await dialog.getByLabel('新密码', { exact: true }).fill(newPassword)
  await dialog.getByLabel('再次输入新密码').fill(`${newPassword}x`)
  await dialog.getByRole('button', { name: '保存新密码' }).click()
  await expect(dialog.getByRole('alert')).toHaveText('两次输入的新密码不一致')
  await dialog.getByLabel('再次输入新密码').fill(newPassword)
  await dialog.getByRole('button', { name: '保存新密码' }).click()
  await expect(again.getByRole('status').filter({ hasText: '密码已修改，已退出其他 1 处登录' })).toBeVisible()
  await ops.reload()
  await expect(ops.getByRole('button', { name: '登录', exact: true })).toBeVisible()
  await again.reload()
  await expect(again.getByRole('button', { name: '退出登录' })).toBeVisible()
  await theirs.close()

  // Disabled: the session ends, and the password no longer opens it.
  await row.getByRole('button', { name: `停用 ${username}` }).click()
  await expect(accounts.getByRole('status').filter({ hasText: `已保存 ${username}` })).toBeVisible()
  await expect(row).toContainText('已停用')
  await again.reload()
  await expect(again.getByRole('button', { name: '登录', exact: true })).toBeVisible()
  await again.getByLabel('用户名').fill(username)
  await again.getByLabel('密码').fill(newPassword)
  await again.getByRole('button', { name: '登录', exact: true }).click()
  await expect(again.getByRole('button', { name: '退出登录' })).toHaveCount(0)
  await second.close()

  // The audit log lists the creation, the password change and the disabling, newest first.
  const audit = page.getByRole('table', { name: '操作日志' })
  const mine = audit.getByRole('row').filter({ hasText: username })
  await expect(mine.first()).toContainText('停用账号')
  await expect(mine.nth(1)).toContainText('本人修改密码')
  await expect(mine.nth(2)).toContainText('新增账号')
})
