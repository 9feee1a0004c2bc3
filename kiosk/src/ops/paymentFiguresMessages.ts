/** Strings of the ops console's 缴费 panel, Chinese first; a row is named by its orders' status (and reason). */

import type { FailureReason } from '../../../mock-backend/src/contract/paymentRules'
import type { PaymentFigureRow } from '../../../mock-backend/src/contract/payments'

const zh = {
  title: '缴费订单',
  intro: '所选时段内终端上创建的支付订单：已支付、居民放弃（按原因）、支付失败（按原因）和退款',
  none: '所选时段没有支付订单',
  loadFailed: '缴费数据加载失败',
  kind: '类别',
  count: '笔数',
  amount: '金额（元）',
  status: {
    paid: '已支付',
    pending: '待支付',
    refund: '退款',
    cancelled: '放弃：居民取消',
    timedOut: '放弃：支付超时',
    failed: '支付失败',
  } as Record<PaymentFigureRow['status'], string>,
  reason: { declined: '被拒绝', insufficientFunds: '余额不足', cardError: '读卡失败' } as Record<
    FailureReason,
    string
  >,
  failedBecause: (reason: string) => `支付失败：${reason}`,
}

const en: typeof zh = {
  title: 'Payment orders',
  intro:
    'Payment orders created at terminals in this range: paid, abandoned by residents (per reason), failed (per reason) and refunds',
  none: 'No payment orders in this range',
  loadFailed: 'Could not load the payment figures',
  kind: 'Kind',
  count: 'Orders',
  amount: 'Amount (yuan)',
  status: {
    paid: 'Paid',
    pending: 'Awaiting payment',
    refund: 'Refunds',
    cancelled: 'Abandoned: cancelled by the resident',
    timedOut: 'Abandoned: time ran out',
    failed: 'Failed',
  },
  reason: { declined: 'declined', insufficientFunds: 'insufficient funds', cardError: 'card not read' },
  failedBecause: (reason) => `Failed: ${reason}`,
}

/** Both dictionaries, for `useMessages(paymentFiguresMessages)`. */
export const paymentFiguresMessages = { zh, en }
