/**
 * The simulated payment gateway: orders with their amount from the department (asked when the order is created),
 * a QR code text per order (a bank card is paid at the card reader instead), the gateway's notices (paid, failed,
 * timed out: from the fault route, the simulated gateway's only voice), the resident's cancel, time-outs, the
 * check ingest makes before a 缴费 record counts, and refunds. The rules of the stored rows are in
 * db/orderRows.ts; this module decides what may be asked of them.
 */
import type { CatalogCache } from '../catalogCache'
import { ORDER_TIME_LIMIT_SECONDS, REFUND_WORKING_DAYS } from '../contract/paymentRules'
import type {
  CardPayment,
  CardPaymentAnswer,
  OrderLine,
  OrderNotice,
  OrderRequest,
  OrderView,
  PaymentFigures,
} from '../contract/payments'
import type { OrderRow, OrderStorage } from '../db/orderRows'
import type { TerminalRow } from '../db/rows'
import type { DepartmentSimulator } from '../departments/simulator'
import type { HouseholdService } from '../household/service'
import { ApiError } from '../http/errors'
import { offeredItem } from '../itemOffer'
import { shanghaiDay } from '../time'
import { derivedUuid } from './derivedId'
import type { SimulatedBank } from './simulatedBank'

/** What the gateway needs from the server (built in createAppDeps). */
export interface GatewayParts {
  orders: OrderStorage
  catalog: CatalogCache
  departments: DepartmentSimulator
  household: HouseholdService
  /** Checks bank-card PINs for the card route. */
  bank: SimulatedBank
  now: () => Date
}

/** The line a resident paying for themself gets (家庭缴费 will add one line per member, masked). */
const SELF = '本人'

/** The refund order's id: derived from the paid order's, so asking twice answers the same refund. */
export const refundIdOf = (orderId: string): string => derivedUuid(`refund:${orderId}`)

/** The order as the terminal and ops see it. */
export function orderView(row: OrderRow): OrderView {
  const {
    kind: _k,
    refundOf: _r,
    terminalId: _t,
    districtCode: _d,
    day: _day,
    transactionKey: _x,
    ...view
  } = row
  return view
}

/** The payment gateway of one server. */
export class PaymentGateway {
  constructor(private readonly parts: GatewayParts) {}

  /**
   * Creates the order, or answers the stored one for the same id (a resend never makes a second order). The id of
   * another terminal's order, or of another item, is a conflict.
   */
  async create(terminal: TerminalRow, req: OrderRequest): Promise<OrderView> {
    const { orders, catalog, departments } = this.parts
    const stored = await orders.get(req.orderId)
    if (stored) return orderView(await this.current(this.ownedBy(stored, terminal, req.itemCode)))
    const version = await catalog.versionIndex(req.catalogVersion)
    const offered = offeredItem(version ?? (await catalog.active()), req.itemCode, terminal)
    if (!('entry' in offered))
      throw new ApiError(offered.code, offered.status === 'retry' ? 'retry' : 'validation', offered.message)
    const { item, departmentName } = offered.entry
    if (item.kind !== '缴费')
      throw new ApiError(400, 'validation', `itemCode: item "${item.code}" is not a payment (缴费) item`)
    const now = this.parts.now()
    const at = now.toISOString()
    const day = shanghaiDay(now)
    const lines = req.household
      ? this.parts.household.lines(offered.entry, req.household, req.fields, { day, at })
      : [
          {
            subject: SELF,
            amountFen: this.quote(departments, {
              item,
              departmentName,
              fields: req.fields,
              orderId: req.orderId,
              day,
              at,
            }),
          },
        ]
    const totalFen = lines.reduce((sum, line) => sum + line.amountFen, 0)
    const row = await orders.create({
      orderId: req.orderId,
      kind: 'payment',
      refundOf: null,
      terminalId: terminal.id,
      districtCode: terminal.districtCode,
      itemCode: item.code,
      lines,
      totalFen,
      method: req.method,
      qrText:
        req.method === 'card' ? null : `https://pay.example.invalid/qr/${req.orderId}?amount=${totalFen}`,
      day,
      createdAt: at,
      expiresAt: new Date(now.getTime() + ORDER_TIME_LIMIT_SECONDS * 1000).toISOString(),
    })
    return orderView(this.ownedBy(row, terminal, req.itemCode))
  }

