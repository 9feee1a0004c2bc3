/** SQL of payment orders (migration 20), beside store.ts as `store.orders`; the rules are in ../orderRows.ts. */
import type Database from 'better-sqlite3'
import type { OrderReason, OrderStatus } from '../../contract/paymentRules'
import type { PaymentFigureRow } from '../../contract/payments'
import { mergeFigureRows, type NewOrder, type OrderKey, type OrderRow, type OrderStorage } from '../orderRows'

const COLUMNS =
  'order_id AS orderId, kind, refund_of AS refundOf, terminal_id AS terminalId, district_code AS districtCode, ' +
  'item_code AS itemCode, lines_json AS linesJson, total_fen AS totalFen, method, status, reason, qr_text AS qrText, ' +
  'day, created_at AS createdAt, expires_at AS expiresAt, settled_at AS settledAt, transaction_key AS transactionKey'

type DbRow = Omit<OrderRow, 'lines'> & { linesJson: string }
const toRow = ({ linesJson, ...row }: DbRow): OrderRow => ({ ...row, lines: JSON.parse(linesJson) })

/** Payment and refund orders on SQLite. */
export class OrderStore implements OrderStorage {
  private readonly q
  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql)
    this.q = {
      insert: p(
        'INSERT INTO payment_orders (order_id, kind, refund_of, terminal_id, district_code, item_code, lines_json, ' +
          'total_fen, method, status, qr_text, day, created_at, expires_at) VALUES (@orderId, @kind, @refundOf, ' +
          "@terminalId, @districtCode, @itemCode, @linesJson, @totalFen, @method, 'pending', @qrText, @day, " +
          '@createdAt, @expiresAt) ON CONFLICT (district_code, order_id) DO NOTHING',
      ),
      get: p(`SELECT ${COLUMNS} FROM payment_orders WHERE order_id = ?`),
      refundOf: p(`SELECT ${COLUMNS} FROM payment_orders WHERE refund_of = ?`),
      settle: p(
        'UPDATE payment_orders SET status = @status, reason = @reason, settled_at = @at ' +
          'WHERE district_code = @districtCode AND order_id = @orderId ' +
          "AND kind = 'payment' AND status = 'pending' AND (@status = 'timedOut' OR expires_at > @at)",
      ),
      expire: p(
        "UPDATE payment_orders SET status = 'timedOut', reason = 'timeout', settled_at = expires_at " +
          "WHERE status = 'pending' AND kind = 'payment' AND expires_at <= ?",
      ),
      link: p(
        'UPDATE payment_orders SET transaction_key = @key WHERE district_code = @districtCode AND order_id = @orderId ' +
          "AND kind = 'payment' AND status = 'paid' AND (transaction_key IS NULL OR transaction_key = @key)",
      ),
      figures: p(
        "SELECT CASE kind WHEN 'refund' THEN 'refund' ELSE status END AS status, reason, COUNT(*) AS count, " +
          'SUM(total_fen) AS totalFen, district_code AS districtCode FROM payment_orders WHERE day BETWEEN ? AND ? ' +
          'GROUP BY 1, reason, district_code',
      ),
    }
  }

  async create(order: NewOrder): Promise<OrderRow> {
    const { lines, ...rest } = order
    this.q.insert.run({ ...rest, linesJson: JSON.stringify(lines) })
    return (await this.get(order.orderId))!
  }
  async get(orderId: string): Promise<OrderRow | undefined> {
    const row = this.q.get.get(orderId) as DbRow | undefined
    return row && toRow(row)
  }
  async settle(
    order: OrderKey,
    status: Exclude<OrderStatus, 'pending'>,
    reason: OrderReason | null,
    at: string,
  ): Promise<boolean> {
    return (
      this.q.settle.run({ orderId: order.orderId, districtCode: order.districtCode, status, reason, at })
        .changes === 1
    )
  }
  async expire(at: string): Promise<number> {
    return this.q.expire.run(at).changes
  }
  async link(order: OrderKey, key: string): Promise<boolean> {
    return this.q.link.run({ orderId: order.orderId, districtCode: order.districtCode, key }).changes === 1
  }
  async refundOf(orderId: string): Promise<OrderRow | undefined> {
    const row = this.q.refundOf.get(orderId) as DbRow | undefined
    return row && toRow(row)
  }
  async figures(from: string, to: string, districts?: readonly string[]): Promise<PaymentFigureRow[]> {
    const rows = this.q.figures.all(from, to) as (PaymentFigureRow & { districtCode: string })[]
    return mergeFigureRows(rows.filter((r) => !districts || districts.includes(r.districtCode)))
  }
}
