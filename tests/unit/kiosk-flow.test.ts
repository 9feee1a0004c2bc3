import { describe, expect, it } from 'vitest'
import { DEMO_ID_CARD } from '../../kiosk/src/devices/simulated'
import {
  buildSteps,
  buildSubmission,
  printJobFor,
  validateField,
} from '../../kiosk/src/machines/serviceFlowMachine'
import type { OrderStatus } from '../../mock-backend/src/contract/paymentRules'
import { startFlow } from '../fixtures/node/kiosk/flowActor'
import { flush } from '../fixtures/node/kiosk/harness'

const SESSION = '00000000-0000-7000-8000-000000000001'

import {
  applyItem,
  bookItem,
  parseItem,
  payItem,
  printItem,
  queryItem,
} from '../fixtures/node/kiosk/sampleCatalog'

/** A 缴费 flow on its payment step: notice agreed, the demo card read, the details confirmed. */
async function payFlow(outcome: OrderStatus = 'paid') {
  const f = startFlow(payItem)
  f.devices.payOutcome = outcome
  f.actor.send({ type: 'step.next' })
  f.actor.send({ type: 'card.swipe' })
  await flush()
  f.actor.send({ type: 'flow.submit' })
  await flush()
  return f
}

describe('flow steps derived from the catalog entry', () => {
  it('skips identify and form for an item without identity or fields', () => {
    expect(buildSteps(parseItem(queryItem)).map((s) => s.kind)).toEqual(['notice', 'confirm'])
  })
  it('adds identify, phone, sms, face and one step per field', () => {
    expect(buildSteps(parseItem(applyItem))).toEqual([
      { kind: 'notice' },
      { kind: 'identify' },
      { kind: 'phone' },
      { kind: 'sms' },
      { kind: 'face' },
      { kind: 'field', key: 'bankAccount' },
      { kind: 'field', key: 'township' },
      { kind: 'confirm' },
    ])
  })
  it('has a form step but no identify step for a booking without identity', () => {
    expect(buildSteps(parseItem(bookItem)).map((s) => s.kind)).toEqual(['notice', 'field', 'confirm'])
  })
})

