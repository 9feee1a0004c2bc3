/**
 * Fleet health as CSV for ops: one row per terminal with its dead letters (count and reasons, never the
 * records themselves), so a district can see which terminals gave up on what.
 */
import type { FleetRow } from '../contract'
import { deadLetterReasonList } from '../contract/deadLetters'
import { toCsv } from './csv'

const HEADER = [
  '终端编号',
  '名称',
  '位置',
  '区县',
  '在线',
  '最近联系',
  '待发送',
  '最早待发送',
  '打印机',
  '版本',
  '目录版本',
  '被拒收记录数',
  '拒收原因',
  '提示',
]

/** The fleet rows as CSV (BOM, formula-safe), in the order given. */
export function fleetCsv(rows: FleetRow[]): string {
  return toCsv([
    HEADER,
    ...rows.map((r) => [
      r.id,
      r.name,
      r.location,
      r.districtName,
      r.online ? '是' : '否',
      r.lastSeenAt,
      r.queueLength,
      r.oldestUnsentAt,
      r.printer,
      r.appVersion,
      r.catalogVersion,
      r.deadLetters?.count ?? 0,
      r.deadLetters ? deadLetterReasonList(r.deadLetters).join('; ') : '',
      r.flags.join(' '),
    ]),
  ])
}
