import { describe, expect, it } from 'vitest'
import { HANDOFF_VALID_DAYS, MOBILE_CASE_ROUTE } from '../../mock-backend/src/contract/handoff'
import { paidRecord } from '../fixtures/node/backend/payments'
import { call, record } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const BASE = 'https://kiosk.example.gov.cn/zw'
const tokenOf = (link: string) => new URL(link).hash.replace(/^#t=/, '')

describe('mobile case page API (扫码续办)', () => {
  const backend = backendSession({ env: { FAULTS: 'on', PUBLIC_BASE_URL: BASE } })

  async function submit(overrides: Record<string, unknown>) {
    // A 缴费 counts only with a paid order (payments/gateway.ts): paid through the simulated gateway.
    const sent =
      overrides.itemCode === 'MED-PAY-0001'
        ? await paidRecord(backend.url, backend.terminal, backend.admin.token, overrides)
        : record(overrides)
    const res = await call(backend.url, 'POST', '/api/terminal/transactions', {
      token: backend.terminal,
      body: { records: [sent] },
    })
    expect(res.status).toBe(200)
    expect(res.body.outcomes[0]).toMatchObject({ status: 'ok' })
    return res.body.outcomes[0].result
  }
  const read = (token: string) => call(backend.url, 'POST', MOBILE_CASE_ROUTE, { body: { token } })

  it('links an apply result to its case: progress, promised day and what to bring, nothing personal', async () => {
    const result = await submit({ itemCode: 'POL-APPLY-0001', fields: { phone: '13800138000' } })
    expect(result.caseLink).toMatch(new RegExp(`^${BASE.replace(/\./g, '\\.')}/m/#t=[A-Za-z0-9_-]+$`))
    const page = await read(tokenOf(result.caseLink))
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(page.body).toMatchObject({
      reference: result.reference,
      kind: '申办',
      status: expect.stringMatching(/已受理|办理中|办结|不予受理/),
      dueDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      limit: { days: expect.any(Number), unit: expect.any(String) },
    })
    expect(page.body.item.zh.length).toBeGreaterThan(0)
    expect(page.body.bring.zh.length).toBeGreaterThan(0)
    expect(page.body.history.length).toBeGreaterThan(0)
    expect(page.text).not.toContain('44160019900101123X')
    expect(page.text).not.toContain('张三')
    expect(page.text).not.toContain('13800138000')
    // The case lookup answers the same link for the case.
    const lookup = await call(backend.url, 'GET', `/api/terminal/cases/${result.reference}`, {
      token: backend.terminal,
    })
    expect(Object.values(lookup.body.caseLinks)).toEqual([result.caseLink])
  })

  it('shows a payment and a printed document (one scheme), and gives a query no link', async () => {
    const pay = await submit({ itemCode: 'MED-PAY-0001' })
    const p = await read(tokenOf(pay.caseLink))
    expect(p.body).toMatchObject({
      kind: '缴费',
      status: null,
      payment: { amountFen: pay.payment.amountFen },
    })
    const doc = await submit({ itemCode: 'HRSS-P-0002' })
    expect(doc.document.url).toBe(doc.caseLink)
    const d = await read(tokenOf(doc.caseLink))
    expect(d.body.document).toEqual({ title: doc.document.title, lines: doc.document.lines })
    const query = await submit({ itemCode: 'HRSS-Q-0001' })
    expect(query.caseLink).toBeUndefined()
  })

  it('refuses a forged, altered or unknown token with one answer that reveals nothing', async () => {
    const result = await submit({ itemCode: 'POL-APPLY-0001', fields: { phone: '13800138000' } })
    const token = tokenOf(result.caseLink)
    const bytes = Buffer.from(token, 'base64url')
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff
    const answers = await Promise.all(
      [bytes.toString('base64url'), token.slice(0, -2), 'AAAA'.repeat(8), '../../etc/passwd'].map(read),
    )
    for (const answer of answers) {
      expect(answer.status).toBe(404)
      expect(answer.body).toEqual({ error: 'not_found', message: 'this link is not valid' })
      expect(answer.headers.get('cache-control')).toBe('no-store')
    }
    const bad = await call(backend.url, 'POST', MOBILE_CASE_ROUTE, { body: { nope: 1 } })
    expect(bad.status).toBe(400)
    expect(bad.body.message).toContain('token')
  })

  it(`stops working ${HANDOFF_VALID_DAYS} days after the payment or case finished`, async () => {
    const pay = await submit({ itemCode: 'MED-PAY-0001' })
    expect((await read(tokenOf(pay.caseLink))).status).toBe(200)
    const moved = await call(backend.url, 'PUT', '/api/admin/faults/clock', {
      token: backend.admin.token,
      body: { at: '2027-03-01T10:00:00+08:00' },
    })
    expect(moved.status).toBe(200)
    try {
      const late = await read(tokenOf(pay.caseLink))
      expect(late.status).toBe(410)
      expect(late.body.message).toBe('this link worked until 2026-12-27; look the case up at a terminal')
    } finally {
      await call(backend.url, 'PUT', '/api/admin/faults/clock', {
        token: backend.admin.token,
        body: { offsetMs: 0 },
      })
    }
  })
})
