/**
 * 交通运输 / 交警: driving licence points and traffic fines.
 */
import { row, subjectRows } from '../common'
import { adapter, baseLines } from './generic'

/** The transport / traffic-police simulator. */
export const transportAdapter = adapter('transport', {
  query: (ctx) => [
    ...subjectRows(ctx),
    row('驾驶证状态', 'Licence status', ctx.rng.pick(['正常', '正常', '正常', '逾期未审验'])),
    row('累积记分', 'Points', String(ctx.rng.pick([0, 0, 0, 1, 3, 6]))),
    row('未处理违法', 'Open violations', String(ctx.rng.pick([0, 0, 1, 2]))),
  ],
  documentLines: (ctx) => baseLines(ctx, ['无未处理的交通违法记录。', '出具单位：区交警大队']),
  amountFen: (ctx) => ctx.rng.pick([10000, 20000]),
  place: (ctx) => `区交警大队车管服务站 ${ctx.rng.int(1, 8)} 号窗口`,
})
