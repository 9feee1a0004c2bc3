/**
 * 自然资源局 / 不动产登记中心: property registration records.
 */
import { row, subjectRows } from '../common'
import { adapter, baseLines } from './generic'

const STREETS = ['府前路', '人民路', '解放路', '新城大道', '东湖路']

/** The land-and-property simulator. */
export const landAdapter = adapter('land', {
  query: (ctx) => [
    ...subjectRows(ctx),
    row('不动产单元数', 'Property units', String(ctx.rng.int(0, 3))),
    row('坐落', 'Location', `本区${ctx.rng.pick(STREETS)}${ctx.rng.int(1, 300)}号`),
    row('权利类型', 'Right', '国有建设用地使用权/房屋所有权'),
    row('抵押状态', 'Mortgage', ctx.rng.pick(['无抵押', '已抵押'])),
  ],
  documentLines: (ctx) =>
    baseLines(ctx, [
      `坐落：本区${ctx.rng.pick(STREETS)}${ctx.rng.int(1, 300)}号`,
      `建筑面积：${ctx.rng.int(45, 160)}.${ctx.rng.int(10, 99)} 平方米`,
      '出具单位：区不动产登记中心',
    ]),
  amountFen: (ctx) => ctx.rng.pick([8000, 55000]),
  place: (ctx) => `区不动产登记中心 ${ctx.rng.int(1, 12)} 号窗口`,
})