  /** The terminal's order now (a pending order past its limit is timed out first). */
  async status(terminal: TerminalRow, orderId: string): Promise<OrderView> {
    return orderView(await this.current(this.ownedBy(await this.find(orderId), terminal)))
  }

  /**
   * Pays the terminal's bank-card order with the card read at the reader and its PIN: the simulated bank checks
   * the PIN, and the order's own amount is charged. A paid order answers paid again (a retry pays nothing twice);
   * a wrong PIN leaves the order pending and says how many tries the card has left.
   */
  async payByCard(terminal: TerminalRow, orderId: string, card: CardPayment): Promise<CardPaymentAnswer> {
    const row = await this.current(this.ownedBy(await this.find(orderId), terminal))
    if (row.method !== 'card')
      throw new ApiError(409, 'order_conflict', `order ${orderId} is paid by ${row.method}, not by bank card`)
    if (row.status === 'paid') return { outcome: 'paid', order: orderView(row) }
    if (row.status !== 'pending')
      throw new ApiError(
        409,
        'order_settled',
        `order ${orderId} is ${row.status}, not pending: nothing charged`,
      )
    const verdict = await this.parts.bank.verify(card.cardNumber, card.pin)
    if (!verdict.ok)
      return verdict.blocked
        ? { outcome: 'pinBlocked' }
        : { outcome: 'pinWrong', triesLeft: verdict.triesLeft }
    const at = this.parts.now().toISOString()
    if (!(await this.parts.orders.settle(row, 'paid', null, at))) {
      const now = await this.current(await this.find(orderId))
      if (now.status === 'paid') return { outcome: 'paid', order: orderView(now) }
      throw new ApiError(
        409,
        'order_settled',
        `order ${orderId} is ${now.status}, not pending: nothing charged`,
      )
    }
    return { outcome: 'paid', order: orderView(await this.find(orderId)) }
  }

  /** The resident cancelled: a pending order is abandoned with the reason; a settled one is answered as it is. */
  async cancel(terminal: TerminalRow, orderId: string): Promise<OrderView> {
    const row = this.ownedBy(await this.find(orderId), terminal)
    await this.parts.orders.settle(row, 'cancelled', 'resident', this.parts.now().toISOString())
    return orderView(await this.current(await this.find(orderId)))
  }

  /** The simulated gateway's notice for an order (fault route): a settled order stays as it was (409). */
  async notice(orderId: string, notice: OrderNotice): Promise<OrderView> {
    const row = await this.find(orderId)
    const at = this.parts.now().toISOString()
    const reason =
      notice.outcome === 'failed' ? notice.reason : notice.outcome === 'timedOut' ? 'timeout' : null
    if (!(await this.parts.orders.settle(row, notice.outcome, reason, at))) {
      const now = await this.current(row)
      throw new ApiError(
        409,
        'order_settled',
        `order ${orderId} is ${now.status}, not pending: nothing changed`,
      )
    }
    return orderView(await this.find(orderId))
  }

