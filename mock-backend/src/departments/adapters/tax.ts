/**
 * 税务局: tax payment records and certificates.
 */
import { row, subjectRows, yuan } from '../common'
import { adapter, baseLines } from './generic'

/** The tax simulator. */
export const taxAdapter = adapter('tax', {
  query: (ctx) => {
    const year = Number(ctx.day.slice(0, 4)) - 1
    const income = ctx.rng.int(40000, 300000) * 100
    return [
      ...subjectRows(ctx),
      row('纳税年度', 'Tax year', String(year)),
      row('收入合计', 'Total income', yuan(income)),
      row('已缴税额', 'Tax paid', yuan(Math.round(income * ctx.rng.int(0, 8) * 0.01))),
      row('汇算清缴状态', 'Annual settlement', ctx.rng.pick(['已完成', '无需办理', '待办理'])),
    ]
  },
  documentLines: (ctx) =>
    baseLines(ctx, [
      `税款所属期：${Number(ctx.day.slice(0, 4)) - 1}年1月至12月`,
      `实缴税额：${yuan(ctx.rng.int(100, 50000) * 100)}`,
      '出具单位：国家税务总局区税务局',
    ]),
  amountFen: (ctx) => ctx.rng.int(300, 900) * 100,
  place: (ctx) => `区政务服务中心一楼 税务窗口 ${ctx.rng.int(1, 10)} 号`,
})
