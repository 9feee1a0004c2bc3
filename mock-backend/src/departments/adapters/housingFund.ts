/**
 * 住房公积金管理中心: account balance and contribution records.
 */
import { monthBefore, row, subjectRows, yuan } from '../common'
import { adapter, baseLines } from './generic'

/** The housing-provident-fund simulator. */
export const housingFundAdapter = adapter('housing-fund', {
  query: (ctx) => {
    const monthly = ctx.rng.int(200, 3000) * 100
    return [
      ...subjectRows(ctx),
      row('账户状态', 'Account status', ctx.rng.pick(['正常缴存', '正常缴存', '封存'])),
      row('账户余额', 'Balance', yuan(monthly * ctx.rng.int(6, 120))),
      row('月缴存额', 'Monthly deposit', yuan(monthly)),
      row('缴存至', 'Paid until', monthBefore(ctx.day, ctx.rng.int(0, 2))),
    ]
  },
  documentLines: (ctx) =>
    baseLines(ctx, [
      `缴存状态：正常缴存`,
      `缴存起始：${monthBefore(ctx.day, ctx.rng.int(12, 180))}`,
      '出具单位：市住房公积金管理中心区管理部',
    ]),
  place: (ctx) => `区政务服务中心三楼 公积金窗口 ${ctx.rng.int(31, 35)} 号`,
})
