/** 卫生健康: vaccinations, health records, birth services and the registers of doctors and nurses. */
import { apply, book, type DepartmentTable, mat, print, query } from './builders'
import { date, idNumber, personName, select, text } from './fields'

const VACCINE = '疾病预防'
const BIRTH = '生育服务'
const REGISTER = '执业信息'

const child = idNumber('childId', ['儿童身份证号码', 'Child’s ID number'])

/** The 卫生健康 table. */
export const health: DepartmentTable = {
  code: 'health',
  abbr: 'WJ',
  zh: '卫生健康',
  en: 'Health',
  theme: '医疗卫生',
  rows: [
    query('预防接种记录查询', 'Vaccination records', {
      theme: VACCINE,
      who: [
        '本人，或为本人未成年子女查询的父母（监护人）。',
        'You, or a parent or guardian looking up their child’s records.',
      ],
      aliases: ['疫苗接种记录', '打疫苗记录'],
      keywords: ['疫苗', '接种', '儿童', '预防针'],
      fields: [
        select(
          'whose',
          ['查询对象', 'Whose records'],
          [
            ['self', '本人', 'Mine'],
            ['child', '本人的子女', 'My child’s'],
          ],
        ),
        {
          ...child,
          required: false,
          label: { zh: '儿童身份证号码（查询子女时填写）', en: 'Child’s ID number (for a child)' },
        },
      ],
    }),
    query('电子健康档案查询', 'Electronic health record', {
      aliases: ['健康档案', '居民健康档案'],
      keywords: ['健康档案', '体检', '慢病随访'],
    }),
    query('家庭医生签约信息查询', 'Family doctor contract', {
      aliases: ['家庭医生查询', '签约医生'],
      keywords: ['家庭医生', '签约', '社区卫生'],
    }),
    query('出生医学证明办理进度查询', 'Medical birth certificate progress', {
      theme: BIRTH,
      aliases: ['出生证进度', '出生证明查询'],
      keywords: ['出生证', '新生儿', '进度'],
    }),
    query('计划生育家庭特别扶助金发放查询', 'Family planning special assistance payments', {
      theme: BIRTH,
      aliases: ['特扶金查询', '计生扶助金'],
      keywords: ['计划生育', '特别扶助', '独生子女'],
    }),
    query('医师执业信息查询', 'Registered doctors', {
      identity: [],
      theme: REGISTER,
      aliases: ['医师执业资格信息查询', '医生资格查询'],
      keywords: ['医生', '医师', '执业证书'],
      fields: [personName('doctorName', ['医师姓名', 'Doctor’s name'])],
    }),
    query('护士执业信息查询', 'Registered nurses', {
      identity: [],
      theme: REGISTER,
      aliases: ['护士执业资格信息查询', '护士资格查询'],
      keywords: ['护士', '执业证书', '注册'],
      fields: [personName('nurseName', ['护士姓名', 'Nurse’s name'])],
    }),
    query('医疗机构执业登记信息查询', 'Licensed medical institutions', {
      identity: [],
      theme: REGISTER,
      aliases: ['医院资质查询', '诊所查询'],
      keywords: ['医院', '诊所', '执业许可证'],
      fields: [text('institution', ['机构名称', 'Institution name'], { maxLength: 40 })],
    }),
    print('预防接种查验证明打印', 'Vaccination check certificate for school', {
      theme: VACCINE,
      aliases: ['入学接种证明', '入托入学查验证明'],
      keywords: ['入学', '入托', '疫苗', '查验'],
      fields: [child],
      who: [
        '儿童的父母或监护人，为入托、入学查验打印。',
        'Parents or guardians printing the certificate schools and nurseries ask for.',
      ],
    }),
    print('老年人健康体检报告打印', 'Seniors’ health check report', {
      aliases: ['体检报告打印', '老人体检报告'],
      keywords: ['体检', '65岁', '老年人', '报告'],
    }),
    apply('生育登记', 'Birth registration', 1, {
      theme: BIRTH,
      aliases: ['生育服务登记', '准生证'],
      keywords: ['生育', '怀孕', '一孩', '二孩', '三孩'],
      fields: [
        select(
          'order',
          ['生育子女孩次', 'Which child'],
          [
            ['1', '一孩', 'First child'],
            ['2', '二孩', 'Second child'],
            ['3', '三孩及以上', 'Third or later'],
          ],
        ),
        personName('spouseName', ['配偶姓名', 'Spouse’s name']),
        date('dueDate', ['预产期', 'Due date'], false),
      ],
    }),
    apply('家庭医生签约申请', 'Sign up with a family doctor', 5, {
      aliases: ['签约家庭医生'],
      keywords: ['家庭医生', '签约', '社区卫生服务中心'],
      fields: [
        select(
          'package',
          ['签约服务包', 'Service package'],
          [
            ['basic', '基础服务包（免费）', 'Basic (free)'],
            ['elderly', '老年人服务包', 'Seniors'],
            ['chronic', '慢病患者服务包', 'Chronic illness'],
            ['maternal', '孕产妇儿童服务包', 'Mothers and children'],
          ],
        ),
      ],
    }),
    apply('护士执业注册（延续）', 'Renew a nurse’s practising registration', 20, {
      theme: REGISTER,
      aliases: ['护士延续注册', '护士证延续'],
      keywords: ['护士', '执业注册', '延续'],
      materials: [mat('6 个月内健康体检证明', 'Health check certificate from the last 6 months')],
      who: [
        '护士执业注册有效期届满前 30 日，需继续执业的护士本人。',
        'Nurses who wish to keep practising, within 30 days before their registration expires.',
      ],
    }),
    book('预防接种预约', 'Book a vaccination', {
      theme: VACCINE,
      aliases: ['打疫苗预约', '疫苗预约'],
      keywords: ['疫苗', '接种', 'HPV', '流感'],
      fields: [
        select(
          'vaccine',
          ['疫苗种类', 'Vaccine'],
          [
            ['routine', '儿童免疫规划疫苗', 'Routine childhood vaccines'],
            ['flu', '流感疫苗', 'Flu'],
            ['hpv', 'HPV 疫苗', 'HPV'],
            ['rabies', '狂犬病疫苗', 'Rabies'],
          ],
        ),
      ],
    }),
    book('老年人免费健康体检预约', 'Book a free health check for seniors', {
      aliases: ['老人体检预约', '65岁体检'],
      keywords: ['体检', '65岁', '老年人', '免费'],
      who: [
        '本区常住、年满 65 周岁的老年人，每年可免费体检一次。',
        'District residents aged 65 or over; one free check a year.',
      ],
    }),
  ],
}
