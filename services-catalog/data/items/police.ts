/** 公安: household registration, ID cards, exit-entry, traffic police. */
import { apply, book, type DepartmentTable, mat, pay, print, query } from './builders'
import { address, date, digits, personName, plateNo, plateType, receiptNo, select, vinTail } from './fields'

const FACE = ['身份证', '人脸'] as const
const TRAFFIC = '交通出行'
const EXIT = '出入境'
const ID_CARD = '身份证办理'

const collect = select(
  'delivery',
  ['领证方式', 'Collection'],
  [
    ['station', '到受理派出所领取', 'Collect at the police station'],
    ['post', '邮政寄递（到付）', 'Post it to me (postage on delivery)'],
  ],
)
const photo = mat('居民身份证数码相片回执', 'Digital photo receipt for the ID card')

/** The 公安 table (traffic items belong to the traffic police, a part of 公安). */
export const police: DepartmentTable = {
  code: 'police',
  abbr: 'GA',
  zh: '公安',
  en: 'Public Security',
  theme: '户籍办理',
  rows: [
    query('机动车交通违法信息查询', 'Traffic violations of a vehicle', {
      hot: true,
      theme: TRAFFIC,
      aliases: ['违章查询', '查违章', '机动车违法信息查询'],
      keywords: ['违章', '交通违法', '罚款', '电子警察'],
      fields: [plateNo, plateType, vinTail],
      about: [
        '查询本人名下机动车未处理的交通违法记录，包括电子监控记录。',
        'Lists the unresolved traffic violations of a vehicle registered to you, including camera records.',
      ],
    }),
    query('驾驶证违法记分查询', 'Driving licence penalty points', {
      theme: TRAFFIC,
      aliases: ['驾驶证违法信息查询', '驾照扣分查询', '查扣分'],
      keywords: ['驾驶证', '记分', '扣分', '驾照'],
    }),
    query('驾驶证有效期及状态查询', 'Driving licence validity and status', {
      theme: TRAFFIC,
      aliases: ['驾照到期查询', '驾驶证状态'],
      keywords: ['驾驶证', '有效期', '换证', '审验'],
    }),
    query('机动车检验有效期查询', 'Vehicle inspection due date', {
      theme: TRAFFIC,
      aliases: ['年检到期查询', '车辆年审查询'],
      keywords: ['年检', '年审', '检验', '机动车'],
      fields: [plateNo, plateType],
    }),
    query('出入境记录查询', 'Entry and exit records', {
      theme: EXIT,
      aliases: ['出入境记录', '出国记录查询'],
      keywords: ['出入境', '出境', '入境', '护照'],
    }),
    query('出入境证件办理进度查询', 'Passport and permit application progress', {
      theme: EXIT,
      aliases: ['护照办理进度', '港澳通行证进度'],
      keywords: ['护照', '港澳通行证', '台湾通行证', '进度'],
    }),
    query('居民身份证办理进度查询', 'ID card application progress', {
      theme: ID_CARD,
      aliases: ['身份证进度查询', '身份证办好了吗'],
      keywords: ['身份证', '进度', '领证'],
    }),
    query('户籍业务办理进度查询', 'Household registration application progress', {
      aliases: ['户口办理进度', '入户进度查询'],
      keywords: ['户口', '入户', '迁移', '进度'],
      fields: [receiptNo],
    }),
    query('居住证办理进度查询', 'Residence permit application progress', {
      aliases: ['居住证进度'],
      keywords: ['居住证', '进度', '流动人口'],
    }),
    query('属地派出所查询', 'Find your local police station', {
      identity: [],
      aliases: ['派出所查询', '管辖派出所'],
      keywords: ['派出所', '地址', '电话', '辖区'],
      fields: [address(['居住地址（街道、门牌号）', 'Home address (street and number)'])],
      about: [
        '按居住地址查询所属派出所的地址、办公时间和联系电话。',
        'Finds the police station for an address, with its location, opening hours and phone number.',
      ],
    }),
    query('新生儿重名查询', 'How many people share a name', {
      identity: [],
      aliases: ['重名查询', '同名查询'],
      keywords: ['起名', '新生儿', '重名', '入户'],
      fields: [
        personName('fullName', ['姓名', 'Full name']),
        select(
          'gender',
          ['性别', 'Sex'],
          [
            ['m', '男', 'Male'],
            ['f', '女', 'Female'],
            ['any', '不限', 'Either'],
          ],
        ),
      ],
    }),
    query('暂住证办理进度查询', 'Temporary residence certificate progress', {
      off: true,
      aliases: ['暂住证查询'],
      keywords: ['暂住证'],
      about: [
        '暂住证已由居住证取代，本事项停止办理。',
        'The temporary residence certificate has been replaced by the residence permit; this item is no longer offered.',
      ],
    }),
    print('户籍证明开具', 'Household registration certificate', {
      aliases: ['户口证明', '户籍证明'],
      keywords: ['户口', '户籍', '证明'],
      about: [
        '开具本人户籍信息证明，可用于入学、就业、办理社保等。',
        'Prints proof of your household registration, as asked for by schools, employers and social insurance.',
      ],
    }),
    print('户籍事项证明打印', 'Certificate of household registration changes', {
      aliases: ['户籍事项证明', '户口迁移证明'],
      keywords: ['户籍', '迁移', '变更', '注销'],
    }),
    print('无犯罪记录证明打印', 'Print a certificate of no criminal record', {
      aliases: ['无犯罪证明打印'],
      keywords: ['无犯罪记录', '证明', '政审'],
      who: [
        '已申请并通过审核的本人，打印已出具的无犯罪记录证明。',
        'Applicants whose certificate has been issued print it here.',
      ],
    }),
    print('出入境记录证明打印', 'Entry and exit record certificate', {
      theme: EXIT,
      aliases: ['出入境记录打印'],
      keywords: ['出入境', '证明', '签证'],
    }),
    print('交通违法处理决定书打印', 'Traffic penalty decision', {
      theme: TRAFFIC,
      aliases: ['违章决定书', '处罚决定书打印'],
      keywords: ['交通违法', '决定书', '罚款'],
    }),
    print('驾驶人安全驾驶记录打印', 'Safe driving record', {
      theme: TRAFFIC,
      aliases: ['无事故证明', '驾驶记录证明'],
      keywords: ['驾驶证', '无事故', '记录'],
    }),
    apply('居民身份证有效期满换领', 'Renew an expiring ID card', 15, {
      theme: ID_CARD,
      identity: [...FACE],
      aliases: ['身份证到期换证', '身份证换领'],
      keywords: ['身份证', '到期', '换证'],
      fee: ['工本费 20 元', 'Card fee 20 yuan'],
      fields: [collect, address(['邮寄地址（选择邮寄时填写）', 'Postal address (if posted)'], false)],
      materials: [photo],
    }),
    apply('居民身份证损坏换领', 'Replace a damaged ID card', 15, {
      theme: ID_CARD,
      identity: [...FACE],
      aliases: ['身份证损坏', '身份证坏了'],
      keywords: ['身份证', '损坏', '换证'],
      fee: ['工本费 40 元', 'Card fee 40 yuan'],
      fields: [collect, address(['邮寄地址（选择邮寄时填写）', 'Postal address (if posted)'], false)],
      materials: [photo, mat('损坏的居民身份证', 'The damaged ID card', { paper: true })],
    }),
    apply('居民身份证丢失补领', 'Replace a lost ID card', 15, {
      theme: ID_CARD,
      // The card is lost: the 粤省事 电子身份证 identifies, the face check confirms it is its holder.
      identity: ['电子身份证', '人脸'],
      aliases: ['身份证丢了', '身份证补办', '补身份证'],
      keywords: ['身份证', '丢失', '补领', '挂失'],
      fee: ['工本费 40 元', 'Card fee 40 yuan'],
      fields: [collect, address(['邮寄地址（选择邮寄时填写）', 'Postal address (if posted)'], false)],
      materials: [photo],
      who: [
        '居民身份证丢失的本人，出示粤省事电子身份证并通过人脸识别核验身份。',
        'Anyone who has lost their ID card: show the Yueshengshi e-ID code on your phone and pass the face check.',
      ],
    }),
    apply('开具有无违法犯罪记录证明', 'Certificate of no criminal record', 3, {
      aliases: ['无犯罪记录证明', '无犯罪证明', '良民证'],
      keywords: ['无犯罪记录', '政审', '出国', '入职'],
      fields: [
        select(
          'purpose',
          ['证明用途', 'Purpose'],
          [
            ['job', '就业入职', 'Employment'],
            ['study', '出国（境）留学', 'Study abroad'],
            ['visa', '出国（境）签证', 'Visa'],
            ['military', '参军入伍', 'Military service'],
            ['other', '其他', 'Other'],
          ],
        ),
      ],
    }),
    apply('居住登记受理', 'Residence registration', 1, {
      aliases: ['居住登记', '流动人口登记', '办理登记'],
      keywords: ['居住登记', '租房', '流动人口'],
      fields: [
        address(['现居住地址', 'Current address']),
        date('movedIn', ['入住日期', 'Moved in on']),
        select(
          'housing',
          ['住所类型', 'Housing'],
          [
            ['rented', '租赁房屋', 'Rented'],
            ['dorm', '单位宿舍', 'Employer dormitory'],
            ['relatives', '借住亲友住所', 'With relatives or friends'],
            ['own', '自有房屋', 'Own home'],
          ],
        ),
      ],
    }),
    apply('居住登记注销', 'Cancel a residence registration', 1, {
      aliases: ['注销居住登记', '搬离登记'],
      keywords: ['居住登记', '注销', '搬离'],
      fields: [date('movedOut', ['搬离日期', 'Moved out on'])],
    }),
    apply('居住证申领', 'Apply for a Guangdong residence permit', 10, {
      scan: true,
      aliases: ['办居住证', '居住证办理'],
      keywords: ['居住证', '积分入学', '流动人口'],
      materials: [
        mat('合法稳定住所证明（租赁合同等）', 'Proof of address (e.g. tenancy agreement)'),
        mat('就业或就读证明', 'Proof of work or study', { optional: true }),
      ],
      who: [
        '已办理居住登记满 6 个月，且有合法稳定就业、住所或连续就读的非本市户籍人员。',
        'Non-local residents registered here for 6 months with steady work, housing or study.',
      ],
    }),
    apply('交通违法处理（非现场）', 'Settle camera-recorded traffic violations', 0, {
      theme: TRAFFIC,
      network: '仅联网',
      needsPhone: true,
      aliases: ['违章处理', '处理违章', '电子眼违章'],
      keywords: ['交通违法', '违章', '记分', '罚款'],
      fields: [plateNo, plateType],
      who: [
        '机动车所有人或驾驶人本人，驾驶证记分未满 12 分。',
        'The vehicle owner or driver, with fewer than 12 points on the licence.',
      ],
    }),
    apply('驾驶证期满换证', 'Renew a driving licence', 5, {
      theme: TRAFFIC,
      identity: [...FACE],
      aliases: ['驾照换证', '驾驶证到期换证'],
      keywords: ['驾驶证', '换证', '体检'],
      fee: ['工本费 10 元', 'Licence fee 10 yuan'],
      fields: [address(['邮寄地址', 'Postal address'])],
      materials: [mat('机动车驾驶人身体条件证明（电子）', 'Driver’s medical certificate (electronic)')],
    }),
    apply('港澳通行证再次签注', 'Endorsement for the Hong Kong and Macao permit', 0, {
      theme: EXIT,
      identity: [...FACE],
      network: '仅联网',
      needsPhone: false,
      aliases: ['港澳签注', '续签', '港澳通行证续签'],
      keywords: ['港澳通行证', '签注', '香港', '澳门'],
      fee: ['每次签注 15 元', '15 yuan per endorsement'],
      fields: [
        select(
          'endorsement',
          ['签注种类', 'Endorsement'],
          [
            ['hk1', '赴香港个人旅游一次', 'Hong Kong, one trip'],
            ['hk2', '赴香港个人旅游二次', 'Hong Kong, two trips'],
            ['mo1', '赴澳门个人旅游一次', 'Macao, one trip'],
            ['mo2', '赴澳门个人旅游二次', 'Macao, two trips'],
          ],
        ),
      ],
    }),
    book('出入境证件办理预约', 'Book an exit-entry document appointment', {
      theme: EXIT,
      aliases: ['办护照预约', '港澳通行证预约'],
      keywords: ['护照', '港澳通行证', '台湾通行证', '预约'],
      fields: [
        select(
          'document',
          ['证件种类', 'Document'],
          [
            ['passport', '普通护照', 'Passport'],
            ['hkmo', '往来港澳通行证', 'Hong Kong and Macao permit'],
            ['tw', '往来台湾通行证', 'Taiwan permit'],
          ],
        ),
      ],
    }),
    book('户籍业务预约', 'Book a household registration appointment', {
      aliases: ['户口办理预约', '入户预约'],
      keywords: ['户口', '入户', '迁移', '预约'],
      fields: [
        select(
          'business',
          ['办理业务', 'Business'],
          [
            ['birth', '出生登记', 'Birth registration'],
            ['move-in', '迁入', 'Moving in'],
            ['move-out', '迁出', 'Moving out'],
            ['change', '户籍信息变更更正', 'Correcting records'],
          ],
        ),
      ],
    }),
    book('车驾管业务预约', 'Book a vehicle and driver services appointment', {
      theme: TRAFFIC,
      aliases: ['车管所预约', '车管业务预约'],
      keywords: ['车管所', '过户', '上牌', '驾驶证'],
    }),
    pay(
      '交通违法罚款缴纳',
      'Pay a traffic fine',
      [
        '按处罚决定书载明的金额缴纳，逾期每日加处罚款数额 3% 的罚款。',
        'The amount on the penalty decision; 3% of the fine is added for each day it is overdue.',
      ],
      {
        theme: TRAFFIC,
        aliases: ['交罚款', '违章缴费', '违章罚款'],
        keywords: ['罚款', '交通违法', '决定书'],
        fields: [
          digits('decisionNo', ['处罚决定书编号', 'Penalty decision number'], 15, 16, [
            '见处罚决定书右上角，15 或 16 位数字',
            '15 or 16 digits, top right of the decision',
          ]),
        ],
      },
    ),
  ],
}
