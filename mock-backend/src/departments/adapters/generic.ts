/**
 * The fallback department system: sensible answers for any department without its own adapter.
 */
import { monthBefore, row, subjectRows } from '../common'
import type { DepartmentAdapter, DepartmentContext } from '../types'

/** Defaults every specific adapter starts from. */
export const genericAdapter: DepartmentAdapter = {
  code: '*',
  query: (ctx) => [
    ...subjectRows(ctx),
    row('办理事项', 'Service', ctx.item.name.zh),
    row('办理状态', 'Status', ctx.rng.pick(['已办结', '审核中', '已受理'])),
    row(
      '最近更新',
      'Last update',
      `${monthBefore(ctx.day, ctx.rng.int(0, 2))}-${String(ctx.rng.int(1, 28)).padStart(2, '0')}`,
    ),
  ],
  documentLines: (ctx) => [
    ...subjectRows(ctx).map((r) => `${r.label.zh}：${r.value}`),
    `事项：${ctx.item.name.zh}`,
    `出具单位：${ctx.departmentName}`,
  ],
  amountFen: (ctx) => ctx.rng.int(10, 200) * 100,
  place: (ctx) => `区政务服务中心 ${ctx.departmentName}综合窗口 ${ctx.rng.int(1, 20)} 号`,
}

/** Builds an adapter from the generic one plus overrides. */
export function adapter(
  code: string,
  overrides: Partial<Omit<DepartmentAdapter, 'code'>>,
): DepartmentAdapter {
  return { ...genericAdapter, ...overrides, code }
}

/** Generic lines prefixed to department-specific document lines. */
export function baseLines(ctx: DepartmentContext, lines: string[]): string[] {
  return [...subjectRows(ctx).map((r) => `${r.label.zh}：${r.value}`), ...lines]
}
