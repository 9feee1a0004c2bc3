/**
 * 水电气 utilities: bills, payments, outage notices.
 */
import { monthBefore, nameHas, row, subjectRows, yuan } from '../common'
import type { DepartmentContext } from '../types'
import { adapter, baseLines } from './generic'

function utility(ctx: DepartmentContext): { name: string; unit: string; price: number } {
  if (nameHas(ctx, '水')) return { name: '水费', unit: '吨', price: 288 }
  if (nameHas(ctx, '燃气', '气')) return { name: '燃气费', unit: '立方米', price: 345 }
  return { name: '电费', unit: '千瓦时', price: 62 }
}

function bill(ctx: DepartmentContext) {
  const u = utility(ctx)
  const usage = ctx.rng.int(20, 600)
  return { ...u, usage, amountFen: Math.round(usage * u.price), period: monthBefore(ctx.day, 1) }
}

/** The utilities simulator. */
export const waterPowerAdapter = adapter('water-power', {
  query: (ctx) => {
    if (nameHas(ctx, '停电', '停水', '停气')) {
      return [
        row('计划停复时间', 'Planned outage', `${ctx.day} 09:00 至 ${ctx.day} 17:00`),
        row('影响范围', 'Affected area', ctx.rng.pick(['城关街道部分小区', '东城镇工业园', '暂无计划'])),
      ]
    }
    const b = bill(ctx)
    return [
      ...subjectRows(ctx),
      row('户号', 'Account', `${ctx.rng.int(1000, 9999)}****${ctx.rng.int(10, 99)}`),
      row('账期', 'Billing period', b.period),
      row('用量', 'Usage', `${b.usage} ${b.unit}`),
      row('应缴金额', 'Amount due', yuan(b.amountFen)),
      row('缴费状态', 'Payment status', ctx.rng.pick(['未缴', '已缴'])),
    ]
  },
  documentLines: (ctx) => {
    const b = bill(ctx)
    return baseLines(ctx, [
      `项目：${b.name}`,
      `账期：${b.period}`,
      `用量：${b.usage} ${b.unit}`,
      `金额：${yuan(b.amountFen)}`,
    ])
  },
  amountFen: (ctx) => bill(ctx).amountFen,
  place: (ctx) => `区政务服务中心一楼 水电气联办窗口 ${ctx.rng.int(1, 4)} 号`,
})
