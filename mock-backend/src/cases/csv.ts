/**
 * Supervision exports as CSV, through the shared writer in reports/csv.ts (UTF-8 BOM, CRLF,
 * formula-looking cells neutralised), with Chinese headers as ops staff file them.
 */
import type { ChannelFigures } from '../contract'
import type { FollowUpRow } from '../db/caseRows'
import { toCsv } from '../reports/csv'
import type { DepartmentCount, FollowUpStanding, RatingFigures, Warning, YellowCard } from './supervision'

const pct = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(2)}%`)
/** `2026-11-27 10:05` in Asia/Shanghai (staff read local time, the API speaks UTC). */
export function shanghaiTime(iso: string | null): string {
  if (!iso) return ''
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}
const limitText = (days: number, unit: string) => (days === 0 ? '即办' : `${days}个${unit}`)

/** 预警 list: one row per case, then counts per department. */
export function warningsCsv(rows: Warning[], byDepartment: DepartmentCount[]): string {
  return toCsv([
    ['办件编号', '部门', '事项', '受理时间', '承诺时限', '办结期限', '剩余工作日', '状态'],
    ...rows.map((w) => [
      w.case.caseNumber,
      w.case.departmentNameZh,
      w.case.itemNameZh,
      shanghaiTime(w.case.acceptedAt),
      limitText(w.case.limitDays, w.case.limitUnit),
      w.case.dueDay,
      w.daysLeft,
      w.case.status,
    ]),
    [],
    ['部门', '预警数'],
    ...byDepartment.map((d) => [d.departmentName, d.count]),
  ])
}

/** 黄牌 list and counts per department and month. */
export function yellowCardsCsv(cards: YellowCard[], byDepartmentMonth: DepartmentCount[]): string {
  return toCsv([
    [
      '月份',
      '办件编号',
      '渠道',
      '部门',
      '事项',
      '受理时间',
      '办结期限',
      '超期起始日',
      '办结时间',
      '当前状态',
    ],
    ...cards.map((y) => [
      y.month,
      y.case.caseNumber,
      y.case.channel,
      y.case.departmentNameZh,
      y.case.itemNameZh,
      shanghaiTime(y.case.acceptedAt),
      y.case.dueDay,
      y.overdueSince,
      shanghaiTime(y.case.finishedAt),
      y.stillOpen ? `${y.case.status}（仍未办结）` : y.case.status,
    ]),
    [],
    ['月份', '部门', '黄牌数'],
    ...byDepartmentMonth.map((d) => [d.month ?? '', d.departmentName, d.count]),
  ])
}

/** The 好差评 figures in the report's words, one figure per row, then the same figures per channel. */
export function ratingFiguresCsv(
  from: string,
  to: string,
  f: RatingFigures,
  byChannel: readonly ChannelFigures[] = [],
): string {
  return toCsv([
    ['指标', '数值'],
    ['统计期间', `${from} 至 ${to}`],
    ['办件量', f.cases],
    ['评价数', f.ratings],
    ['评价覆盖度', pct(f.coverage)],
    ['好评数', f.good],
    ['好评率', pct(f.goodRate)],
    ['差评数', f.bad],
    ['已整改差评', f.rectified],
    ['差评整改率', pct(f.rectificationRate)],
    ['非常满意', f.byLevel[4]],
    ['满意', f.byLevel[3]],
    ['基本满意', f.byLevel[2]],
    ['不满意', f.byLevel[1]],
    ['非常不满意', f.byLevel[0]],
    ...(byChannel.length > 0
      ? [[], ['渠道', '办件量', '评价数', '评价覆盖度', '好评率', '差评数', '差评整改率']]
      : []),
    ...byChannel.map((c) => [
      c.channel,
      c.cases,
      c.ratings,
      pct(c.coverage),
      pct(c.goodRate),
      c.bad,
      pct(c.rectificationRate),
    ]),
  ])
}

const FOLLOW_UP_STATE = (f: FollowUpRow, overdue: boolean) =>
  f.closedAt ? '已办结' : overdue ? '已超期' : f.contactedAt ? '整改中' : '待联系'

/** 差评整改 list with contact, rectification and outcome. */
export function followUpsCsv(rows: FollowUpStanding[]): string {
  return toCsv([
    [
      '编号',
      '办件编号',
      '部门',
      '事项',
      '评价等级',
      '登记日期',
      '整改期限',
      '剩余工作日',
      '状态',
      '联系时间',
      '联系情况',
      '整改措施',
      '整改结果',
      '办结时间',
    ],
    ...rows.map((s) => [
      s.followUp.id,
      s.case?.caseNumber ?? '',
      s.case?.departmentNameZh ?? '',
      s.case?.itemNameZh ?? '',
      s.followUp.level,
      s.followUp.openDay,
      s.followUp.dueDay,
      s.followUp.closedAt ? '' : s.daysLeft,
      FOLLOW_UP_STATE(s.followUp, s.overdue),
      shanghaiTime(s.followUp.contactedAt),
      s.followUp.contactNote,
      s.followUp.rectification,
      s.followUp.outcome,
      shanghaiTime(s.followUp.closedAt),
    ]),
  ])
}
