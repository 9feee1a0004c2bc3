/** Payment orders on PostgreSQL (migrations/0013-payment-orders.sql), as db/sqlite/orderStore.ts. */
import type { Sql } from 'postgres'
import type { OrderReason, OrderStatus } from '../../contract/paymentRules'
import type { PaymentFigureRow } from '../../contract/payments'
import { mergeFigureRows, type NewOrder, type OrderKey, type OrderRow, type OrderStorage } from '../orderRows'

type DbRow = Omit<OrderRow, 'lines'> & { linesJson: string }
const toRow = ({ linesJson, ...row }: DbRow): OrderRow => ({ ...row, lines: JSON.parse(linesJson) })

/** Payment and refund orders over one pooled `sql`. */
export class PostgresOrderStorage implements OrderStorage {
  constructor(private readonly sql: Sql) {}

  private async one(where: 'order_id' | 'refund_of', id: string): Promise<OrderRow | undefined> {
    const [row] = await this.sql<DbRow[]>`
      SELECT order_id, kind, refund_of, terminal_id, district_code, item_code, lines_json, total_fen, method, status,
        reason, qr_text, day, created_at, expires_at, settled_at, transaction_key
      FROM payment_orders WHERE ${this.sql(where)} = ${id}`
    return row && toRow(row)
  }

  async create(o: NewOrder): Promise<OrderRow> {
    await this.sql`
      INSERT INTO payment_orders (order_id, kind, refund_of, terminal_id, district_code, item_code, lines_json,
        total_fen, method, status, qr_text, day, created_at, expires_at)
      VALUES (${o.orderId}, ${o.kind}, ${o.refundOf}, ${o.terminalId}, ${o.districtCode}, ${o.itemCode},
        ${JSON.stringify(o.lines)}, ${o.totalFen}, ${o.method}, 'pending', ${o.qrText}, ${o.day}, ${o.createdAt},
        ${o.expiresAt})
      ON CONFLICT (district_code, order_id) DO NOTHING`
    return (await this.get(o.orderId))!
  }
  async get(orderId: string): Promise<OrderRow | undefined> {
    return this.one('order_id', orderId)
  }
  async settle(
    order: OrderKey,
    status: Exclude<OrderStatus, 'pending'>,
    reason: OrderReason | null,
    at: string,
  ): Promise<boolean> {
    const rows = await this.sql`
      UPDATE payment_orders SET status = ${status}, reason = ${reason}, settled_at = ${at}
      WHERE district_code = ${order.districtCode} AND order_id = ${order.orderId} AND kind = 'payment'
        AND status = 'pending'
        AND (${status} = 'timedOut' OR expires_at > ${at})
      RETURNING order_id`
    return rows.length === 1
  }
  async expire(at: string): Promise<number> {
    const rows = await this.sql`
      UPDATE payment_orders SET status = 'timedOut', reason = 'timeout', settled_at = expires_at
      WHERE status = 'pending' AND kind = 'payment' AND expires_at <= ${at}
      RETURNING order_id`
    return rows.length
  }
  async link(order: OrderKey, key: string): Promise<boolean> {
    const rows = await this.sql`
      UPDATE payment_orders SET transaction_key = ${key}
      WHERE district_code = ${order.districtCode} AND order_id = ${order.orderId} AND kind = 'payment'
        AND status = 'paid'
        AND (transaction_key IS NULL OR transaction_key = ${key})
      RETURNING order_id`
    return rows.length === 1
  }
  async refundOf(orderId: string): Promise<OrderRow | undefined> {
    return this.one('refund_of', orderId)
  }
  async figures(from: string, to: string, districts?: readonly string[]): Promise<PaymentFigureRow[]> {
    const rows = await this.sql<PaymentFigureRow[]>`
      SELECT CASE kind WHEN 'refund' THEN 'refund' ELSE status END AS status, reason, count(*) AS count,
        sum(total_fen) AS total_fen
      FROM payment_orders WHERE day BETWEEN ${from} AND ${to}
        ${districts ? this.sql`AND district_code = ANY(${districts as string[]})` : this.sql``}
      GROUP BY 1, reason`
    return mergeFigureRows(rows)
  }
}
