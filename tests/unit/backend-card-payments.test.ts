/**
 * The gateway's bank-card route through the real backend process, on both stores: the right PIN pays the order's
 * own amount once (a retry answers the same paid order and charges nothing more); a wrong PIN counts down the
 * card's tries and leaves the order pending; the third wrong PIN blocks the card, even for the right PIN and on a
 * new order; a QR order, another terminal's order and a malformed PIN are refused; the PIN and the card number
 * never reach the backend's log.
 */
import { describe, expect, it } from 'vitest'
import { CARD_PIN_TRIES } from '../../mock-backend/src/contract/paymentRules'
import { DEMO_CARD_PIN } from '../../mock-backend/src/payments/simulatedBank'
import { createOrder } from '../fixtures/node/backend/payments'
import { STORES } from '../fixtures/node/backend/postgresStores'
import { call } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const WRONG_PIN = '654321'
let serial = 0
/** A fresh 19-digit card number per test, so one test's wrong PINs never block another's card. */
const newCard = () => `62220212${String(Date.now()).slice(-7)}${String(++serial).padStart(4, '0')}`

describe.each(STORES)('bank-card payments on %s', (store) => {
  const backend = backendSession({ store, signIn: ['admin', 'terminal'] })
  const pay = (orderId: string, body: Record<string, unknown>, token = backend.terminal) =>
    call(backend.url, 'POST', `/api/terminal/orders/${orderId}/card`, { token, body })
  const status = async (orderId: string) =>
    (await call(backend.url, 'GET', `/api/terminal/orders/${orderId}`, { token: backend.terminal })).body

  it('pays the order’s own amount with the right PIN, once: a retry answers the same paid order', async () => {
    const order = await createOrder(backend.url, backend.terminal, { method: 'card' })
    const cardNumber = newCard()
    const first = await pay(order.orderId, { cardNumber, pin: DEMO_CARD_PIN })
    expect(first.status, first.text).toBe(200)
    expect(first.body.outcome).toBe('paid')
    expect(first.body.order).toMatchObject({
      orderId: order.orderId,
      status: 'paid',
      totalFen: order.totalFen,
    })
    const again = await pay(order.orderId, { cardNumber, pin: DEMO_CARD_PIN })
    expect(again.body).toEqual(first.body)
    expect((await status(order.orderId)).settledAt).toBe(first.body.order.settledAt)
    // The amount is the order's: a body that names one is refused, not charged.
    const other = await createOrder(backend.url, backend.terminal, { method: 'card' })
    const priced = await pay(other.orderId, { cardNumber, pin: DEMO_CARD_PIN, amountFen: 1 })
    expect(priced.status).toBe(400)
    expect((await status(other.orderId)).status).toBe('pending')
  })

  it('counts wrong PINs down per card, then blocks the card even for the right PIN', async () => {
    const order = await createOrder(backend.url, backend.terminal, { method: 'card' })
    const cardNumber = newCard()
    for (let left = CARD_PIN_TRIES - 1; left > 0; left--) {
      const wrong = await pay(order.orderId, { cardNumber, pin: WRONG_PIN })
      expect(wrong.body).toEqual({ outcome: 'pinWrong', triesLeft: left })
      expect((await status(order.orderId)).status).toBe('pending')
    }
    expect((await pay(order.orderId, { cardNumber, pin: WRONG_PIN })).body).toEqual({ outcome: 'pinBlocked' })
    expect((await pay(order.orderId, { cardNumber, pin: DEMO_CARD_PIN })).body).toEqual({
      outcome: 'pinBlocked',
    })
    const next = await createOrder(backend.url, backend.terminal, { method: 'card' })
    expect((await pay(next.orderId, { cardNumber, pin: DEMO_CARD_PIN })).body).toEqual({
      outcome: 'pinBlocked',
    })
    expect((await status(order.orderId)).status).toBe('pending')
    // Another card still pays: the count is the card's, not the terminal's.
    const fresh = await pay(next.orderId, { cardNumber: newCard(), pin: DEMO_CARD_PIN })
    expect(fresh.body.outcome).toBe('paid')
  })

  it('clears a card’s wrong tries once the right PIN pays', async () => {
    const cardNumber = newCard()
    const first = await createOrder(backend.url, backend.terminal, { method: 'card' })
    expect((await pay(first.orderId, { cardNumber, pin: WRONG_PIN })).body.triesLeft).toBe(CARD_PIN_TRIES - 1)
    expect((await pay(first.orderId, { cardNumber, pin: DEMO_CARD_PIN })).body.outcome).toBe('paid')
    const second = await createOrder(backend.url, backend.terminal, { method: 'card' })
    expect((await pay(second.orderId, { cardNumber, pin: WRONG_PIN })).body.triesLeft).toBe(
      CARD_PIN_TRIES - 1,
    )
  })

  it('refuses a QR order, another terminal’s order, a malformed card or PIN, naming the problem', async () => {
    const { url, admin } = backend
    const qr = await createOrder(url, backend.terminal, { method: 'wechat' })
    const notCard = await pay(qr.orderId, { cardNumber: newCard(), pin: DEMO_CARD_PIN })
    expect(notCard.status).toBe(409)
    expect(notCard.body.message).toContain('not by bank card')

    const order = await createOrder(url, backend.terminal, { method: 'card' })
    const created = await call(url, 'POST', '/api/admin/terminals', {
      token: admin.token,
      body: { id: `T-CARD-${store}`, name: '另一台', location: '大厅', groups: [] },
    })
    expect(created.status, created.text).toBe(201)
    const enrol = await call(url, 'POST', '/api/terminals/enrol', { body: { code: created.body.enrolCode } })
    expect(enrol.status, enrol.text).toBe(200)
    const foreign = await pay(order.orderId, { cardNumber: newCard(), pin: DEMO_CARD_PIN }, enrol.body.token)
    expect(foreign.status).toBe(404)
    expect((await status(order.orderId)).status).toBe('pending')
    expect((await pay(order.orderId, { cardNumber: newCard(), pin: DEMO_CARD_PIN }, '')).status).toBe(401)

    const shortPin = await pay(order.orderId, { cardNumber: newCard(), pin: '123' })
    expect(shortPin.status).toBe(400)
    expect(shortPin.body.message).toContain('pin must be 6 digits')
    const badCard = await pay(order.orderId, { cardNumber: '1234', pin: DEMO_CARD_PIN })
    expect(badCard.status).toBe(400)
    expect(badCard.body.message).toContain('cardNumber')
  })

  it('keeps the PIN and the card number out of the backend’s log', async () => {
    const order = await createOrder(backend.url, backend.terminal, { method: 'card' })
    const cardNumber = newCard()
    await pay(order.orderId, { cardNumber, pin: '987650' })
    await pay(order.orderId, { cardNumber, pin: DEMO_CARD_PIN })
    const log = backend.server.output()
    expect(log).not.toContain(cardNumber)
    expect(log).not.toContain('987650')
  })
})
