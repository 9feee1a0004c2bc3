/**
 * The document camera (高拍仪) through the device agent, in real Chromium with its fake camera: the agent names the
 * camera (AGENT_DOCUMENT_CAMERA), the page opens it with getUserMedia and the maintenance screen's check shows a
 * real captured JPEG with its size; an agent naming a camera that is not connected gets a clear message. The demo
 * terminal's simulated camera gives a drawn sample page the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import { AGENT_DEFAULT_PORT } from '../../kiosk/agent/protocol/messages'
import { CAPTURE_IDEAL } from '../../kiosk/src/devices/documentCamera'
import { type AgentProcess, startAgentProcess } from '../fixtures/node/agent/agentProcess'
import { E2E_BASE_URL, E2E_DEMO_PIN, FAKE_CAMERA_LABEL } from '../fixtures/playwright/e2e'
import { Kiosk } from '../fixtures/playwright/kioskJourney'
import { newTerminalCode, TERMINAL_PIN } from '../fixtures/playwright/staffApi'

/** Opens the maintenance screen (five taps top-left, then the PIN) and runs the document-camera check. */
async function checkCamera(page: Page, pin: string) {
  for (let i = 0; i < 5; i++) await page.locator('.corner').click({ position: { x: 8, y: 8 } })
  const pad = page.getByRole('group', { name: '请输入维护密码' })
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click()
  await page.getByRole('button', { name: '确定', exact: true }).click()
  await page.getByRole('button', { name: '拍摄测试页' }).click()
  return page.locator('.camera-check [role="status"]')
}

test.describe('document camera', () => {
  let agent: AgentProcess | undefined
  let stateDir: string
  test.beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'agent-camera-'))
  })
  test.afterEach(async () => {
    await agent?.stop()
    agent = undefined
    rmSync(stateDir, { recursive: true, force: true })
  })

  const startAgent = async (camera: string) => {
    agent = await startAgentProcess({
      args: ['--simulate'],
      stateDir,
      origins: [E2E_BASE_URL],
      port: AGENT_DEFAULT_PORT,
      env: { AGENT_DOCUMENT_CAMERA: camera },
    })
  }

  test('captures a JPEG from the camera the agent names', async ({ page, request }) => {
    await startAgent(FAKE_CAMERA_LABEL)
    const code = await newTerminalCode(request, '高拍仪终端')
    const kiosk = new Kiosk(page)
    await kiosk.open(`?enrol=${code}`)
    // The page pairs by itself (first secret offered to an unpaired agent) once it knows its terminal.
    const status = await checkCamera(page, TERMINAL_PIN)
    // The page asks for the camera's best resolution, and Chromium's fake camera delivers what is asked.
    const { width, height } = CAPTURE_IDEAL
    await expect(status).toHaveText(new RegExp(`^已拍摄：${width}×${height} 像素，\\d+ KB$`))
    const preview = page.getByRole('img', { name: '高拍仪拍摄的测试页' })
    await expect(preview).toBeVisible()
    expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(width)
  })

  test('names a configured camera that is not connected', async ({ page, request }) => {
    await startAgent('高拍仪 USB (0bda:5842)')
    const code = await newTerminalCode(request, '无高拍仪终端')
    await new Kiosk(page).open(`?enrol=${code}`)
    await expect(await checkCamera(page, TERMINAL_PIN)).toHaveText('拍摄失败：未找到高拍仪，请检查连接')
  })

  test('the demo terminal photographs a drawn sample page', async ({ page }) => {
    await new Kiosk(page).open()
    await expect(await checkCamera(page, E2E_DEMO_PIN)).toHaveText(/^已拍摄：1240×1754 像素，\d+ KB$/)
  })
})
