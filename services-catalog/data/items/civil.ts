/** 民政: social assistance, old-age allowances, marriage registration, elderly care. */
import { agentMandate, apply, book, type DepartmentTable, mat, print, query } from './builders'
import { address, bankCard, select } from './fields'

const ELDERLY = '养老服务'
const MARRIAGE = '婚姻登记'

/** The 民政 table. */
export const civil: DepartmentTable = {
  code: 'civil',
  abbr: 'MZ',
  zh: '民政',
  en: 'Civil Affairs',
  theme: '社会救助',
  rows: [
    query('最低生活保障待遇发放查询', 'Minimum living allowance payments', {
      aliases: ['低保查询', '低保金发放查询'],
      keywords: ['低保', '救助金', '发放'],
    }),
    query('特困人员救助供养金发放查询', 'Support payments for people in extreme poverty', {
      aliases: ['特困供养查询', '五保查询'],
      keywords: ['特困', '供养', '五保'],
    }),
    query('高龄老人津贴发放查询', 'Old-age allowance payments', {
      theme: ELDERLY,
      aliases: ['高龄津贴查询', '长寿金查询'],
      keywords: ['高龄津贴', '老人', '80岁'],
    }),
    query('社会救助申请进度查询', 'Social assistance application progress', {
      aliases: ['低保申请进度', '救助进度'],
      keywords: ['低保', '临时救助', '进度'],
    }),
    query('婚姻登记档案查询', 'Marriage registration records', {
      theme: MARRIAGE,
      aliases: ['婚姻状况查询', '结婚登记记录'],
      keywords: ['婚姻', '档案', '结婚证', '离婚证'],
    }),
    query('镇街便民服务中心地址查询', 'Addresses of town service centres', {
      identity: [],
      theme: '便民服务',
      aliases: ['社区事务受理地址查询', '便民服务中心在哪'],
      keywords: ['便民服务中心', '社区', '地址', '办公时间'],
    }),
    query('养老机构查询', 'Elderly care homes', {
      identity: [],
      theme: ELDERLY,
      aliases: ['养老院查询', '敬老院'],
      keywords: ['养老院', '敬老院', '床位', '护理'],
    }),
    query('社会组织信息查询', 'Registered social organisations', {
      identity: [],
      objects: ['自然人', '法人'],
      theme: '社会组织',
      aliases: ['社团查询', '民办非企业查询'],
      keywords: ['社会组织', '社团', '基金会', '登记证书'],
    }),
    query('殡葬服务机构查询', 'Funeral service providers', {
      identity: [],
      theme: '殡葬服务',
      aliases: ['殡仪馆查询', '公益性公墓查询'],
      keywords: ['殡仪馆', '公墓', '殡葬'],
    }),
    print('城乡居民最低生活保障家庭证明出具', 'Certificate of a minimum-living-allowance household', {
      aliases: ['低保证明', '低保家庭证明'],
      keywords: ['低保', '证明', '学费减免', '助学'],
    }),
    print('低收入家庭证明开具', 'Certificate of a low-income household', {
      aliases: ['低收入困难家庭证明开具', '低收入证明'],
      keywords: ['低收入', '困难家庭', '证明'],
    }),
    print('特困人员证明出具', 'Certificate of extreme poverty support', {
      aliases: ['特困证明', '特困供养证明'],
      keywords: ['特困', '证明'],
    }),
    print('支出型困难家庭证明开具', 'Certificate of a household in hardship from high costs', {
      aliases: ['因病支出型贫困家庭证明开具', '因病致贫证明'],
      keywords: ['支出型', '因病', '困难家庭', '证明'],
    }),
    apply('最低生活保障申请', 'Apply for the minimum living allowance', 30, {
      scan: true,
      aliases: ['低保申请', '申请低保'],
      keywords: ['低保', '困难', '救助'],
      fields: [address(['户籍或居住地址', 'Registered or home address']), bankCard],
      materials: [
        mat('家庭成员户口簿', 'Household register of the family'),
        mat('家庭收入及财产情况说明', 'Statement of family income and assets'),
        mat('残疾人证、病历等证明（如有）', 'Disability certificate, medical records etc. (if any)', {
          optional: true,
        }),
      ],
      who: [
        '本区户籍、家庭人均收入低于本市低保标准且财产符合规定的家庭，由户主或家庭成员申请。',
        'Households registered in the district whose income per person is below the local standard and whose assets qualify; the head or a member applies.',
      ],
    }),
    apply('临时救助申请', 'Apply for temporary assistance', 10, {
      aliases: ['申请临时救助', '急难救助'],
      keywords: ['临时救助', '急难', '困难'],
      fields: [
        select(
          'cause',
          ['困难原因', 'Cause of hardship'],
          [
            ['illness', '重大疾病', 'Serious illness'],
            ['accident', '意外事故', 'Accident'],
            ['disaster', '自然灾害', 'Natural disaster'],
            ['other', '其他突发困难', 'Other emergency'],
          ],
        ),
        bankCard,
      ],
      materials: [mat('困难情况证明材料', 'Proof of the hardship')],
    }),
    apply('高龄老人津贴申领', 'Claim the old-age allowance', 20, {
      theme: ELDERLY,
      aliases: ['高龄津贴申请', '长寿金申请'],
      keywords: ['高龄津贴', '80岁', '老人'],
      servedFor: ['本人', '家人', '他人'],
      materials: [agentMandate],
      fields: [bankCard],
      who: [
        '本区户籍、年满 80 周岁的老年人，可由本人或家属代为办理。',
        'Residents registered in the district aged 80 or over; relatives may apply for them.',
      ],
    }),
    apply('长者饭堂助餐服务登记', 'Register for the seniors’ canteen', 5, {
      theme: ELDERLY,
      aliases: ['长者饭堂', '老人饭堂', '助餐登记'],
      keywords: ['长者饭堂', '助餐', '老人', '配餐'],
      fields: [
        select(
          'meal',
          ['用餐方式', 'Meals'],
          [
            ['dine-in', '到饭堂就餐', 'Eat at the canteen'],
            ['delivery', '送餐上门', 'Home delivery'],
          ],
        ),
        address(['居住地址', 'Home address']),
      ],
    }),
    book('婚姻登记预约', 'Book a marriage registration appointment', {
      theme: MARRIAGE,
      aliases: ['结婚登记预约', '领证预约', '离婚登记预约'],
      keywords: ['结婚', '离婚', '婚姻登记', '领证'],
      fields: [
        select(
          'registration',
          ['登记类型', 'Registration'],
          [
            ['marriage', '结婚登记', 'Marriage'],
            ['divorce', '离婚登记', 'Divorce'],
            ['reissue', '补领婚姻登记证', 'Replacement certificate'],
          ],
        ),
      ],
      who: [
        '内地居民办理婚姻登记，男女双方须按预约时间共同到婚姻登记处。',
        'Mainland residents; both partners must come to the registry together at the booked time.',
      ],
    }),
  ],
}