describe('service flow machine per kind', () => {
  it('查询: submits without a subject and ends with the answer', async () => {
    const f = startFlow(queryItem)
    f.actor.send({ type: 'step.next' })
    expect(f.step()?.kind).toBe('confirm')
    f.actor.send({ type: 'flow.submit' })
    await flush()
    expect(f.bridge.submissions).toEqual([
      { sessionId: SESSION, itemCode: 'Q-HOSP-001', catalogVersion: 3, fields: {} },
    ])
    const out = f.output()
    expect(out?.outcome).toBe('completed')
    if (out?.outcome !== 'completed') throw new Error('not completed')
    expect(out.result.outcome.state === 'done' && out.result.outcome.result.answer?.length).toBe(1)
    expect(out.result.print).toBe('none')
  })

  it('打印: demo ID card, then prints; paper out falls back to the QR document', async () => {
    for (const printer of ['ok', 'paperOut'] as const) {
      const f = startFlow(printItem)
      f.devices.printer = printer
      f.actor.send({ type: 'step.next' })
      expect(f.step()?.kind).toBe('identify')
      f.actor.send({ type: 'card.swipe' })
      await flush()
      expect(f.step()?.kind).toBe('confirm')
      f.actor.send({ type: 'flow.submit' })
      await flush()
      expect(f.bridge.submissions[0]?.subject).toEqual({ idNumber: DEMO_ID_CARD.idNumber, name: '李明' })
      expect(f.devices.printed).toBe(1)
      const out = f.output()
      if (out?.outcome !== 'completed') throw new Error('not completed')
      expect(out.result.print).toBe(printer === 'ok' ? 'ok' : 'failed')
      expect(out.result.printerState).toBe(printer)
      expect(out.result.documentUrl).toBe('https://example.gov.cn/d/1')
    }
  })

  it('reads a card already on the reader when the identify step opens going forward, not on the way back', async () => {
    const f = startFlow(printItem)
    f.devices.cardOnReader = true
    // The notice step: a card on the reader is not read yet.
    await flush()
    expect([f.step()?.kind, f.actor.getSnapshot().context.idNumber]).toEqual(['notice', ''])
    f.actor.send({ type: 'step.next' })
    await flush()
    // Read by itself on opening, and the flow moved on.
    expect(f.step()?.kind).toBe('confirm')
    expect(f.actor.getSnapshot().context.idFromCard).toBe(true)
    // Back to identify with the card still there: not read again, or the resident could never go further back.
    f.actor.send({ type: 'nav.back' })
    await flush()
    expect(f.step()?.kind).toBe('identify')
    f.actor.send({ type: 'nav.back' })
    expect(f.step()?.kind).toBe('notice')

    // No card on the reader: the step waits for one.
    const g = startFlow(printItem)
    g.actor.send({ type: 'step.next' })
    await flush()
    expect(g.step()?.kind).toBe('identify')
    expect(g.actor.getSnapshot().context.idFromCard).toBe(false)
  })

  it('申办: typed ID with check digit, phone + SMS, face, validated fields, only item fields submitted', async () => {
    const f = startFlow(applyItem)
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'id.input', value: '441602198001011234' })
    f.actor.send({ type: 'step.next' })
    expect(f.actor.getSnapshot().context.error?.code).toBe('idCheck')
    expect(f.step()?.kind).toBe('identify')
    f.actor.send({ type: 'id.input', value: '11010519491231002x' })
    f.actor.send({ type: 'step.next' })
    expect(f.step()?.kind).toBe('phone')
    f.actor.send({ type: 'phone.input', value: '2380013800' })
    f.actor.send({ type: 'step.next' })
    expect(f.actor.getSnapshot().context.error?.code).toBe('phone')
    f.actor.send({ type: 'phone.input', value: '13800138000' })
    f.actor.send({ type: 'step.next' })
    expect(f.step()?.kind).toBe('sms')
    expect(f.actor.getSnapshot().context.smsCode).toBe('123456')
    f.actor.send({ type: 'sms.input', value: '654321' })
    f.actor.send({ type: 'step.next' })
    expect(f.actor.getSnapshot().context.error?.code).toBe('sms')
    f.actor.send({ type: 'sms.input', value: '123456' })
    f.actor.send({ type: 'step.next' })
    expect(f.step()?.kind).toBe('face')
    f.actor.send({ type: 'step.next' })
    expect(f.actor.getSnapshot().context.error?.code).toBe('face')
    f.actor.send({ type: 'face.start' })
    await flush()
    expect(f.step()).toEqual({ kind: 'field', key: 'bankAccount' })
    f.actor.send({ type: 'field.set', key: 'bankAccount', value: '1234' })
    f.actor.send({ type: 'step.next' })
    expect(f.actor.getSnapshot().context.error).toEqual({
      code: 'pattern',
      hint: { zh: '16至19位数字', en: '16 to 19 digits' },
    })
    f.actor.send({ type: 'field.set', key: 'bankAccount', value: '6222020200112233445' })
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'step.next' })
    expect(f.actor.getSnapshot().context.error?.code).toBe('option')
    f.actor.send({ type: 'field.set', key: 'township', value: 'yc' })
    f.actor.send({ type: 'field.set', key: 'notAField', value: 'leak' })
    f.actor.send({ type: 'step.next' })
    expect(f.step()?.kind).toBe('confirm')
    f.bridge.answer = () => ({ state: 'queued', key: 'k', localReference: 'L-0001' })
    f.actor.send({ type: 'flow.submit' })
    await flush()
    expect(f.bridge.submissions[0]).toEqual({
      sessionId: SESSION,
      itemCode: 'A-PENSION-01',
      catalogVersion: 3,
      subject: { idNumber: '11010519491231002X', phone: '13800138000' },
      fields: { bankAccount: '6222020200112233445', township: 'yc' },
    })
    const out = f.output()
    if (out?.outcome !== 'completed') throw new Error('not completed')
    expect(out.result.outcome).toEqual({ state: 'queued', key: 'k', localReference: 'L-0001' })
  })

  it('预约: optional date may stay empty; the appointment comes back', async () => {
    const f = startFlow(bookItem)
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'field.set', key: 'day', value: '2026-02-30' })
    f.actor.send({ type: 'step.next' })
    expect(f.actor.getSnapshot().context.error?.code).toBe('date')
    f.actor.send({ type: 'field.set', key: 'day', value: '' })
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'flow.submit' })
    await flush()
    expect(f.bridge.submissions[0]?.subject).toBeUndefined()
    const out = f.output()
    if (out?.outcome !== 'completed') throw new Error('not completed')
    expect(out.result.outcome.state === 'done' && out.result.outcome.result.appointment?.place).toBe(
      '源城区婚姻登记处',
    )
  })

  it('缴费: pays first (method, order, paid notice), then submits the record with the paid order, then asks to print', async () => {
    for (const wantsPrint of [true, false]) {
      const f = await payFlow()
      // Nothing is submitted before the payment.
      expect(f.actor.getSnapshot().value).toEqual({ paying: 'choosing' })
      expect(f.bridge.submissions).toHaveLength(0)
      f.actor.send({ type: 'pay.method', method: 'alipay' })
      await flush()
      expect(f.devices.orders).toHaveLength(1)
      expect(f.devices.orders[0]).toMatchObject({ itemCode: payItem.code, method: 'alipay' })
      expect(f.actor.getSnapshot().value).toBe('askPrint')
      expect(f.bridge.submissions[0]?.orderId).toBe(f.devices.orders[0]?.orderId)
      f.actor.send({ type: wantsPrint ? 'print.yes' : 'print.no' })
      await flush()
      const out = f.output()
      if (out?.outcome !== 'completed') throw new Error('not completed')
      expect(out.result.print).toBe(wantsPrint ? 'ok' : 'none')
      expect(f.devices.printed).toBe(wantsPrint ? 1 : 0)
    }
  })

  it('缴费: a failed or timed-out payment submits nothing and offers another try with a new order, or the end', async () => {
    for (const outcome of ['failed', 'timedOut'] as const) {
      const f = await payFlow(outcome)
      f.actor.send({ type: 'pay.method', method: 'wechat' })
      await flush()
      expect(f.actor.getSnapshot().value).toEqual({ paying: 'problem' })
      expect(f.actor.getSnapshot().context.payProblem).toBe(outcome)
      expect(f.bridge.submissions).toHaveLength(0)
      f.devices.payOutcome = 'paid'
      f.actor.send({ type: 'pay.retry' })
      f.actor.send({ type: 'pay.method', method: 'card' })
      await flush()
      f.actor.send({ type: 'card.pin', pin: f.devices.cardPin })
      await flush()
      expect(f.devices.orders.map((o) => o.method)).toEqual(['wechat', 'card'])
      expect(f.devices.orders[0]?.orderId).not.toBe(f.devices.orders[1]?.orderId)
      expect(f.bridge.submissions[0]?.orderId).toBe(f.devices.orders[1]?.orderId)
    }
    const ended = await payFlow('failed')
    ended.actor.send({ type: 'pay.method', method: 'wechat' })
    await flush()
    ended.actor.send({ type: 'cancel.confirm' })
    expect(ended.output()).toEqual({ outcome: 'cancelled' })
    expect(ended.bridge.submissions).toHaveLength(0)
  })

  it('缴费: the receipt names the amount, the paid order and, when the department refused, the refund', async () => {
    const f = await payFlow()
    f.bridge.answer = () => ({
      state: 'done',
      key: 'k',
      result: {
        reference: 'JF202603020001',
        kind: '缴费',
        payment: {
          amountFen: 40_000,
          qrText: '',
          orderId: 'o-1',
          refund: { refundId: 'r-1', amountFen: 40_000, workingDays: 7 },
        },
      },
    })
    f.actor.send({ type: 'pay.method', method: 'wechat' })
    await flush()
    expect(printJobFor(f.actor.getSnapshot().context)).toEqual({
      kind: 'receipt',
      title: `${payItem.name.zh} 凭证`,
      lines: [
        '办件编号：JF202603020001',
        '金额：400.00 元',
        '支付订单号：o-1',
        '退款单号：r-1',
        '退款金额：400.00 元（7 个工作日内原路退回）',
      ],
    })
  })

  it('a rejected submission still ends the flow with the reason', async () => {
    const f = startFlow(queryItem)
    f.bridge.answer = () => ({ state: 'rejected', key: 'k', message: 'unknown item' })
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'flow.submit' })
    await flush()
    const out = f.output()
    if (out?.outcome !== 'completed') throw new Error('not completed')
    expect(out.result.outcome).toEqual({ state: 'rejected', key: 'k', message: 'unknown item' })
  })

  it('a failing submit keeps the resident on confirm with an error', async () => {
    const f = startFlow(queryItem)
    f.bridge.submit = async () => {
      throw new Error('quota exceeded')
    }
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'flow.submit' })
    await flush()
    expect(f.step()?.kind).toBe('confirm')
    expect(f.actor.getSnapshot().context.error?.code).toBe('submit')
    expect(f.output()).toBeUndefined()
  })
})

