/**
 * The 电子身份证 read through the terminal's camera (#17), in real Chromium against the real backend: Chromium's
 * fake camera plays a video of the mock issuer's code for 李明, the kiosk decodes it with the lazily loaded jsQR
 * (fetched only once the resident chooses the camera) and the backend identifies the resident.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { zh } from '../../kiosk/src/i18n/zh'
import { EID_CODE_MAX_TTL_S } from '../../mock-backend/src/contract/eid'
import { DEMO_RESIDENT, demoIssuerPrivateKey } from '../../mock-backend/src/identity/demoIssuer'
import { issueEidCode } from '../../mock-backend/src/identity/eidCode'
import { pickItem } from '../fixtures/node/catalog'
import { writeQrVideo } from '../fixtures/node/qrVideo'
import { CHROMIUM_ARGS, CHROMIUM_PATH, FAKE_MEDIA_ARGS } from '../fixtures/playwright/e2e'
import { DEMO_CARD, Kiosk } from '../fixtures/playwright/kioskJourney'

const QUERY = pickItem(
  'hrss',
  (i) => i.kind === '查询' && i.fields.length === 0 && !i.needsPhone && i.identity.includes('电子身份证'),
)
// Issued as the browser starts, with the longest life the backend accepts, so it is still valid when shown.
const VIDEO = join(mkdtempSync(join(tmpdir(), 'eid-camera-')), 'code.y4m')
writeQrVideo(VIDEO, issueEidCode(demoIssuerPrivateKey(), DEMO_RESIDENT, Date.now(), EID_CODE_MAX_TTL_S))

test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...FAKE_MEDIA_ARGS, `--use-file-for-fake-video-capture=${VIDEO}`],
  },
})

test('a code shown to the camera identifies the resident; the decoder loads only then', async ({ page }) => {
  const decoder: string[] = []
  page.on('request', (r) => {
    if (/jsQR|jsqr/i.test(r.url())) decoder.push(r.url())
  })
  const kiosk = new Kiosk(page)
  await kiosk.beginItem(QUERY.department, QUERY.item)
  await kiosk.button(zh.idMethodEid).click()
  await expect(page.getByRole('status').filter({ hasText: zh.eidScanning })).toBeVisible()
  expect(decoder).toEqual([])
  await kiosk.button(zh.eidUseCamera).click()
  await expect(page.getByRole('heading', { level: 1, name: zh.confirmTitle })).toBeVisible({
    timeout: 20_000,
  })
  await expect(page.getByText(DEMO_CARD.maskedId)).toBeVisible()
  expect(decoder.length).toBeGreaterThan(0)
})
