/**
 * The kiosk's wait for the gateway's paid notice (sync/orderClient.ts): it polls until the order is final, with
 * growing jittered waits between polls, rides out failures that may pass (no network, 5xx), stops on a refusal
 * for good, and stops at once when the flow leaves the payment step.
 */
import { describe, expect, it } from 'vitest'
import { BackendError } from '../../kiosk/src/sync/backendClient'
import { awaitPaidNotice, POLL_BASE_MS, POLL_CAP_MS, POLL_FLOOR_MS } from '../../kiosk/src/sync/orderClient'
import type { OrderStatus } from '../../mock-backend/src/contract/paymentRules'
import type { OrderView } from '../../mock-backend/src/contract/payments'

const order = (status: OrderStatus): OrderView => ({
  orderId: '00000000-0000-4000-8000-000000000001',
  itemCode: 'MED-PAY-0001',
  lines: [{ subject: '本人', amountFen: 40_000 }],
  totalFen: 40_000,
  method: 'wechat',
  status,
  reason: status === 'failed' ? 'declined' : null,
  qrText: 'https://pay.example.invalid/qr/1',
  createdAt: '2026-03-02T01:00:00.000Z',
  expiresAt: '2026-03-02T01:03:00.000Z',
  settledAt: null,
})

/** A status call answering the scripted answers in turn (an Error is thrown). */
function scripted(answers: (OrderStatus | Error)[]) {
  let polls = 0
  return {
    polls: () => polls,
    status: async () => {
      const next = answers[polls++]
      if (next === undefined) throw new Error('polled past the script')
      if (next instanceof Error) throw next
      return order(next)
    },
  }
}

describe('awaitPaidNotice', () => {
  it('polls a pending order until it is paid, each wait between the floor and floor + cap, growing', async () => {
    const waits: number[] = []
    const gateway = scripted(['pending', 'pending', 'pending', 'pending', 'paid'])
    const done = await awaitPaidNotice(
      gateway.status,
      order('pending'),
      new AbortController().signal,
      async (ms) => {
        waits.push(ms)
      },
    )
    expect(done.status).toBe('paid')
    expect(gateway.polls()).toBe(5)
    for (const [i, ms] of waits.entries()) {
      expect(ms).toBeGreaterThanOrEqual(POLL_FLOOR_MS)
      expect(ms).toBeLessThan(POLL_FLOOR_MS + Math.min(POLL_CAP_MS, POLL_BASE_MS * 2 ** i))
    }
  })

  it('answers a failed or timed-out order as it is, without polling a final order again', async () => {
    for (const final of ['failed', 'timedOut'] as const) {
      const gateway = scripted([final])
      const done = await awaitPaidNotice(
        gateway.status,
        order('pending'),
        new AbortController().signal,
        async () => {},
      )
      expect(done.status).toBe(final)
      expect(gateway.polls()).toBe(1)
    }
    const none = scripted([])
    expect((await awaitPaidNotice(none.status, order('paid'), new AbortController().signal)).status).toBe(
      'paid',
    )
    expect(none.polls()).toBe(0)
  })

  it('rides out a lost network and a 503, and stops on a refusal for good (404)', async () => {
    const flaky = scripted([
      new BackendError('network', 'GET /api/terminal/orders/1: offline'),
      new BackendError('http', 'GET: HTTP 503', 503, 'retry'),
      'paid',
    ])
    const noWait = async () => {}
    expect(
      (await awaitPaidNotice(flaky.status, order('pending'), new AbortController().signal, noWait)).status,
    ).toBe('paid')
    const gone = scripted([new BackendError('http', 'GET: HTTP 404 no order', 404, 'not_found')])
    await expect(
      awaitPaidNotice(gone.status, order('pending'), new AbortController().signal, noWait),
    ).rejects.toThrow('404')
  })

  it('stops at once when the flow leaves the payment step (the signal aborts the wait)', async () => {
    const gateway = scripted(['pending', 'pending', 'pending'])
    const leave = new AbortController()
    const waiting = awaitPaidNotice(gateway.status, order('pending'), leave.signal)
    leave.abort(new Error('left the payment step'))
    await expect(waiting).rejects.toThrow('left the payment step')
    expect(gateway.polls()).toBe(0)
  })
})