describe('back and cancel on every step', () => {
  const stepsOfApply = buildSteps(parseItem(applyItem)).length

  /** Walks the apply flow forward with valid input until `target` is the current step. */
  async function advanceTo(f: ReturnType<typeof startFlow>, target: number) {
    const valid: Record<string, () => void> = {
      identify: () => f.actor.send({ type: 'id.input', value: DEMO_ID_CARD.idNumber }),
      phone: () => f.actor.send({ type: 'phone.input', value: '13800138000' }),
      sms: () => f.actor.send({ type: 'sms.input', value: '123456' }),
      field: () => {
        const step = f.step()
        if (step?.kind !== 'field') return
        f.actor.send({
          type: 'field.set',
          key: step.key,
          value: step.key === 'township' ? 'dk' : '6222020200112233445',
        })
      },
    }
    while (f.actor.getSnapshot().context.stepIndex < target) {
      const kind = f.step()?.kind ?? ''
      if (kind === 'face') {
        f.actor.send({ type: 'face.start' })
        await flush()
        continue
      }
      valid[kind]?.()
      f.actor.send({ type: 'step.next' })
    }
  }

  it('back walks to the previous step and leaves from the first step', () => {
    const f = startFlow(applyItem)
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'card.swipe' })
    f.actor.send({ type: 'nav.back' })
    expect(f.step()?.kind).toBe('notice')
    f.actor.send({ type: 'nav.back' })
    expect(f.output()).toEqual({ outcome: 'back' })
  })

  it('back from each later step returns exactly one step', async () => {
    for (let target = 1; target < stepsOfApply; target++) {
      const f = startFlow(applyItem)
      await advanceTo(f, target)
      expect(f.actor.getSnapshot().context.stepIndex).toBe(target)
      f.actor.send({ type: 'nav.back' })
      expect(f.actor.getSnapshot().context.stepIndex).toBe(target - 1)
    }
  })

  it('cancel asks first; dismiss keeps the step, confirm ends as cancelled', async () => {
    for (let target = 0; target < stepsOfApply; target++) {
      const f = startFlow(applyItem)
      await advanceTo(f, target)
      f.actor.send({ type: 'flow.cancel' })
      expect(f.actor.getSnapshot().context.cancelAsked).toBe(true)
      f.actor.send({ type: 'cancel.dismiss' })
      expect(f.actor.getSnapshot().context.cancelAsked).toBe(false)
      expect(f.actor.getSnapshot().context.stepIndex).toBe(target)
      f.actor.send({ type: 'flow.cancel' })
      f.actor.send({ type: 'cancel.confirm' })
      expect(f.output()).toEqual({ outcome: 'cancelled' })
    }
  })

  it('cancel also works on the payment step: before a method, and while waiting (the order is cancelled)', async () => {
    const f = await payFlow()
    f.actor.send({ type: 'flow.cancel' })
    f.actor.send({ type: 'cancel.confirm' })
    expect(f.output()).toEqual({ outcome: 'cancelled' })

    const waiting = await payFlow('pending')
    waiting.actor.send({ type: 'pay.method', method: 'wechat' })
    await flush()
    expect(waiting.actor.getSnapshot().value).toEqual({ paying: 'waiting' })
    waiting.actor.send({ type: 'flow.cancel' })
    waiting.actor.send({ type: 'cancel.confirm' })
    await flush()
    expect(waiting.devices.cancelled).toEqual([waiting.devices.orders[0]?.orderId])
    expect(waiting.output()).toEqual({ outcome: 'cancelled' })
    expect(waiting.bridge.submissions).toHaveLength(0)
  })
})

