/** 人社 (human resources and social security): pensions, social security cards, employment. */
import { agentMandate, apply, book, type DepartmentTable, mat, print, query } from './builders'
import { address, amount, bankCard, date, select, text } from './fields'

const FACE = ['身份证', '人脸'] as const
const JOBS = '就业创业'
const CARD = '社保卡服务'

/** The 人社 table; the first query (ID card, no fields) is the one the end-to-end test runs. */
export const hrss: DepartmentTable = {
  code: 'hrss',
  abbr: 'RS',
  zh: '人社',
  en: 'Human Resources and Social Security',
  theme: '社会保障',
  rows: [
    query('个人社保参保缴费查询', 'Social insurance contribution record', {
      hot: true,
      aliases: ['社保缴费查询', '社保查询', '参保缴费记录'],
      keywords: ['社保', '养老保险', '医疗保险', '失业保险', '工伤保险', '缴费记录'],
      about: [
        '查询本人各险种的参保状态和历年缴费记录。',
        'Shows your enrolment in each social insurance scheme and the contributions paid, year by year.',
      ],
    }),
    query('城乡居民养老保险缴费情况查询', 'Residents’ pension contributions', {
      aliases: ['城乡居保缴费情况查询', '居民养老保险缴费查询'],
      keywords: ['城乡居保', '养老保险', '缴费档次'],
      about: [
        '查询本人城乡居民养老保险的历年缴费档次和金额。',
        'Shows the level and amount of each year’s contribution to the urban and rural residents’ pension.',
      ],
    }),
    query('城乡居民养老保险待遇领取情况查询', 'Residents’ pension payments received', {
      aliases: ['享受城乡居保养老金情况', '居民养老金查询'],
      keywords: ['养老金', '城乡居保', '待遇发放'],
    }),
    query('企业职工基本养老保险待遇查询', 'Employee basic pension payments', {
      aliases: ['个人享受城镇基本养老金情况', '退休金查询', '养老金查询'],
      keywords: ['养老金', '退休金', '待遇发放'],
    }),
    query('社保卡个人信息查询', 'Social security card details', {
      hot: true,
      aliases: ['社保卡查询', '社会保障卡信息查询'],
      keywords: ['社保卡', '社会保障卡', '卡号', '银行账户'],
      theme: CARD,
      about: [
        '查询本人社会保障卡的卡号、发卡银行和金融账户信息。',
        'Shows your social security card number, issuing bank and linked bank account.',
      ],
    }),
    query('社保卡应用状态查询', 'Social security card status', {
      aliases: ['社保卡状态查询', '社保卡挂失状态'],
      keywords: ['社保卡', '挂失', '启用', '正常'],
      theme: CARD,
    }),
    query('社保卡制卡进度查询', 'Social security card production progress', {
      aliases: ['社保卡办卡进度', '社保卡领卡查询'],
      keywords: ['社保卡', '制卡', '领卡网点'],
      theme: CARD,
    }),
    query('养老保险个人账户查询', 'Pension individual account', {
      aliases: ['养老保险账户余额', '个人账户储存额'],
      keywords: ['养老保险', '个人账户', '储存额'],
    }),
    query('养老保险待遇资格认证状态查询', 'Pension eligibility check status', {
      aliases: ['资格认证查询', '生存认证结果查询'],
      keywords: ['资格认证', '生存认证', '年审'],
    }),
    query('失业保险金领取情况查询', 'Unemployment benefit payments', {
      aliases: ['失业金查询'],
      keywords: ['失业保险金', '失业金', '待遇发放'],
      theme: JOBS,
    }),
    query('工伤保险待遇查询', 'Work-injury insurance benefits', {
      aliases: ['工伤待遇查询'],
      keywords: ['工伤', '伤残津贴', '待遇发放'],
    }),
    query('业务审核办结情况查询', 'Application review status', {
      aliases: ['人社业务办理进度', '社保业务进度查询'],
      keywords: ['进度', '办结', '审核'],
    }),
    query('劳动者个人基本信息查询', 'Worker’s personal record', {
      aliases: ['个人基本信息查询'],
      keywords: ['个人信息', '就业登记', '联系地址'],
      theme: JOBS,
    }),
    query('就业创业证信息查询', 'Employment and Entrepreneurship Certificate details', {
      aliases: ['就业失业登记证查询', '就业创业证查询'],
      keywords: ['就业创业证', '失业登记', '就业登记'],
      theme: JOBS,
    }),
    query('职业技能等级证书查询', 'Vocational skill certificates', {
      aliases: ['技能证书查询', '职业资格证书查询'],
      keywords: ['技能等级', '职业资格', '证书'],
      theme: JOBS,
    }),
    query('招聘岗位信息查询', 'Job vacancies', {
      identity: [],
      aliases: ['找工作', '招聘信息'],
      keywords: ['招聘', '岗位', '就业', '招工'],
      theme: JOBS,
      fields: [
        select(
          'jobType',
          ['岗位类别', 'Job category'],
          [
            ['manufacturing', '生产制造', 'Manufacturing'],
            ['services', '商贸服务', 'Retail and services'],
            ['catering', '餐饮住宿', 'Catering and hotels'],
            ['logistics', '物流运输', 'Logistics and transport'],
            ['office', '文员行政', 'Office and admin'],
            ['any', '不限', 'Any'],
          ],
        ),
      ],
    }),
    print('个人参保证明打印', 'Social insurance enrolment certificate', {
      aliases: ['社保证明', '参保证明', '社保缴费证明'],
      keywords: ['社保', '参保证明', '积分入学', '购房'],
      about: [
        '打印本人社会保险参保缴费证明，可用于购房、入学、落户等。',
        'Prints proof of your social insurance enrolment and contributions, as asked for when buying a home, enrolling a child or registering residence.',
      ],
    }),
    print('社会保险个人缴费历史明细打印', 'Social insurance contribution history', {
      aliases: ['社保缴费明细打印', '社保清单'],
      keywords: ['社保', '缴费明细', '历史记录'],
    }),
    print('上年度养老保险个人权益记录单打印', 'Last year’s pension rights statement', {
      aliases: ['个人权益记录单', '社保对账单'],
      keywords: ['养老保险', '权益记录', '对账单'],
    }),
    print('转往外省市缴费凭证打印', 'Contribution certificate for a transfer to another province', {
      aliases: ['养老保险参保缴费凭证', '社保转移凭证'],
      keywords: ['转移', '跨省', '缴费凭证'],
    }),
    print('灵活就业人员电子对账单打印', 'Statement for flexible workers', {
      aliases: ['灵活就业对账单'],
      keywords: ['灵活就业', '个体', '对账单'],
    }),
    print('城乡居民养老保险缴费证明打印', 'Residents’ pension contribution certificate', {
      aliases: ['城乡居保缴费证明'],
      keywords: ['城乡居保', '缴费证明'],
    }),
    print('养老金发放明细打印', 'Pension payment details', {
      aliases: ['退休金明细', '养老金到账明细'],
      keywords: ['养老金', '发放', '明细'],
    }),
    print('失业保险金领取证明打印', 'Proof of unemployment benefit', {
      aliases: ['失业金证明'],
      keywords: ['失业保险金', '证明'],
      theme: JOBS,
    }),
    apply('城乡居民养老保险待遇资格认证', 'Residents’ pension eligibility check', 0, {
      hot: true,
      identity: [...FACE],
      needsPhone: false,
      network: '仅联网',
      aliases: ['养老资格认证', '生存认证', '养老金年审'],
      keywords: ['资格认证', '刷脸', '人脸识别', '领取养老金'],
      about: [
        '领取城乡居民养老金的人员每年需认证一次，确认仍符合领取条件。',
        'People drawing the residents’ pension confirm once a year that they still qualify.',
      ],
      who: [
        '正在领取城乡居民养老保险待遇的本人，须本人到场刷脸。',
        'The pensioner in person; the face check cannot be done by someone else.',
      ],
    }),
    apply('企业职工领取养老保险待遇资格认证', 'Employee pensioners’ eligibility check', 0, {
      hot: true,
      identity: [...FACE],
      needsPhone: false,
      network: '仅联网',
      aliases: ['退休人员资格认证', '退休金年审', '养老资格认证'],
      keywords: ['资格认证', '刷脸', '人脸识别', '退休'],
      about: [
        '领取企业职工基本养老金的退休人员每年需认证一次。',
        'Retired employees drawing the basic pension confirm once a year that they still qualify.',
      ],
      who: ['正在领取企业职工基本养老金的退休人员本人。', 'The retired employee in person.'],
    }),
    apply('失业登记', 'Unemployment registration', 1, {
      aliases: ['登记失业', '办理失业登记'],
      keywords: ['失业', '就业创业证', '求职'],
      theme: JOBS,
      fields: [
        date('leftOn', ['离职日期', 'Date you left your last job']),
        select(
          'reason',
          ['失业原因', 'Reason'],
          [
            ['contract-ended', '劳动合同期满', 'Contract ended'],
            ['dismissed', '用人单位解除劳动合同', 'Dismissed by the employer'],
            ['resigned', '本人辞职', 'Resigned'],
            ['graduate', '毕业未就业', 'Graduate without a job'],
            ['other', '其他', 'Other'],
          ],
        ),
      ],
      materials: [mat('解除或终止劳动关系证明', 'Proof that the employment ended', { optional: true })],
    }),
    apply('灵活就业登记', 'Registration as a flexible worker', 5, {
      aliases: ['自由职业登记', '灵活就业人员登记'],
      keywords: ['灵活就业', '个人参保', '自由职业'],
      theme: JOBS,
      fields: [
        select(
          'workType',
          ['从业类型', 'Type of work'],
          [
            ['platform', '平台用工（外卖、网约车等）', 'Platform work (delivery, ride-hailing)'],
            ['freelance', '自由职业', 'Freelance'],
            ['self-employed', '个体经营', 'Self-employed'],
            ['other', '其他', 'Other'],
          ],
        ),
        address(['现居住地址', 'Current address']),
      ],
    }),
    apply('就业困难人员社会保险补贴申领', 'Social insurance subsidy for hard-to-employ workers', 20, {
      aliases: ['大龄失业就业岗位补贴', '社保补贴申请'],
      keywords: ['就业困难', '社保补贴', '4050'],
      theme: JOBS,
      scan: true,
      materials: [
        mat('劳动合同', 'Employment contract'),
        mat('就业困难人员认定证明', 'Proof of hard-to-employ status', { optional: true }),
      ],
      fields: [bankCard],
    }),
    apply('养老金领取银行账户变更', 'Change the bank account for pension payments', 5, {
      aliases: ['养老金卡（折）调整', '退休金换卡'],
      keywords: ['养老金', '银行卡', '存折', '变更'],
      fields: [
        bankCard,
        select(
          'bank',
          ['开户银行', 'Bank'],
          [
            ['rcu', '农村商业银行', 'Rural Commercial Bank'],
            ['icbc', '中国工商银行', 'ICBC'],
            ['ccb', '中国建设银行', 'China Construction Bank'],
            ['abc', '中国农业银行', 'Agricultural Bank of China'],
            ['boc', '中国银行', 'Bank of China'],
            ['psbc', '中国邮政储蓄银行', 'Postal Savings Bank of China'],
          ],
        ),
      ],
    }),
    apply('劳动者个人基本信息维护', 'Update your personal details', 1, {
      aliases: ['个人信息变更', '修改联系地址'],
      keywords: ['个人信息', '地址', '文化程度'],
      theme: JOBS,
      fields: [
        address(['联系地址', 'Contact address']),
        select(
          'education',
          ['文化程度', 'Education'],
          [
            ['primary', '小学及以下', 'Primary school or less'],
            ['junior', '初中', 'Junior secondary'],
            ['senior', '高中、中专或技校', 'Senior secondary or vocational'],
            ['college', '大专', 'College'],
            ['bachelor', '本科及以上', 'Bachelor’s degree or above'],
          ],
        ),
      ],
    }),
    apply('社保卡挂失', 'Report a lost social security card', 0, {
      network: '仅联网',
      aliases: ['社保卡临时挂失', '社会保障卡挂失'],
      keywords: ['社保卡', '丢失', '挂失'],
      theme: CARD,
      about: [
        '社保卡丢失后立即挂失，停止社保和金融功能，防止被冒用。',
        'Blocks a lost card’s social insurance and banking functions at once so nobody else can use it.',
      ],
    }),
    apply('社保卡补换申请', 'Replace a social security card', 10, {
      aliases: ['社保卡补办', '社保卡换卡'],
      keywords: ['社保卡', '补卡', '换卡', '损坏'],
      theme: CARD,
      servedFor: ['本人', '家人', '他人'],
      fields: [
        select(
          'reason',
          ['补换原因', 'Reason'],
          [
            ['lost', '丢失补领', 'Lost'],
            ['damaged', '损坏换领', 'Damaged'],
            ['upgrade', '换领第三代社保卡', 'Upgrade to the third-generation card'],
          ],
        ),
        select(
          'delivery',
          ['领取方式', 'Collection'],
          [
            ['branch', '到合作银行网点领取', 'Collect at a partner bank branch'],
            ['post', '邮寄到家', 'Post it to me'],
          ],
        ),
        address(['邮寄地址（选择邮寄时填写）', 'Postal address (if posted)'], false),
      ],
      materials: [
        mat('近期免冠证件照（终端现场拍摄）', 'Recent ID photo (taken at the terminal)'),
        agentMandate,
      ],
    }),
    apply('失业保险金申领', 'Claim unemployment benefit', 10, {
      aliases: ['申领失业金', '领失业金'],
      keywords: ['失业保险金', '失业金', '失业'],
      theme: JOBS,
      fields: [bankCard],
      who: [
        '已办理失业登记、非因本人意愿中断就业且缴纳失业保险满一年的人员。',
        'Registered unemployed people who lost their job involuntarily and paid unemployment insurance for at least a year.',
      ],
    }),
    apply('职工基本养老保险关系转移申请', 'Transfer employee pension insurance', 15, {
      aliases: ['社保转移', '养老保险转移接续'],
      keywords: ['转移接续', '跨省', '养老保险'],
      fields: [
        select(
          'direction',
          ['转移方向', 'Direction'],
          [
            ['in', '从外省转入本市', 'Into this city from another province'],
            ['out', '从本市转往外省', 'Out of this city to another province'],
          ],
        ),
        text('otherPlace', ['转出地或转入地（省市）', 'Other province and city']),
      ],
    }),
    apply('技能提升补贴申领', 'Skills upgrading subsidy', 20, {
      aliases: ['技能补贴', '职业技能提升补贴'],
      keywords: ['技能证书', '补贴', '培训'],
      theme: JOBS,
      fields: [bankCard],
      materials: [mat('职业技能等级证书或职业资格证书', 'Vocational skill or qualification certificate')],
    }),
    apply('欠薪线索反映', 'Report unpaid wages', 5, {
      aliases: ['欠薪投诉', '讨薪', '拖欠工资投诉'],
      keywords: ['欠薪', '工资', '劳动监察'],
      theme: '劳动维权',
      fields: [
        text('employer', ['用人单位名称', 'Employer']),
        address(['用人单位地址', 'Employer’s address']),
        amount('owed', ['拖欠金额（元）', 'Amount owed (yuan)']),
        date('owedSince', ['开始拖欠日期', 'Unpaid since']),
      ],
    }),
    book('社保业务窗口预约', 'Book a social insurance counter appointment', {
      aliases: ['社保预约', '人社预约'],
      keywords: ['预约', '社保窗口', '取号'],
      fields: [
        select(
          'business',
          ['办理业务', 'Business'],
          [
            ['enrol', '参保登记', 'Enrolment'],
            ['transfer', '转移接续', 'Transfer'],
            ['retire', '退休待遇核准', 'Retirement benefits'],
            ['injury', '工伤待遇', 'Work-injury benefits'],
            ['other', '其他', 'Other'],
          ],
        ),
      ],
    }),
    book('创业担保贷款申请预约', 'Book a start-up guaranteed loan appointment', {
      aliases: ['创业贷款预约', '创业担保贷款'],
      keywords: ['创业', '贷款', '贴息'],
      theme: JOBS,
      fields: [amount('loanAmount', ['拟申请额度（元）', 'Loan amount wanted (yuan)'])],
    }),
  ],
}
