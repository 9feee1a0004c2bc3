/** 医保: medical insurance accounts, reimbursement, out-of-area treatment, designated providers. */
import { agentMandate, apply, book, type DepartmentTable, mat, pay, print, query } from './builders'
import { amount, bankCard, date, idNumber, personName, select, text, year } from './fields'

const PROVIDERS = '定点医药机构'
const OUT_OF_AREA = '异地就医'

/** The 医保 table; 定点医疗机构查询 is the no-identification query kept for tests. */
export const medicare: DepartmentTable = {
  code: 'medicare',
  abbr: 'YB',
  zh: '医保',
  en: 'Healthcare Security',
  theme: '医疗保障',
  rows: [
    query('医保个人账户查询', 'Medical insurance personal account', {
      hot: true,
      aliases: ['医保查询', '医保余额', '医保卡余额'],
      keywords: ['医保', '个人账户', '余额', '划入'],
      about: [
        '查询本人医保个人账户余额和每月划入记录。',
        'Shows the balance of your medical insurance personal account and the monthly credits.',
      ],
    }),
    query('医保参保信息查询', 'Medical insurance enrolment', {
      aliases: ['医保个人信息', '医保参保查询'],
      keywords: ['医保', '参保', '险种', '参保地'],
    }),
    query('医保就医明细查询', 'Medical visits and claims', {
      aliases: ['就医记录查询', '医保消费明细'],
      keywords: ['就医', '结算', '门诊', '住院'],
    }),
    query('年度累计医疗费用信息查询', 'Medical costs this year', {
      aliases: ['医疗费用累计', '起付线查询'],
      keywords: ['医疗费用', '累计', '起付线', '封顶线'],
    }),
    query('医保个人账户清算信息查询', 'Personal account settlement', {
      aliases: ['帐户清算信息查询', '个人账户清算'],
      keywords: ['个人账户', '清算', '退休'],
    }),
    query('参保人员待遇查询', 'Benefits you are entitled to', {
      aliases: ['医保待遇查询', '报销比例查询'],
      keywords: ['待遇', '报销比例', '门诊', '住院'],
    }),
    query('门诊慢特病待遇资格查询', 'Chronic and special outpatient disease coverage', {
      aliases: ['慢特病查询', '门特查询', '慢性病资格'],
      keywords: ['慢性病', '特殊病', '门诊', '资格'],
    }),
    query('医疗费用手工报销进度查询', 'Manual reimbursement progress', {
      aliases: ['零星报销进度查询', '报销进度'],
      keywords: ['报销', '进度', '手工报销', '零星报销'],
    }),
    query('医疗救助进度查询', 'Medical assistance progress', {
      aliases: ['帮困补助进度查询', '医疗救助查询'],
      keywords: ['医疗救助', '困难群众', '二次报销'],
    }),
    query('异地就医备案信息查询', 'Out-of-area treatment filing', {
      theme: OUT_OF_AREA,
      aliases: ['异地备案查询', '异地就医查询'],
      keywords: ['异地就医', '备案', '跨省', '直接结算'],
    }),
    query('生育津贴发放查询', 'Maternity allowance payments', {
      aliases: ['生育津贴查询', '生育保险查询'],
      keywords: ['生育津贴', '生育保险', '产假'],
    }),
    query('定点医疗机构查询', 'Designated hospitals and clinics', {
      identity: [],
      theme: PROVIDERS,
      aliases: ['医疗机构查询', '医保定点医院', '哪些医院能用医保'],
      keywords: ['医院', '卫生院', '诊所', '定点'],
      about: [
        '查询本市医保定点医院、卫生院和诊所的地址与等级。',
        'Lists the hospitals, health centres and clinics in the city that accept medical insurance, with addresses and grades.',
      ],
    }),
    query('定点零售药店查询', 'Designated pharmacies', {
      identity: [],
      theme: PROVIDERS,
      aliases: ['医保药店', '定点药店查询'],
      keywords: ['药店', '刷医保', '购药'],
    }),
    query('跨省异地就医定点医疗机构查询', 'Hospitals for cross-province direct settlement', {
      identity: [],
      theme: OUT_OF_AREA,
      aliases: ['本市开展异地就医的医院查询', '异地就医医院'],
      keywords: ['异地就医', '跨省', '直接结算', '医院'],
    }),
    query('长期护理保险定点护理机构查询', 'Long-term care insurance providers', {
      identity: [],
      theme: PROVIDERS,
      aliases: ['长护险护理机构查询', '长护险机构'],
      keywords: ['长护险', '护理机构', '失能'],
    }),
    query('药品及床位费支付标准查询', 'Drug and bed-fee payment standards', {
      identity: [],
      aliases: ['药品目录查询', '医保目录查询'],
      keywords: ['药品目录', '甲类', '乙类', '床位费'],
      fields: [text('drugName', ['药品名称（可不填）', 'Drug name (optional)'], { required: false })],
    }),
    query('医疗费用分担模拟计算', 'Estimate what you pay for a hospital stay', {
      identity: [],
      aliases: ['医疗费用分担模拟计算器', '报销计算器'],
      keywords: ['报销', '计算', '住院', '自付'],
      fields: [
        select(
          'insurance',
          ['参保险种', 'Insurance'],
          [
            ['employee', '职工医保', 'Employee medical insurance'],
            ['resident', '城乡居民医保', 'Residents’ medical insurance'],
          ],
        ),
        select(
          'hospitalLevel',
          ['医院级别', 'Hospital level'],
          [
            ['1', '一级及以下（含卫生院）', 'Level 1 or below (incl. health centres)'],
            ['2', '二级', 'Level 2'],
            ['3', '三级', 'Level 3'],
          ],
        ),
        amount('totalCost', ['住院总费用（元）', 'Total hospital bill (yuan)']),
      ],
    }),
    print('医保参保凭证打印', 'Medical insurance enrolment certificate', {
      aliases: ['医保参保证明', '医保证明'],
      keywords: ['医保', '参保证明', '凭证'],
    }),
    print('医保缴费明细打印', 'Medical insurance contribution details', {
      aliases: ['医保缴费记录打印'],
      keywords: ['医保', '缴费明细'],
    }),
    print('医疗费用报销结算单打印', 'Medical reimbursement settlement slip', {
      aliases: ['报销结算单', '结算单打印'],
      keywords: ['报销', '结算单', '住院'],
    }),
    apply('城乡居民医保参保登记', 'Enrol in residents’ medical insurance', 1, {
      aliases: ['办理居民医保受理登记', '居民医保参保', '新生儿参保'],
      keywords: ['城乡居民医保', '参保登记', '新生儿', '学生'],
      fields: [
        select(
          'category',
          ['参保人员类别', 'Category'],
          [
            ['child', '学生儿童（含新生儿）', 'Children and school pupils (incl. newborns)'],
            ['college', '在校大学生', 'University students'],
            ['adult', '其他城乡居民', 'Other residents'],
          ],
        ),
      ],
      // Parents enrol their newborn; a relative may enrol someone else with a power of attorney.
      servedFor: ['本人', '家人', '他人'],
      materials: [mat('居民户口簿', 'Household register', { optional: true }), agentMandate],
    }),
    apply('异地就医备案', 'File for medical treatment in another place', 0, {
      theme: OUT_OF_AREA,
      aliases: ['异地就医一件事', '跨省异地就医备案', '异地备案'],
      keywords: ['异地就医', '备案', '跨省', '直接结算'],
      fields: [
        select(
          'filingType',
          ['备案类型', 'Filing type'],
          [
            ['resettled', '异地安置退休人员', 'Retired and living elsewhere'],
            ['long-stay', '异地长期居住人员', 'Living elsewhere long-term'],
            ['posted', '常驻异地工作人员', 'Working elsewhere'],
            ['referral', '异地转诊就医', 'Referred to a hospital elsewhere'],
            ['temporary', '临时外出就医', 'Temporarily away'],
          ],
        ),
        text('destination', ['就医地（省、市）', 'Where you will be treated (province, city)']),
        date('startOn', ['备案开始日期', 'Filing starts on']),
      ],
    }),
    apply('基本医疗保险关系转移接续', 'Transfer basic medical insurance', 15, {
      aliases: ['医保转移', '医保关系转移'],
      keywords: ['转移接续', '医保', '跨省'],
      fields: [text('fromPlace', ['转出地（省、市）', 'Transfer from (province, city)'])],
    }),
    apply('医疗费用手工报销申请', 'Claim medical costs manually', 20, {
      scan: true,
      aliases: ['零星报销', '医保报销', '垫付报销'],
      keywords: ['报销', '发票', '手工报销', '急诊'],
      fields: [bankCard],
      materials: [
        mat('医疗费用票据', 'Medical receipts'),
        mat('费用明细清单', 'Itemised bill'),
        mat('出院小结或门诊病历', 'Discharge summary or outpatient record'),
      ],
    }),
    apply('门诊慢特病待遇申请', 'Apply for chronic and special outpatient coverage', 15, {
      scan: true,
      aliases: ['慢特病申请', '门特申请', '慢性病申请'],
      keywords: ['慢性病', '特殊病', '高血压', '糖尿病'],
      fields: [
        select(
          'disease',
          ['病种', 'Condition'],
          [
            ['hypertension', '高血压', 'Hypertension'],
            ['diabetes', '糖尿病', 'Diabetes'],
            ['cancer', '恶性肿瘤门诊治疗', 'Outpatient cancer treatment'],
            ['kidney', '慢性肾功能衰竭（透析）', 'Chronic kidney failure (dialysis)'],
            ['other', '其他病种', 'Other'],
          ],
        ),
      ],
      materials: [
        mat('二级及以上医院诊断证明', 'Diagnosis from a level-2 or higher hospital'),
        mat('相关检查报告', 'Test reports'),
      ],
    }),
    apply('职工医保个人账户家庭共济绑定', 'Share your personal account with family', 0, {
      aliases: ['家庭共济', '医保共济', '医保给家人用'],
      keywords: ['家庭共济', '个人账户', '家人', '绑定'],
      fields: [
        select(
          'relation',
          ['与本人关系', 'Relationship'],
          [
            ['spouse', '配偶', 'Spouse'],
            ['parent', '父母', 'Parent'],
            ['child', '子女', 'Child'],
          ],
        ),
        personName('memberName', ['家庭成员姓名', 'Family member’s name']),
        idNumber('memberId', ['家庭成员身份证号码', 'Family member’s ID number']),
      ],
    }),
    apply('生育津贴申领', 'Claim maternity allowance', 20, {
      aliases: ['申领生育津贴', '生育保险报销'],
      keywords: ['生育津贴', '产假', '生育'],
      fields: [date('birthDate', ['分娩日期', 'Date of birth of the baby']), bankCard],
      materials: [mat('出生医学证明', 'Medical birth certificate')],
    }),
    book('医保业务窗口预约', 'Book a medical insurance counter appointment', {
      aliases: ['医保预约', '医保窗口'],
      keywords: ['医保', '预约', '窗口'],
    }),
    pay(
      '新型农村合作医疗参合缴费',
      'Rural cooperative medical scheme contribution',
      ['已停止收缴。', 'No longer collected.'],
      {
        off: true,
        aliases: ['新农合缴费', '合作医疗缴费'],
        keywords: ['新农合'],
        fields: [year],
        about: [
          '新农合已并入城乡居民医保，请改用“城乡居民养老、医疗保险清缴”。',
          'The scheme merged into residents’ medical insurance; use the residents’ pension and medical insurance payment instead.',
        ],
      },
    ),
  ],
}