  /**
   * Why a 缴费 record of `terminal` may not be stored, or null: it needs a paid order of the same terminal and
   * item that settled no other record. Links the order to the record (once; the same key again is a retry).
   */
  async settleRecord(
    terminal: TerminalRow,
    record: { key: string; itemCode: string; orderId?: string },
  ): Promise<{ order: OrderRow } | { problem: string }> {
    if (!record.orderId) return { problem: 'orderId: a 缴费 record needs a paid order (缴费须先支付)' }
    const row = await this.parts.orders.get(record.orderId)
    if (row?.kind !== 'payment' || row.terminalId !== terminal.id)
      return { problem: `orderId: no order ${record.orderId} of this terminal (订单不存在)` }
    if (row.itemCode !== record.itemCode)
      return {
        problem: `orderId: order ${record.orderId} pays for item ${row.itemCode}, not ${record.itemCode}`,
      }
    const now = await this.current(row)
    if (now.status !== 'paid')
      return { problem: `orderId: order ${record.orderId} is ${now.status}, not paid (订单未支付)` }
    if (!(await this.parts.orders.link(row, record.key)))
      return { problem: `orderId: order ${record.orderId} already settled another record (订单已使用)` }
    return { order: now }
  }

  /**
   * The refund of a paid order the department refused, whole or (家庭缴费) for the refused lines only (made once:
   * asking again answers the same refund).
   */
  async refund(
    paid: OrderRow,
    lines: readonly OrderLine[] = paid.lines,
  ): Promise<{ refundId: string; amountFen: number; workingDays: number }> {
    const at = this.parts.now().toISOString()
    const existing = await this.parts.orders.refundOf(paid.orderId)
    const refund =
      existing ??
      (await this.parts.orders.create({
        terminalId: paid.terminalId,
        districtCode: paid.districtCode,
        itemCode: paid.itemCode,
        lines: [...lines],
        totalFen: lines.reduce((sum, line) => sum + line.amountFen, 0),
        method: paid.method,
        orderId: refundIdOf(paid.orderId),
        kind: 'refund',
        refundOf: paid.orderId,
        qrText: null,
        day: shanghaiDay(new Date(at)),
        createdAt: at,
        expiresAt: at,
      }))
    return { refundId: refund.orderId, amountFen: refund.totalFen, workingDays: REFUND_WORKING_DAYS }
  }

  /** Orders of the days [from, to] per status and reason (pending ones past their limit counted as timed out). */
  async figures(from: string, to: string, districts?: readonly string[]): Promise<PaymentFigures> {
    await this.parts.orders.expire(this.parts.now().toISOString())
    return { from, to, rows: await this.parts.orders.figures(from, to, districts) }
  }

  /** The department's answer for the members of a paid 家庭缴费 (null: collected), in line order. */
  memberRefusals(holderId: string, paid: OrderRow): (string | null)[] {
    return this.parts.household.refusals(holderId, paid.lines)
  }

  /** The single payer's amount: the department's quote, or why it cannot say. */
  private quote(departments: DepartmentSimulator, req: Parameters<DepartmentSimulator['quote']>[0]): number {
    const quote = departments.quote(req)
    if (!quote.ok) throw new ApiError(quote.code, 'department_unavailable', quote.message)
    return quote.amountFen
  }

  private async find(orderId: string): Promise<OrderRow> {
    const row = await this.parts.orders.get(orderId)
    if (row?.kind !== 'payment') throw new ApiError(404, 'not_found', `no order ${orderId}`)
    return row
  }

  /** The row when `terminal` owns it (and it pays for `itemCode`, when given); else a 409 naming the conflict. */
  private ownedBy(row: OrderRow, terminal: TerminalRow, itemCode?: string): OrderRow {
    if (row.kind !== 'payment' || row.terminalId !== terminal.id)
      throw new ApiError(404, 'not_found', `no order ${row.orderId} of this terminal`)
    if (itemCode !== undefined && row.itemCode !== itemCode)
      throw new ApiError(409, 'order_conflict', `order ${row.orderId} was created for item ${row.itemCode}`)
    return row
  }

  /** The row as it stands now: a pending order past its limit times out by itself here. */
  private async current(row: OrderRow): Promise<OrderRow> {
    const at = this.parts.now().toISOString()
    if (row.status !== 'pending' || row.expiresAt > at) return row
    await this.parts.orders.expire(at)
    return (await this.parts.orders.get(row.orderId)) ?? row
  }
}
