/** 市场监管: business registration look-ups, self-employed registration, consumer complaints. */
import { apply, book, type DepartmentTable, mat, print, query } from './builders'
import { address, amount, creditCode, date, description, digits, select, text } from './fields'

const BOTH = ['自然人', '法人'] as ('自然人' | '法人')[]
const CONSUMER = '消费维权'
const SAFETY = '产品质量安全'

const companyName = text('companyName', ['企业名称或统一社会信用代码', 'Business name or credit code'], {
  maxLength: 60,
})

/** The 市场监管 table. */
export const market: DepartmentTable = {
  code: 'market',
  abbr: 'SJ',
  zh: '市场监管',
  en: 'Market Regulation',
  theme: '企业登记',
  rows: [
    query('营业执照信息查询', 'Business licence details', {
      identity: [],
      objects: BOTH,
      aliases: ['营业执照查询', '查执照', '企业查询'],
      keywords: ['营业执照', '企业', '个体户', '经营范围'],
      fields: [companyName],
    }),
    query('企业名称查重', 'Check whether a business name is free', {
      identity: [],
      objects: BOTH,
      aliases: ['企业名称自主申报查重', '公司起名查询'],
      keywords: ['企业名称', '字号', '查重', '开公司'],
      fields: [text('proposedName', ['拟用字号', 'Proposed trade name'], { maxLength: 20 })],
    }),
    query('企业信用信息公示查询', 'Business credit information', {
      identity: [],
      objects: BOTH,
      aliases: ['企业信用查询', '经营异常名录查询'],
      keywords: ['信用', '经营异常', '严重违法失信', '行政处罚'],
      fields: [companyName],
    }),
    query('企业登记业务办理进度查询', 'Business registration progress', {
      objects: BOTH,
      aliases: ['营业执照办理进度', '开公司进度'],
      keywords: ['登记', '进度', '营业执照'],
    }),
    query('食品经营许可信息查询', 'Food business licences', {
      identity: [],
      objects: BOTH,
      theme: '食品安全',
      aliases: ['食品许可证查询', '餐馆有没有证'],
      keywords: ['食品经营许可证', '餐饮', '食品安全'],
      fields: [companyName],
    }),
    query('电梯安全信息查询', 'Lift safety information', {
      identity: [],
      theme: SAFETY,
      aliases: ['电梯年检查询', '电梯查询'],
      keywords: ['电梯', '年检', '维保', '96333'],
      fields: [
        digits('liftCode', ['电梯应急救援识别码', 'Lift emergency ID code'], 5, 8, [
          '见电梯轿厢内张贴的识别码',
          'Shown on the sticker inside the lift car',
        ]),
      ],
    }),
    query('产品质量监督抽查结果查询', 'Product quality spot-check results', {
      identity: [],
      objects: BOTH,
      theme: SAFETY,
      aliases: ['抽查结果', '不合格产品查询'],
      keywords: ['抽查', '不合格', '产品质量'],
    }),
    print('营业执照自助打印', 'Print a business licence', {
      identity: ['身份证', '人脸'],
      objects: ['法人'],
      aliases: ['打印营业执照', '领执照'],
      keywords: ['营业执照', '打印', '副本'],
      fields: [creditCode],
      who: [
        '已核准登记的企业或个体工商户的法定代表人（负责人）本人。',
        'The legal representative or owner of a business whose registration has been approved.',
      ],
    }),
    print('市场主体信用报告打印', 'Business credit report', {
      objects: ['法人'],
      aliases: ['企业信用报告', '无违法违规证明'],
      keywords: ['信用报告', '招投标', '无违法'],
      fields: [creditCode],
    }),
    apply('个体工商户设立登记', 'Register as a self-employed business', 1, {
      scan: true,
      aliases: ['办个体户执照', '个体户注册', '开店办执照'],
      keywords: ['个体户', '营业执照', '开店'],
      fields: [
        text('tradeName', ['个体户名称（可不填）', 'Business name (optional)'], {
          required: false,
          maxLength: 30,
        }),
        text('scope', ['经营范围', 'Business scope'], { maxLength: 100 }),
        address(['经营场所', 'Business premises']),
      ],
      materials: [mat('经营场所使用证明（租赁合同或产权证明）', 'Proof of premises (lease or title deed)')],
    }),
    apply('个体工商户注销登记', 'Close a self-employed business', 1, {
      aliases: ['个体户注销', '注销执照'],
      keywords: ['个体户', '注销', '营业执照'],
      fields: [creditCode],
      who: [
        '无未结清税款、罚款的个体工商户经营者本人。',
        'The owner of a self-employed business with no unpaid tax or fines.',
      ],
    }),
    apply('消费投诉', 'Consumer complaint', 7, {
      theme: CONSUMER,
      aliases: ['12315投诉', '消费维权', '投诉商家'],
      keywords: ['12315', '投诉', '退款', '商家'],
      fields: [
        text('merchant', ['被投诉商家名称', 'Business complained about'], { maxLength: 60 }),
        date('purchasedOn', ['消费日期', 'Date of purchase']),
        amount('paid', ['涉及金额（元）', 'Amount involved (yuan)']),
        description(['投诉内容和诉求', 'What happened and what you want']),
      ],
    }),
    book('企业登记窗口预约', 'Book a business registration appointment', {
      objects: BOTH,
      aliases: ['开公司预约', '营业执照预约'],
      keywords: ['企业开办', '营业执照', '变更', '预约'],
      fields: [
        select(
          'business',
          ['办理业务', 'Business'],
          [
            ['setup', '企业设立登记', 'Setting up a company'],
            ['change', '变更登记', 'Changes'],
            ['close', '注销登记', 'Closing down'],
          ],
        ),
      ],
    }),
  ],
}
