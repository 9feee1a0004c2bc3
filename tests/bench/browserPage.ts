/**
 * What the browser benches share: bundling a bench entry into one script a page can run, and opening the
 * kiosk on an on-disk Chromium profile the way a terminal runs it.
 */
import { join } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test'
import { build } from 'esbuild'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../fixtures/playwright/e2e'
import { BENCH_STAFF } from './backendProcess'

/** `browser/<entry>` as one IIFE script for `page.addScriptTag` (CSP is bypassed for the benches only). */
export async function pageBundle(entry: string, define?: Record<string, string>): Promise<string> {
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'browser', entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
    ...(define ? { define } : {}),
  })
  return result.outputFiles[0]!.text
}

/** Opens `url` in Chromium on the on-disk `profile` (1080×1920, zh-CN, Shanghai) and injects `bundle`. */
export async function openKioskProfile(
  profile: string,
  url: string,
  bundle: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    bypassCSP: true,
    viewport: { width: 1080, height: 1920 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(`${url}/`, { waitUntil: 'load' })
    await page.addScriptTag({ content: bundle })
    return { context, page }
  } catch (error) {
    await context.close()
    throw error
  }
}

/** A desktop context for the ops console, as ops use it: 1920×1080, zh-CN, Asia/Shanghai. */
export function opsContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
}

/** Opens /ops/ at `url` and signs in as the bench's ops account (the session then survives reloads). */
export async function signInOps(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/ops/`)
  await page.getByLabel('用户名').fill(BENCH_STAFF.ops.username)
  await page.getByLabel('密码').fill(BENCH_STAFF.ops.password)
  await page.getByRole('button', { name: '登录' }).click()
}
