/** 水电气: water, power and gas bills, payments, new connections and fault reports. */
import { apply, type DepartmentTable, mat, pay, print, query } from './builders'
import { address, amount, contactPhone, select, utilityAccount } from './fields'

const BOTH = ['自然人', '法人'] as ('自然人' | '法人')[]
const PREPAY: readonly [string, string] = [
  '按账单应缴金额缴纳，也可预存任意金额；不收取手续费。',
  'The amount due on the bill, or any amount in advance; no service charge.',
]

/** The 水电气 (public utilities) table; payments go by account number, no ID card needed. */
export const utilities: DepartmentTable = {
  code: 'water-power',
  abbr: 'SD',
  zh: '水电气',
  en: 'Water, Power and Gas',
  theme: '水电气',
  rows: [
    query('电费账单查询', 'Electricity bill', {
      identity: [],
      objects: BOTH,
      aliases: ['查电费', '电费查询'],
      keywords: ['电费', '用电量', '欠费'],
      fields: [utilityAccount],
    }),
    query('水费账单查询', 'Water bill', {
      identity: [],
      objects: BOTH,
      aliases: ['查水费', '水费查询'],
      keywords: ['水费', '用水量', '欠费'],
      fields: [utilityAccount],
    }),
    query('燃气费账单查询', 'Gas bill', {
      identity: [],
      objects: BOTH,
      aliases: ['查燃气费', '煤气费查询'],
      keywords: ['燃气费', '煤气', '天然气'],
      fields: [utilityAccount],
    }),
    query('计划停电信息查询', 'Planned power cuts', {
      identity: [],
      aliases: ['停电通知', '什么时候停电'],
      keywords: ['停电', '检修', '通知'],
    }),
    query('停水通知查询', 'Water supply interruptions', {
      identity: [],
      aliases: ['停水信息', '什么时候停水'],
      keywords: ['停水', '检修', '水压'],
    }),
    pay('电费缴纳', 'Pay the electricity bill', PREPAY, {
      identity: [],
      objects: BOTH,
      aliases: ['交电费', '电费充值'],
      keywords: ['电费', '缴费', '预存'],
      fields: [utilityAccount, amount('amount', ['缴费金额（元）', 'Amount (yuan)'])],
    }),
    pay('水费缴纳', 'Pay the water bill', PREPAY, {
      identity: [],
      objects: BOTH,
      aliases: ['交水费'],
      keywords: ['水费', '缴费'],
      fields: [utilityAccount, amount('amount', ['缴费金额（元）', 'Amount (yuan)'])],
    }),
    pay('燃气费缴纳', 'Pay the gas bill', PREPAY, {
      identity: [],
      objects: BOTH,
      aliases: ['交燃气费', '交煤气费'],
      keywords: ['燃气费', '天然气', '缴费'],
      fields: [utilityAccount, amount('amount', ['缴费金额（元）', 'Amount (yuan)'])],
    }),
    print('电费发票打印', 'Electricity invoice', {
      identity: [],
      objects: BOTH,
      aliases: ['电费收据', '电费发票'],
      keywords: ['电费', '发票', '报销'],
      fields: [
        utilityAccount,
        select(
          'month',
          ['账单月份', 'Billing month'],
          [
            ['last', '上月', 'Last month'],
            ['2-ago', '两个月前', 'Two months ago'],
            ['3-ago', '三个月前', 'Three months ago'],
          ],
        ),
      ],
    }),
    apply('居民用电报装', 'New household electricity connection', 5, {
      aliases: ['用电报装', '装电表', '申请用电'],
      keywords: ['报装', '电表', '新装', '增容'],
      fields: [address(['用电地址', 'Address to connect'])],
      materials: [mat('房屋产权证明或租赁合同', 'Title deed or lease')],
    }),
    apply('居民用水报装', 'New household water connection', 7, {
      aliases: ['用水报装', '装水表'],
      keywords: ['报装', '水表', '新装'],
      fields: [address(['用水地址', 'Address to connect'])],
      materials: [mat('房屋产权证明或租赁合同', 'Title deed or lease')],
    }),
    apply('用电户名变更（过户）', 'Transfer an electricity account to a new name', 3, {
      aliases: ['电表过户', '电费户名变更'],
      keywords: ['过户', '户名', '二手房'],
      fields: [utilityAccount],
      materials: [mat('新户主的房屋产权证明', 'Title deed of the new owner')],
    }),
    apply('水电气故障报修', 'Report a water, power or gas fault', 1, {
      identity: [],
      needsPhone: false,
      aliases: ['报修', '停水报修', '停电报修'],
      keywords: ['报修', '停水', '停电', '水表', '电表'],
      fields: [
        select(
          'fault',
          ['故障类型', 'Fault'],
          [
            ['no-water', '停水或水压低', 'No water or low pressure'],
            ['no-power', '停电', 'Power cut'],
            ['meter', '水表、电表或燃气表异常', 'Faulty meter'],
            ['leak', '管道漏水', 'Leaking pipe'],
          ],
        ),
        address(['故障地址', 'Address']),
        contactPhone,
      ],
      who: [
        '任何人均可报修。闻到燃气泄漏请立即离开并拨打燃气抢修电话或 119，不要在此报修。',
        'Anyone may report a fault. If you smell gas, leave at once and call the gas emergency line or 119 instead.',
      ],
    }),
  ],
}
