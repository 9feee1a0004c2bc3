/**
 * 民政局: marriage registration appointments, subsistence allowance, elderly allowances.
 */
import { row, subjectRows, yuan } from '../common'
import { adapter, baseLines } from './generic'

/** The civil-affairs simulator. */
export const civilAdapter = adapter('civil', {
  query: (ctx) => [
    ...subjectRows(ctx),
    row('救助类别', 'Assistance', ctx.rng.pick(['高龄津贴', '最低生活保障', '残疾人两项补贴'])),
    row('审核状态', 'Review status', ctx.rng.pick(['已通过', '审核中', '已发放'])),
    row('月发放标准', 'Monthly amount', yuan(ctx.rng.int(100, 1200) * 100)),
  ],
  documentLines: (ctx) => baseLines(ctx, ['经查询，登记信息如上。', '出具单位：区民政局']),
  place: (ctx) => `区婚姻登记处 ${ctx.rng.int(1, 4)} 号窗口`,
})
