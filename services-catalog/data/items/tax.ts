/** 税务: individual income tax, invoices and the social insurance fees that tax offices collect in Guangdong. */
import { apply, type DepartmentTable, pay, print, query } from './builders'
import {
  address,
  amount,
  bankCard,
  creditCode,
  date,
  digits,
  pensionTier,
  plateNo,
  select,
  text,
  year,
} from './fields'

const IIT = '个人所得税'
const FEES = '社保费缴纳'
const BOTH = ['自然人', '法人'] as ('自然人' | '法人')[]

/** The 税务 table. */
export const tax: DepartmentTable = {
  code: 'tax',
  abbr: 'SW',
  zh: '税务',
  en: 'Taxation',
  theme: '税费缴纳',
  rows: [
    query('个人所得税纳税记录查询', 'Individual income tax record', {
      hot: true,
      theme: IIT,
      aliases: ['个税查询', '个税记录', '个人所得税查询'],
      keywords: ['个税', '工资', '纳税', '扣缴'],
      about: [
        '查询单位为本人代扣代缴的个人所得税明细，核对收入是否被冒用。',
        'Shows the income tax withheld for you by each employer, so you can spot income you never received.',
      ],
    }),
    query('个人所得税年度汇算结果查询', 'Annual income tax reconciliation result', {
      theme: IIT,
      aliases: ['个税退税查询', '汇算清缴查询', '退税进度'],
      keywords: ['个税', '退税', '补税', '年度汇算'],
    }),
    query('个人所得税专项附加扣除信息查询', 'Special additional deductions on record', {
      theme: IIT,
      aliases: ['专项附加扣除查询', '个税扣除查询'],
      keywords: ['子女教育', '赡养老人', '住房贷款', '住房租金'],
    }),
    query('社保费缴费记录查询', 'Social insurance fees paid', {
      theme: FEES,
      aliases: ['社保费查询', '城乡居民社保缴费记录'],
      keywords: ['社保费', '缴费记录', '城乡居民'],
    }),
    query('房产税查询', 'Property tax', {
      theme: '财产和行为税',
      aliases: ['房产税缴纳情况'],
      keywords: ['房产税', '出租', '房屋'],
    }),
    query('车船税缴纳情况查询', 'Vehicle and vessel tax paid', {
      aliases: ['车船税查询'],
      keywords: ['车船税', '交强险', '车辆'],
      fields: [plateNo],
    }),
    query('发票真伪查验', 'Check whether an invoice is genuine', {
      identity: [],
      objects: BOTH,
      aliases: ['发票查验', '查发票', '发票真伪'],
      keywords: ['发票', '真伪', '数电发票', '报销'],
      fields: [
        digits('invoiceNo', ['发票号码', 'Invoice number'], 8, 20, [
          '纸质发票 8 位，数电发票 20 位',
          '8 digits on paper invoices, 20 on digital ones',
        ]),
        date('issuedOn', ['开票日期', 'Date of issue']),
        amount('total', ['价税合计（元）', 'Total incl. tax (yuan)']),
      ],
    }),
    query('涉税事项办理进度查询', 'Tax application progress', {
      objects: BOTH,
      aliases: ['税务办理进度', '退税进度查询'],
      keywords: ['进度', '税务', '办结'],
    }),
    query('纳税信用级别查询', 'Tax credit rating', {
      objects: ['法人'],
      aliases: ['纳税信用等级', 'A级纳税人查询'],
      keywords: ['纳税信用', '信用等级', '企业'],
      fields: [creditCode],
    }),
    print('个人所得税纳税记录打印', 'Individual income tax record printout', {
      theme: IIT,
      aliases: ['个税完税证明', '个税纳税证明', '纳税记录'],
      keywords: ['个税', '完税证明', '购房', '购车', '积分入户'],
      fields: [
        select(
          'period',
          ['打印期间', 'Period'],
          [
            ['12m', '最近 12 个月', 'Last 12 months'],
            ['24m', '最近 24 个月', 'Last 24 months'],
            ['60m', '最近 5 年', 'Last 5 years'],
          ],
        ),
      ],
    }),
    print('税收完税证明打印', 'Tax payment certificate', {
      aliases: ['完税证打印', '完税证明'],
      keywords: ['完税证明', '车船税', '契税', '房产税'],
    }),
    print('社会保险费缴费证明打印', 'Social insurance fee payment certificate', {
      theme: FEES,
      aliases: ['社保缴费凭证', '社保费发票'],
      keywords: ['社保费', '缴费证明', '城乡居民'],
    }),
    print('营业税完税证明打印', 'Business tax payment certificate', {
      off: true,
      aliases: ['营业税证明'],
      keywords: ['营业税'],
      about: [
        '营业税已全面改征增值税，本事项停止办理。',
        'Business tax was replaced by VAT; this item is no longer offered.',
      ],
    }),
    apply('个人所得税专项附加扣除信息采集', 'Declare special additional deductions', 0, {
      theme: IIT,
      network: '可离线',
      aliases: ['专项附加扣除填报', '个税扣除填报'],
      keywords: ['子女教育', '赡养老人', '住房租金', '大病医疗', '继续教育', '婴幼儿照护'],
      fields: [
        select(
          'deduction',
          ['扣除项目', 'Deduction'],
          [
            ['children', '子女教育', 'Children’s education'],
            ['infant', '3 岁以下婴幼儿照护', 'Care of children under 3'],
            ['further-edu', '继续教育', 'Further education'],
            ['medical', '大病医疗', 'Serious illness'],
            ['mortgage', '住房贷款利息', 'Mortgage interest'],
            ['rent', '住房租金', 'Rent'],
            ['elderly', '赡养老人', 'Support of elderly parents'],
          ],
        ),
        select(
          'taxYear',
          ['扣除年度', 'Tax year'],
          [
            ['2026', '2026', '2026'],
            ['2027', '2027', '2027'],
          ],
        ),
      ],
    }),
    apply('个人所得税年度汇算退税申请', 'Claim an annual income tax refund', 10, {
      theme: IIT,
      aliases: ['个税退税', '申请退税'],
      keywords: ['退税', '年度汇算', '个税'],
      fields: [bankCard],
      who: [
        '年度汇算结果为应退税、且未在个人所得税 App 申请过退税的纳税人。',
        'Taxpayers whose annual reconciliation shows a refund not yet claimed in the IIT app.',
      ],
    }),
    apply('代开增值税普通发票（自然人）', 'Issue a VAT invoice for an individual', 0, {
      network: '仅联网',
      aliases: ['代开发票', '个人代开发票'],
      keywords: ['代开', '发票', '劳务报酬', '租金'],
      fields: [
        text('buyer', ['购买方名称', 'Buyer']),
        {
          ...creditCode,
          key: 'buyerCode',
          label: { zh: '购买方纳税人识别号', en: 'Buyer’s taxpayer number' },
        },
        text('goods', ['货物或服务名称', 'Goods or service']),
        amount('total', ['金额（元）', 'Amount (yuan)']),
      ],
    }),
    apply('发票领用', 'Collect invoices', 1, {
      objects: ['法人'],
      aliases: ['领发票', '发票申领'],
      keywords: ['发票', '领用', '企业'],
      fields: [
        creditCode,
        select(
          'invoiceType',
          ['发票种类', 'Invoice type'],
          [
            ['general', '增值税普通发票（纸质）', 'VAT general invoice (paper)'],
            ['special', '增值税专用发票（纸质）', 'VAT special invoice (paper)'],
          ],
        ),
        digits('quantity', ['领用份数', 'Quantity'], 1, 3, ['1–999 份', '1 to 999']),
      ],
    }),
    pay(
      '城乡居民养老、医疗保险清缴',
      'Pay residents’ pension and medical insurance',
      [
        '养老保险按所选档次缴纳（每年 180–4800 元，共 10 档）；医疗保险按本市当年度个人缴费标准缴纳，以屏幕显示为准。',
        'Pension: the level you choose (180–4,800 yuan a year, 10 levels). Medical insurance: this year’s local rate, as shown on screen.',
      ],
      {
        hot: true,
        theme: FEES,
        // 家庭缴费: villagers pay the premiums of their household-register family in one go.
        servedFor: ['本人', '家人'],
        aliases: ['城乡居民养老医疗保险缴费', '社保缴费', '医保缴费', '交社保'],
        keywords: ['城乡居民', '养老保险', '医疗保险', '缴费', '清缴'],
        fields: [
          year,
          select(
            'insurance',
            ['缴费险种', 'Insurance'],
            [
              ['both', '养老保险和医疗保险', 'Pension and medical'],
              ['pension', '仅养老保险', 'Pension only'],
              ['medical', '仅医疗保险', 'Medical only'],
            ],
          ),
          pensionTier(false),
        ],
        about: [
          '为本人缴纳城乡居民养老保险和城乡居民医疗保险费用。',
          'Pays your urban and rural residents’ pension and medical insurance.',
        ],
      },
    ),
    pay(
      '灵活就业人员社会保险费缴纳',
      'Social insurance fees for flexible workers',
      [
        '按所选缴费基数和月数计算，费率以屏幕显示为准。',
        'Worked out from the base and number of months you choose; rates as shown on screen.',
      ],
      {
        theme: FEES,
        groups: ['bank-branch'],
        aliases: ['灵活就业社保缴费', '个人社保缴费', '自由职业交社保'],
        keywords: ['灵活就业', '社保费', '养老保险', '医疗保险'],
        fields: [
          select(
            'months',
            ['缴费月数', 'Months'],
            [
              ['1', '1 个月', '1 month'],
              ['3', '3 个月', '3 months'],
              ['6', '6 个月', '6 months'],
              ['12', '12 个月', '12 months'],
            ],
          ),
          select(
            'base',
            ['缴费基数', 'Contribution base'],
            [
              ['60', '全省平均工资的 60%', '60% of the provincial average wage'],
              ['100', '全省平均工资的 100%', '100% of the provincial average wage'],
              ['200', '全省平均工资的 200%', '200% of the provincial average wage'],
              ['300', '全省平均工资的 300%', '300% of the provincial average wage'],
            ],
          ),
        ],
      },
    ),
    pay(
      '个人出租房屋税费缴纳',
      'Pay tax on renting out a home',
      [
        '按租金收入综合征收，税率以本市规定和屏幕显示为准；月租金 10 万元以下免征增值税。',
        'Charged on rental income at the local combined rate shown on screen; no VAT on rent under 100,000 yuan a month.',
      ],
      {
        theme: '财产和行为税',
        aliases: ['出租屋交税', '房屋出租税'],
        keywords: ['出租', '房租', '综合征收', '房产税'],
        fields: [
          address(['出租房屋地址', 'Address of the rented home']),
          amount('monthlyRent', ['月租金（元）', 'Monthly rent (yuan)']),
          select(
            'months',
            ['缴纳月数', 'Months'],
            [
              ['1', '1 个月', '1 month'],
              ['3', '3 个月', '3 months'],
              ['6', '6 个月', '6 months'],
              ['12', '12 个月', '12 months'],
            ],
          ),
        ],
      },
    ),
    pay(
      '车船税缴纳',
      'Pay vehicle and vessel tax',
      [
        '乘用车按排气量分档，每辆每年 60 元起，以屏幕显示为准。',
        'Cars pay by engine size, from 60 yuan a year; the amount is shown on screen.',
      ],
      {
        aliases: ['交车船税'],
        keywords: ['车船税', '车辆', '年度'],
        fields: [plateNo, year],
      },
    ),
  ],
}
