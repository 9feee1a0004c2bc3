/**
 * 卫生健康局: vaccination records, health files, family doctors.
 */
import { monthBefore, nameHas, row, subjectRows } from '../common'
import { adapter, baseLines } from './generic'

/** The health-commission simulator. */
export const healthAdapter = adapter('health', {
  query: (ctx) => {
    if (nameHas(ctx, '接种')) {
      return [
        ...subjectRows(ctx),
        row('已接种剂次', 'Doses recorded', String(ctx.rng.int(8, 30))),
        row(
          '最近接种',
          'Last dose',
          `${monthBefore(ctx.day, ctx.rng.int(1, 24))} ${ctx.rng.pick(['流感疫苗', '乙肝疫苗', '新冠病毒疫苗'])}`,
        ),
        row('接种单位', 'Given at', ctx.rng.pick(['社区卫生服务中心', '镇卫生院预防接种门诊'])),
      ]
    }
    if (nameHas(ctx, '家庭医生')) {
      return [
        ...subjectRows(ctx),
        row('签约状态', 'Status', ctx.rng.pick(['已签约', '未签约'])),
        row(
          '签约团队',
          'Team',
          `${ctx.rng.pick(['城关', '东城', '西湖'])}社区家庭医生团队 ${ctx.rng.int(1, 9)} 组`,
        ),
      ]
    }
    return [
      ...subjectRows(ctx),
      row('档案状态', 'File status', '已建档'),
      row('最近更新', 'Last update', monthBefore(ctx.day, ctx.rng.int(0, 12))),
      row('管理机构', 'Managed by', ctx.rng.pick(['社区卫生服务中心', '镇卫生院'])),
    ]
  },
  documentLines: (ctx) => baseLines(ctx, ['经查询，接种/体检记录如上。', '出具单位：区卫生健康局']),
  place: (ctx) => `${ctx.rng.pick(['区妇幼保健院', '社区卫生服务中心'])} ${ctx.rng.int(1, 6)} 号诊室`,
})
