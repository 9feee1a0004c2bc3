/**
 * 用手机拍照上传, phone to kiosk (#17): a ~500 kB photo chosen on the real phone page (`/m/#u=…` from `dist/`, in
 * a phone-sized Chromium context: compressed there with the kiosk's rule, then POST /api/m/upload) until the
 * kiosk's own watcher (materials/phoneWatch.ts, its real poll and backoff, run in Node against the same backend)
 * reports it. The photo is chosen PHOTO_AFTER_OPEN_MS after the page opened, as a resident frames it, so the poll
 * has backed off as it would. The floor, in the same run: the same upload's body (captured from the page's request)
 * POSTed to a bare node:http server on loopback that reads it and answers, no app code.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium } from '@playwright/test'
import type { FlowEvent } from '../../kiosk/src/machines/serviceFlowMachine'
import { keyedCaller, materialCalls } from '../../kiosk/src/materials/materialClient'
import { PHONE_POLL, watchPhoneUpload } from '../../kiosk/src/materials/phoneWatch'
import { PHONE_UPLOAD_ROUTE } from '../../mock-backend/src/contract/phoneUploads'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../fixtures/playwright/e2e'
import { noisePhoto, PHONE } from '../fixtures/playwright/phone'
import { startBackend } from './backendProcess'
import { demoTerminal } from './benchApi'
import type { BenchContext } from './benchPostgres'
import { type Figure, median, round } from './figures'

/** Uploads timed (after one warm-up), each in a session of its own. */
const UPLOADS = Number(process.env.BENCH_PHONE_UPLOADS ?? 7)
/** How long after the page opened the resident chooses the photo. */
const PHOTO_AFTER_OPEN_MS = 3000
/** 公共租赁住房申请 and its required 家庭收入证明 (the real catalog). */
const ITEM = 'ZJ-SB-0001'
const MATERIAL = '家庭收入证明'

/** A floor server: reads the body, answers 201. */
async function bareServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.on('data', () => {})
    req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end('{"status":"stored"}'))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${PHONE_UPLOAD_ROUTE}`,
    close: () => new Promise((done) => server.close(() => done())),
  }
}

export async function phoneUploadFigures(_context: BenchContext): Promise<Figure[]> {
  const backend = await startBackend()
  const floor = await bareServer()
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  })
  try {
    const { token } = await demoTerminal(backend.url)
    const calls = materialCalls(
      keyedCaller(
        () => token,
        (input, init) => fetch(`${backend.url}${String(input)}`, init),
      ),
    )
    const phone = await browser.newContext({ ...PHONE, locale: 'zh-CN' })
    const toKiosk: number[] = []
    const floorMs: number[] = []
    const sizes: number[] = []
    for (let round_ = 0; round_ <= UPLOADS; round_++) {
      let started: (url: string) => void = () => {}
      const link = new Promise<string>((done) => {
        started = done
      })
      let arrived: () => void = () => {}
      const shown = new Promise<void>((done) => {
        arrived = done
      })
      const sendBack = (event: FlowEvent) => {
        if (event.type === 'phone.started') started(event.url)
        if (event.type === 'phone.photos' && event.answer.photos.length > 0) arrived()
      }
      const stop = watchPhoneUpload(
        calls,
        () => crypto.randomUUID(),
        { itemCode: ITEM, recordKey: null },
        sendBack,
        () => {},
      )
      try {
        const page = await phone.newPage()
        await page.goto(await link)
        const input = page.locator(`section[data-material="${MATERIAL}"] input[type=file]`)
        await input.waitFor({ state: 'attached' })
        // The camera's photo, about 500 kB, drawn before the clock starts.
        const photo = await noisePhoto(page, round_ + 1, { width: 1150, height: 740, quality: 0.8 })
        const body = page
          .waitForRequest((r) => r.url().endsWith(PHONE_UPLOAD_ROUTE))
          .then((r) => r.postData() ?? '')
        await page.waitForTimeout(PHOTO_AFTER_OPEN_MS)
        const t0 = performance.now()
        await input.setInputFiles([{ name: 'IMG.jpg', mimeType: 'image/jpeg', buffer: photo }])
        await shown
        const elapsed = performance.now() - t0
        const sent = await body
        const f0 = performance.now()
        const res = await fetch(floor.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: sent,
        })
        await res.text()
        const floorElapsed = performance.now() - f0
        if (round_ > 0) {
          toKiosk.push(elapsed)
          floorMs.push(floorElapsed)
          sizes.push(photo.length)
        }
        await page.close()
      } finally {
        stop()
      }
    }
    const note = `${UPLOADS} uploads after 1 warm-up, photos ${Math.round(Math.min(...sizes) / 1000)}–${Math.round(Math.max(...sizes) / 1000)} kB as taken; chosen ${PHOTO_AFTER_OPEN_MS} ms after the page opened; kiosk poll every ${PHONE_POLL.openedMs} ms once the phone opened the page; samples ${toKiosk.map((v) => Math.round(v)).join(', ')} ms`
    return [
      { name: 'phone.upload.toKiosk.median', value: round(median(toKiosk)), unit: 'ms', note },
      {
        name: 'phone.upload.floor.median',
        value: round(median(floorMs)),
        unit: 'ms',
        note: 'the same upload body POSTed to a bare node:http server on loopback (reads it, answers 201)',
      },
      { name: 'phone.upload.ofFloor', value: round(median(toKiosk) / median(floorMs), 2), unit: '×' },
    ]
  } finally {
    await browser.close()
    await floor.close()
    await backend.stop()
  }
}
