/**
 * 公安局: ID cards, household registration, residence permits.
 */
import { nameHas, row, subjectRows } from '../common'
import { adapter, baseLines } from './generic'

/** The public-security simulator. */
export const policeAdapter = adapter('police', {
  query: (ctx) => {
    if (nameHas(ctx, '身份证', '证件')) {
      return [
        ...subjectRows(ctx),
        row('办证进度', 'Progress', ctx.rng.pick(['已受理', '制证中', '已制证，待领取', '已领取'])),
        row('领证地点', 'Collect at', '区政务服务中心公安窗口'),
      ]
    }
    return [
      ...subjectRows(ctx),
      row(
        '户籍所在地',
        'Household registered in',
        ctx.rng.pick(['本区城关街道', '本区东城镇', '本区西湖街道']),
      ),
      row('户籍状态', 'Registration status', '正常'),
    ]
  },
  documentLines: (ctx) =>
    baseLines(ctx, [
      `户籍所在地：${ctx.rng.pick(['本区城关街道', '本区东城镇', '本区西湖街道'])}`,
      '经查询，该人员户籍信息如上。',
      '出具单位：区公安分局户政科',
    ]),
  amountFen: (ctx) => (nameHas(ctx, '补领') ? 4000 : 2000),
  place: (ctx) => `区政务服务中心一楼 公安户政窗口 ${ctx.rng.int(1, 6)} 号`,
})
