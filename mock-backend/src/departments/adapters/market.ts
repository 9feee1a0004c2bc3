/**
 * 市场监管局: business licences and credit information.
 */
import { row, subjectRows } from '../common'
import type { DepartmentContext } from '../types'
import { adapter, baseLines } from './generic'

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'

function creditCode(ctx: DepartmentContext): string {
  let code = '92'
  for (let i = 0; i < 16; i++) code += ctx.rng.pick([...CODE_CHARS])
  return code
}

/** The market-regulation simulator. */
export const marketAdapter = adapter('market', {
  query: (ctx) => [
    ...subjectRows(ctx),
    row('统一社会信用代码', 'Credit code', creditCode(ctx)),
    row('登记状态', 'Status', ctx.rng.pick(['存续', '存续', '在业', '注销'])),
    row(
      '成立日期',
      'Established',
      `${ctx.rng.int(2005, 2025)}-${String(ctx.rng.int(1, 12)).padStart(2, '0')}-${String(ctx.rng.int(1, 28)).padStart(2, '0')}`,
    ),
    row('登记机关', 'Registered by', '区市场监督管理局'),
  ],
  documentLines: (ctx) =>
    baseLines(ctx, [`统一社会信用代码：${creditCode(ctx)}`, '登记状态：存续', '登记机关：区市场监督管理局']),
  place: (ctx) => `区政务服务中心三楼 市场监管窗口 ${ctx.rng.int(36, 42)} 号`,
})
