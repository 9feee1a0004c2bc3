/** 住房城乡建设: public rental housing, new-home sales records, leases and property management. */
import { apply, type DepartmentTable, mat, print, query } from './builders'
import { address, amount, date, description, text } from './fields'

const SALES = '房屋交易'

/** The 住房城乡建设 table. */
export const housing: DepartmentTable = {
  code: 'housing',
  abbr: 'ZJ',
  zh: '住房建设',
  en: 'Housing and Urban-Rural Development',
  theme: '住房保障',
  rows: [
    query('公共租赁住房申请进度查询', 'Public rental housing application progress', {
      aliases: ['公租房进度', '公租房查询'],
      keywords: ['公租房', '轮候', '进度'],
    }),
    query('公共租赁住房房源查询', 'Available public rental homes', {
      identity: [],
      aliases: ['公租房房源'],
      keywords: ['公租房', '房源', '小区'],
    }),
    query('商品房预售许可查询', 'Pre-sale permits for new homes', {
      identity: [],
      theme: SALES,
      aliases: ['预售证查询', '楼盘预售证'],
      keywords: ['预售证', '楼盘', '新房'],
      fields: [text('project', ['楼盘或项目名称', 'Development name'], { maxLength: 40 })],
    }),
    query('商品房网签备案信息查询', 'New-home contract filing', {
      theme: SALES,
      aliases: ['网签查询', '购房合同备案查询'],
      keywords: ['网签', '备案', '购房合同'],
    }),
    print('商品房网签备案证明打印', 'New-home contract filing certificate', {
      theme: SALES,
      aliases: ['网签备案证明', '购房备案证明'],
      keywords: ['网签', '备案', '证明', '入学'],
    }),
    apply('公共租赁住房申请', 'Apply for public rental housing', 30, {
      scan: true,
      aliases: ['申请公租房', '廉租房申请'],
      keywords: ['公租房', '住房困难', '保障房'],
      materials: [
        mat('家庭成员户口簿', 'Household register of the family'),
        mat('家庭收入证明', 'Proof of household income'),
        mat('婚姻状况证明', 'Proof of marital status', { optional: true }),
      ],
      who: [
        '本市户籍或符合条件的新市民，家庭收入和住房面积低于本市公租房准入标准。',
        'Local or qualifying newly arrived families whose income and housing space are below the city’s thresholds.',
      ],
    }),
    apply('住房租赁合同登记备案', 'Register a residential lease', 3, {
      aliases: ['租房合同备案', '租赁备案'],
      keywords: ['租房', '租赁合同', '备案', '积分入学'],
      fields: [
        address(['租赁房屋地址', 'Address of the rented home']),
        amount('rent', ['月租金（元）', 'Monthly rent (yuan)']),
        date('startOn', ['租赁起始日期', 'Lease starts on']),
        date('endOn', ['租赁终止日期', 'Lease ends on']),
      ],
      materials: [mat('房屋租赁合同', 'Tenancy agreement'), mat('房屋产权证明', 'Title deed of the home')],
    }),
    apply('物业服务投诉', 'Complain about property management', 10, {
      aliases: ['物业投诉', '投诉物业'],
      keywords: ['物业', '投诉', '小区', '维修基金'],
      theme: '物业管理',
      fields: [
        text('estate', ['小区名称', 'Housing estate'], { maxLength: 40 }),
        description(['投诉内容', 'What happened']),
      ],
    }),
  ],
}
