/**
 * The fleet's residents pay their 缴费 at the kiosk before the record is queued, as a real terminal's do: each
 * such record gets an order through the terminal's route (its id derived from the record's key, so a second run
 * finds the same order) and the gateway's paid notice, then carries the order's id. Without it the backend
 * refuses a 缴费 record (ingest.ts): a transaction exists only for a paid order.
 */

import type { TransactionRecord } from '../contract'
import type { OrderRequest, OrderView } from '../contract/payments'
import { derivedUuid } from '../payments/derivedId'

/** How the run creates an order and tells the gateway it was paid (through the API, or the store in bulk). */
export interface FleetPayer {
  create(terminal: number, record: TransactionRecord, orderId: string): Promise<OrderView>
  paid(order: OrderView): Promise<void>
}

/** The order a fleet record's resident pays (by WeChat: the method makes no difference to the backend's work). */
export const orderRequestOf = (record: TransactionRecord, orderId: string): OrderRequest => ({
  orderId,
  itemCode: record.itemCode,
  catalogVersion: record.catalogVersion,
  method: 'wechat',
  fields: record.fields,
})

/** The order id of a fleet record: the same on every run. */
export const fleetOrderId = (record: TransactionRecord): string => derivedUuid(`fleet-order:${record.key}`)

/** Pays every record of `payItems` (item codes of 缴费) in `records` and sets its `orderId`, in place. */
export async function payRecords(
  payer: FleetPayer,
  terminal: number,
  records: readonly TransactionRecord[],
  payItems: ReadonlySet<string>,
): Promise<number> {
  let paid = 0
  for (const record of records) {
    if (!payItems.has(record.itemCode) || record.orderId) continue
    const order = await payer.create(terminal, record, fleetOrderId(record))
    if (order.status === 'pending') await payer.paid(order)
    record.orderId = order.orderId
    paid += 1
  }
  return paid
}
