/**
 * 人力资源和社会保障局: social insurance records, pension, employment.
 */
import { monthBefore, nameHas, row, subjectRows, yuan } from '../common'
import type { AnswerRow, DepartmentContext } from '../types'
import { adapter, baseLines } from './generic'

function insuranceRows(ctx: DepartmentContext): AnswerRow[] {
  const months = ctx.rng.int(12, 360)
  return [
    ...subjectRows(ctx),
    row('参保状态', 'Status', ctx.rng.pick(['正常参保', '正常参保', '正常参保', '暂停缴费'])),
    row('险种', 'Insurance', ctx.rng.pick(['企业职工基本养老保险', '城乡居民基本养老保险'])),
    row('累计缴费月数', 'Months paid', String(months)),
    row('最近缴费月份', 'Last paid month', monthBefore(ctx.day, ctx.rng.int(0, 2))),
    row('个人账户累计储存额', 'Personal account', yuan(months * ctx.rng.int(180, 520) * 100)),
  ]
}

/** The HRSS simulator. */
export const hrssAdapter = adapter('hrss', {
  query: (ctx) => {
    if (nameHas(ctx, '养老金', '待遇')) {
      return [
        ...subjectRows(ctx),
        row('待遇状态', 'Benefit status', '正常发放'),
        row('月发放金额', 'Monthly amount', yuan(ctx.rng.int(1800, 5200) * 100)),
        row('最近发放月份', 'Last paid month', monthBefore(ctx.day, 0)),
      ]
    }
    if (nameHas(ctx, '社保卡')) {
      return [
        ...subjectRows(ctx),
        row('社保卡状态', 'Card status', ctx.rng.pick(['正常', '正常', '已挂失'])),
        row(
          '发卡银行',
          'Issuing bank',
          ctx.rng.pick(['中国工商银行', '中国农业银行', '中国建设银行', '广东农信']),
        ),
      ]
    }
    return insuranceRows(ctx)
  },
  documentLines: (ctx) =>
    baseLines(ctx, [
      ...insuranceRows(ctx)
        .filter((r) => r.label.zh !== '姓名' && r.label.zh !== '证件号码')
        .map((r) => `${r.label.zh}：${r.value}`),
      '出具单位：区人力资源和社会保障局',
    ]),
  amountFen: (ctx) => ctx.rng.pick([18000, 36000, 60000, 120000]),
  place: (ctx) => `区政务服务中心二楼 人社综合窗口 ${ctx.rng.int(11, 18)} 号`,
})
