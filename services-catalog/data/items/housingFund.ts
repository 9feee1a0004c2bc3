/** 住房公积金: accounts, withdrawals, loans and the calculators residents use before applying. */
import { apply, type DepartmentTable, mat, pay, print, query } from './builders'
import { amount, bankCard, select } from './fields'

const CALC = '公积金计算'

const loanYears = select(
  'years',
  ['贷款年限', 'Loan term'],
  ['5', '10', '15', '20', '25', '30'].map((y) => [y, `${y} 年`, `${y} years`] as const),
)
const repayment = select(
  'method',
  ['还款方式', 'Repayment method'],
  [
    ['annuity', '等额本息', 'Equal monthly payments'],
    ['linear', '等额本金', 'Equal principal payments'],
  ],
)

/** The 住房公积金 table. */
export const housingFund: DepartmentTable = {
  code: 'housing-fund',
  abbr: 'GJJ',
  zh: '公积金',
  en: 'Housing Provident Fund',
  theme: '住房公积金',
  rows: [
    query('住房公积金个人账户查询', 'Housing provident fund account', {
      hot: true,
      aliases: ['公积金查询', '公积金余额', '查公积金'],
      keywords: ['公积金', '余额', '缴存', '账户'],
      about: [
        '查询本人公积金账户余额、缴存基数、月缴存额和账户状态。',
        'Shows your fund balance, contribution base, monthly contribution and account status.',
      ],
    }),
    query('住房公积金缴存明细查询', 'Provident fund contributions', {
      aliases: ['公积金缴存记录', '公积金明细'],
      keywords: ['公积金', '缴存', '明细'],
    }),
    query('住房公积金提取记录查询', 'Provident fund withdrawals', {
      aliases: ['公积金提取查询'],
      keywords: ['公积金', '提取', '记录'],
    }),
    query('住房公积金贷款信息查询', 'Provident fund loan', {
      aliases: ['公积金贷款查询', '房贷余额查询'],
      keywords: ['公积金贷款', '还款', '余额'],
    }),
    query('公积金贷款审批进度查询', 'Provident fund loan approval progress', {
      aliases: ['公积金贷款进度'],
      keywords: ['公积金贷款', '审批', '进度'],
    }),
    query('公积金贷款试算', 'Provident fund loan calculator', {
      identity: [],
      theme: CALC,
      aliases: ['公积金贷款计算器', '能贷多少'],
      keywords: ['贷款额度', '月供', '计算'],
      fields: [amount('loanAmount', ['拟贷款金额（元）', 'Loan amount (yuan)']), loanYears, repayment],
    }),
    query('公积金还款计算', 'Provident fund repayment calculator', {
      identity: [],
      theme: CALC,
      aliases: ['提前还款计算', '月供计算'],
      keywords: ['还款', '月供', '提前还款'],
      fields: [
        amount('balance', ['剩余本金（元）', 'Outstanding principal (yuan)']),
        loanYears,
        repayment,
        amount(
          'prepay',
          ['计划提前还款金额（元，可不填）', 'Planned early repayment (yuan, optional)'],
          false,
        ),
      ],
    }),
    query('公积金缴存计算', 'Provident fund contribution calculator', {
      identity: [],
      theme: CALC,
      aliases: ['公积金缴存额计算'],
      keywords: ['缴存基数', '缴存比例', '计算'],
      fields: [
        amount('wage', ['月工资（元）', 'Monthly wage (yuan)']),
        select(
          'rate',
          ['单位和个人缴存比例', 'Contribution rate (each side)'],
          ['5', '6', '7', '8', '9', '10', '11', '12'].map((r) => [r, `${r}%`, `${r}%`] as const),
        ),
      ],
    }),
    query('公积金缴存提取经办银行查询', 'Banks handling fund contributions and withdrawals', {
      identity: [],
      aliases: ['公积金经办银行'],
      keywords: ['银行', '网点', '缴存', '提取'],
    }),
    query('纯公积金贷款受理网点查询', 'Where to apply for a provident fund loan', {
      identity: [],
      aliases: ['纯公积金贷款受理网点', '公积金贷款网点'],
      keywords: ['公积金贷款', '网点', '受理'],
    }),
    query('组合贷款受理银行查询', 'Banks offering combined mortgages', {
      identity: [],
      aliases: ['组合贷款各受理银行查询', '组合贷银行'],
      keywords: ['组合贷款', '商业贷款', '银行'],
    }),
    print('住房公积金缴存证明打印', 'Provident fund contribution certificate', {
      aliases: ['公积金证明', '公积金缴存证明'],
      keywords: ['公积金', '证明', '贷款', '购房'],
    }),
    print('住房公积金个人明细账打印', 'Provident fund account statement', {
      aliases: ['公积金对账单', '公积金明细打印'],
      keywords: ['公积金', '明细账', '对账单'],
    }),
    print('住房公积金贷款结清证明打印', 'Provident fund loan paid-off certificate', {
      aliases: ['公积金贷款结清证明', '还清证明'],
      keywords: ['结清', '贷款', '抵押注销'],
    }),
    apply('住房公积金提取（租房）', 'Withdraw provident fund for rent', 3, {
      aliases: ['租房提取公积金', '公积金租房提取'],
      keywords: ['提取', '租房', '房租'],
      fields: [bankCard],
      who: [
        '本人及配偶在本市无自有住房且租房居住的缴存职工。',
        'Contributors renting a home who, with their spouse, own no home in the city.',
      ],
    }),
    apply('住房公积金提取（购房）', 'Withdraw provident fund to buy a home', 5, {
      scan: true,
      aliases: ['购房提取公积金', '买房提取'],
      keywords: ['提取', '购房', '首付'],
      fields: [bankCard],
      materials: [
        mat('购房合同', 'Purchase contract'),
        mat('购房发票或契税完税凭证', 'Purchase invoice or deed-tax receipt'),
      ],
    }),
    apply('住房公积金提取（退休）', 'Withdraw provident fund on retirement', 3, {
      aliases: ['退休提取公积金', '销户提取'],
      keywords: ['退休', '提取', '销户'],
      fields: [bankCard],
    }),
    apply('住房公积金贷款提前还款申请', 'Repay a provident fund loan early', 3, {
      aliases: ['公积金提前还款', '提前还贷'],
      keywords: ['提前还款', '贷款', '结清'],
      fields: [
        select(
          'mode',
          ['还款方式', 'Repayment'],
          [
            ['part', '部分提前还款', 'Repay part'],
            ['all', '全部结清', 'Repay in full'],
          ],
        ),
        amount('amount', ['提前还款金额（元）', 'Amount to repay (yuan)']),
      ],
    }),
    apply('住房公积金个人信息变更', 'Update your provident fund details', 1, {
      aliases: ['公积金信息变更', '公积金换银行卡'],
      keywords: ['手机号', '银行卡', '变更'],
      fields: [bankCard],
    }),
    pay(
      '灵活就业人员住房公积金缴存',
      'Voluntary provident fund contributions',
      [
        '按本人申报的月缴存额缴纳，月缴存额不低于本市最低标准。',
        'The monthly amount you declared, not below the city minimum.',
      ],
      {
        groups: ['bank-branch'],
        aliases: ['个人自愿缴存公积金', '灵活就业公积金'],
        keywords: ['灵活就业', '自愿缴存', '个体户'],
        fields: [
          amount('monthly', ['月缴存额（元）', 'Monthly amount (yuan)']),
          select(
            'months',
            ['缴存月数', 'Months'],
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
  ],
}