describe('paying by bank card', () => {
  /** A 缴费 flow that chose 银行卡: the order made, the reader asked for the card. */
  async function cardFlow(
    setup: (devices: Awaited<ReturnType<typeof payFlow>>['devices']) => void = () => {},
  ) {
    const f = await payFlow('pending')
    setup(f.devices)
    f.actor.send({ type: 'pay.method', method: 'card' })
    await flush()
    return f
  }
  const state = (f: Awaited<ReturnType<typeof payFlow>>) => f.actor.getSnapshot().value

  it('reads the card, takes the PIN, pays at the gateway, hands the card back, then submits with the paid order', async () => {
    const f = await cardFlow()
    expect(state(f)).toEqual({ paying: { card: 'pin' } })
    expect(f.actor.getSnapshot().context.bankCardNumber).toBe('6222021234567890123')
    f.actor.send({ type: 'card.pin', pin: f.devices.cardPin })
    await flush()
    expect(f.devices.cardPayments).toEqual([
      { orderId: f.devices.orders[0]?.orderId, cardNumber: '6222021234567890123' },
    ])
    expect(f.devices.ejected).toBe(1)
    expect(state(f)).toBe('askPrint')
    expect(f.bridge.submissions[0]?.orderId).toBe(f.devices.orders[0]?.orderId)
    // Neither the card number nor the PIN stays in the flow once the card is back.
    const ctx = JSON.stringify(f.actor.getSnapshot().context)
    expect(ctx).not.toContain('6222021234567890123')
    expect(ctx).not.toContain(f.devices.cardPin)
    expect(f.devices.cancelled).toEqual([])
  })

  it('a wrong PIN asks again with the tries left; the right one then pays once', async () => {
    const f = await cardFlow()
    f.actor.send({ type: 'card.pin', pin: '000000' })
    await flush()
    expect(state(f)).toEqual({ paying: { card: 'pin' } })
    expect(f.actor.getSnapshot().context.pinTriesLeft).toBe(2)
    expect(f.devices.ejected).toBe(0)
    expect(f.bridge.submissions).toHaveLength(0)
    f.actor.send({ type: 'card.pin', pin: f.devices.cardPin })
    await flush()
    expect(f.devices.cardPayments).toHaveLength(2)
    expect(f.bridge.submissions).toHaveLength(1)
    expect(f.actor.getSnapshot().context.pinTriesLeft).toBeNull()
  })

  it('a card blocked by wrong PINs is handed back, its order cancelled, and the problem offers another way', async () => {
    const f = await cardFlow((d) => {
      d.cardTries = 1
    })
    f.actor.send({ type: 'card.pin', pin: '000000' })
    await flush()
    expect(state(f)).toEqual({ paying: 'problem' })
    expect(f.actor.getSnapshot().context.payProblem).toBe('blocked')
    expect(f.devices.ejected).toBe(1)
    expect(f.devices.cancelled).toEqual([f.devices.orders[0]?.orderId])
    expect(f.bridge.submissions).toHaveLength(0)
    f.actor.send({ type: 'pay.retry' })
    expect(state(f)).toEqual({ paying: 'choosing' })
  })

  it('names each reader problem (no card in time, pulled out early, no reader, unreadable) and submits nothing', async () => {
    for (const problem of ['timeout', 'removed', 'missing', 'unreadable'] as const) {
      const f = await cardFlow((d) => {
        d.bankCard = problem
      })
      expect(state(f)).toEqual({ paying: 'problem' })
      expect(f.actor.getSnapshot().context.payProblem).toBe(problem)
      expect(f.devices.cancelled).toEqual([f.devices.orders[0]?.orderId])
      expect(f.devices.cardPayments).toEqual([])
      expect(f.bridge.submissions).toHaveLength(0)
    }
  })

  it('cancelling at the PIN hands the card back first, then cancels the order', async () => {
    const f = await cardFlow()
    f.actor.send({ type: 'flow.cancel' })
    f.actor.send({ type: 'cancel.confirm' })
    await flush()
    expect(f.devices.ejected).toBe(1)
    expect(f.devices.cancelled).toEqual([f.devices.orders[0]?.orderId])
    expect(f.output()).toEqual({ outcome: 'cancelled' })
    expect(f.devices.cardPayments).toEqual([])
  })
})

