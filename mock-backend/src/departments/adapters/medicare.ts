/**
 * 医疗保障局: medical insurance enrolment, account balance, contributions.
 */
import { monthBefore, row, subjectRows, yuan } from '../common'
import { adapter, baseLines } from './generic'

/** The medical-insurance simulator. */
export const medicareAdapter = adapter('medicare', {
  query: (ctx) => [
    ...subjectRows(ctx),
    row('参保类型', 'Scheme', ctx.rng.pick(['职工基本医疗保险', '城乡居民基本医疗保险'])),
    row('参保状态', 'Status', ctx.rng.pick(['参保缴费', '参保缴费', '暂停参保'])),
    row('个人账户余额', 'Account balance', yuan(ctx.rng.int(0, 800000))),
    row(
      '定点医疗机构',
      'Designated hospital',
      ctx.rng.pick(['区人民医院', '区中医院', '镇卫生院', '社区卫生服务中心']),
    ),
    row('缴费至', 'Paid until', monthBefore(ctx.day, ctx.rng.int(-11, 1))),
  ],
  documentLines: (ctx) =>
    baseLines(ctx, [
      `参保类型：${ctx.rng.pick(['职工基本医疗保险', '城乡居民基本医疗保险'])}`,
      `参保起始：${monthBefore(ctx.day, ctx.rng.int(12, 200))}`,
      '参保状态：参保缴费',
      '出具单位：区医疗保障局',
    ]),
  amountFen: () => 40000,
  place: (ctx) => `区政务服务中心二楼 医保窗口 ${ctx.rng.int(21, 26)} 号`,
})
