/**
 * 缴费 hand-off (#17 item 4) through the real backend process: the terminal's settings carry the mobile page's
 * address and its signing key; a link the kiosk's own signer draws offline (WebCrypto, as in the browser) opens the
 * item to pay on the phone, with nothing personal; an altered, forged, expired or non-缴费 link is refused, and a
 * server without PUBLIC_BASE_URL sends no hand-off at all.
 */
import { describe, expect, it } from 'vitest'
import { isPaymentToken } from '../../kiosk/src/mobile/caseRequest'
import { paymentHandoffLink } from '../../kiosk/src/payments/handoffLink'
import {
  MOBILE_PAYMENT_ROUTE,
  PAYMENT_HANDOFF_VALID_MINUTES,
} from '../../mock-backend/src/contract/paymentHandoff'
import { call } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const BASE = 'https://kiosk.example.gov.cn/zw'
const PAY = 'MED-PAY-0001'
const tokenOf = (link: string) => new URL(link).hash.replace(/^#t=/, '')

/** The demo terminal's enrolment: its id and settings. */
async function enrol(url: string) {
  const res = await fetch(`${url}/api/terminals/demo-enrol`, { method: 'POST' })
  expect(res.status).toBe(200)
  return (await res.json()) as {
    terminalId: string
    settings: { paymentHandoff?: { page: string; key: string } }
  }
}

describe('缴费 hand-off links', () => {
  const backend = backendSession({ env: { PUBLIC_BASE_URL: BASE }, signIn: [] })
  const read = (token: string) => call(backend.url, 'POST', MOBILE_PAYMENT_ROUTE, { body: { token } })

  it('opens the item to pay from a link the kiosk signed offline, and nothing personal is in it', async () => {
    const { terminalId, settings } = await enrol(backend.url)
    expect(settings.paymentHandoff?.page).toBe(`${BASE}/m/`)
    const signer = { ...settings.paymentHandoff!, terminalId }
    const link = await paymentHandoffLink(signer, PAY, Date.now())
    expect(link.startsWith(`${BASE}/m/#t=`)).toBe(true)
    const token = tokenOf(link)
    // The token names the item and the terminal only.
    expect(Buffer.from(token, 'base64url').toString('latin1')).toContain(`${PAY} ${terminalId} `)
    // The mobile page tells it from a case token (version 1) by its first byte.
    expect(isPaymentToken(token)).toBe(true)
    expect(isPaymentToken(Buffer.from([1, 65, 66, 67]).toString('base64url'))).toBe(false)
    expect(isPaymentToken(null)).toBe(false)
    const page = await read(token)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(page.body.item.zh.length).toBeGreaterThan(0)
    expect(page.body.department.zh.length).toBeGreaterThan(0)
    const until = Date.parse(page.body.validUntil) - Date.now()
    expect(until).toBeGreaterThan((PAYMENT_HANDOFF_VALID_MINUTES - 2) * 60_000)
    expect(until).toBeLessThanOrEqual(PAYMENT_HANDOFF_VALID_MINUTES * 60_000)
  })

  it('refuses an altered, forged, expired or non-缴费 link, naming only expiry', async () => {
    const { terminalId, settings } = await enrol(backend.url)
    const signer = { ...settings.paymentHandoff!, terminalId }
    const token = tokenOf(await paymentHandoffLink(signer, PAY, Date.now()))
    // One payload byte changed (another expiry minute): the MAC no longer fits.
    const bytes = Buffer.from(token, 'base64url')
    bytes[bytes.length - 17] = bytes[bytes.length - 17] === 0x31 ? 0x32 : 0x31
    expect((await read(bytes.toString('base64url'))).status).toBe(404)
    const forged = tokenOf(
      await paymentHandoffLink({ ...signer, key: 'not-this-terminals-key' }, PAY, Date.now()),
    )
    expect((await read(forged)).status).toBe(404)
    const otherTerminal = tokenOf(
      await paymentHandoffLink({ ...signer, terminalId: 'T-OTHER' }, PAY, Date.now()),
    )
    expect((await read(otherTerminal)).status).toBe(404)
    const apply = tokenOf(await paymentHandoffLink(signer, 'POL-APPLY-0001', Date.now()))
    expect((await read(apply)).status).toBe(404)
    const old = Date.now() - (PAYMENT_HANDOFF_VALID_MINUTES + 2) * 60_000
    const expired = await read(tokenOf(await paymentHandoffLink(signer, PAY, old)))
    expect(expired.status).toBe(410)
    expect(expired.body.message).toContain('scan the code at the terminal again')
    expect((await read(`AQ${'x'.repeat(40)}`)).status).toBe(404)
  })
})

describe('without PUBLIC_BASE_URL', () => {
  const backend = backendSession({ signIn: [] })
  it('sends no hand-off: the kiosk then only says where to pay', async () => {
    const { settings } = await enrol(backend.url)
    expect(settings.paymentHandoff).toBeUndefined()
  })
})