describe('field validation', () => {
  const field = (over: Partial<Parameters<typeof validateField>[0]>) => ({
    key: 'x',
    type: 'text' as const,
    label: { zh: '字段', en: 'Field' },
    required: true,
    personal: false,
    ...over,
  })
  it('checks required, type, length and pattern', () => {
    expect(validateField(field({}), '  ')).toEqual({ code: 'required' })
    expect(validateField(field({ required: false }), '')).toBeNull()
    expect(validateField(field({ type: 'digits' }), '12a')?.code).toBe('digits')
    expect(validateField(field({ type: 'phone' }), '1380013800')?.code).toBe('phone')
    expect(validateField(field({ type: 'phone' }), '13800138000')).toBeNull()
    expect(validateField(field({ type: 'amount' }), '12.345')?.code).toBe('pattern')
    expect(validateField(field({ type: 'amount' }), '12.34')).toBeNull()
    expect(validateField(field({ maxLength: 3 }), 'abcd')).toEqual({ code: 'maxLength', max: 3 })
    expect(validateField(field({ pattern: '^[A-Z]{2}$' }), 'AB')).toBeNull()
    expect(validateField(field({ pattern: '^[A-Z]{2}$' }), 'ABC')?.code).toBe('pattern')
  })
  it('builds no subject for items without identity', () => {
    const f = startFlow(bookItem)
    expect(buildSubmission(f.actor.getSnapshot().context).subject).toBeUndefined()
  })
})
