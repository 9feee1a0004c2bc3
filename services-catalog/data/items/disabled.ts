/** 残联: disability certificates, allowances and accessible services. */
import { apply, book, type DepartmentTable, mat, query } from './builders'
import { bankCard, select } from './fields'

const ACCESS = '无障碍服务'

/** The 残联 table. */
export const disabled: DepartmentTable = {
  code: 'disabled',
  abbr: 'CL',
  zh: '残联',
  en: 'Disabled Persons’ Federation',
  theme: '残疾人服务',
  rows: [
    query('残疾人证信息查询', 'Disability certificate details', {
      aliases: ['残疾证查询', '残疾人证查询'],
      keywords: ['残疾证', '残疾等级', '有效期'],
    }),
    query('残疾人两项补贴发放查询', 'Disability allowance payments', {
      aliases: ['残疾人补贴查询', '护理补贴查询', '生活补贴查询'],
      keywords: ['残疾人补贴', '生活补贴', '护理补贴'],
    }),
    query('残疾人交通补贴发放查询', 'Transport allowance payments', {
      aliases: ['残疾人交通补贴查询'],
      keywords: ['交通补贴', '残疾人'],
    }),
    query('无障碍电影放映点信息查询', 'Accessible cinema screenings', {
      identity: [],
      theme: ACCESS,
      aliases: ['无障碍电影'],
      keywords: ['无障碍', '电影', '盲人', '听障'],
    }),
    query('盲人有声读物阅览室信息查询', 'Audiobook reading rooms for the blind', {
      identity: [],
      theme: ACCESS,
      aliases: ['有声读物', '盲人阅览室'],
      keywords: ['盲人', '有声读物', '阅览室'],
    }),
    query('残疾人辅助器具适配机构查询', 'Assistive device fitting centres', {
      identity: [],
      theme: ACCESS,
      aliases: ['辅具机构', '轮椅助听器在哪配'],
      keywords: ['辅助器具', '轮椅', '助听器', '假肢'],
    }),
    apply(
      '困难残疾人生活补贴和重度残疾人护理补贴申请',
      'Apply for the disability living and care allowances',
      20,
      {
        scan: true,
        aliases: ['残疾人两项补贴申请', '残疾人补贴申请', '护理补贴申请'],
        keywords: ['残疾人补贴', '生活补贴', '护理补贴', '低保'],
        fields: [bankCard],
        materials: [
          mat('中华人民共和国残疾人证', 'Disability certificate of the PRC'),
          mat(
            '低保或低收入家庭证明（申请生活补贴时提供）',
            'Minimum-allowance or low-income certificate (for the living allowance)',
            {
              optional: true,
            },
          ),
        ],
        who: [
          '持第二代残疾人证的本区户籍残疾人；生活补贴面向低保、低收入家庭，护理补贴面向一、二级残疾人。',
          'Disabled residents of the district with a second-generation certificate; the living allowance is for low-income households and the care allowance for grade 1 and 2 disabilities.',
        ],
      },
    ),
    apply('残疾人交通补贴申请', 'Apply for the disability transport allowance', 15, {
      aliases: ['残疾人乘车补贴'],
      keywords: ['交通补贴', '残疾人', '出行'],
      fields: [bankCard],
      materials: [mat('中华人民共和国残疾人证', 'Disability certificate of the PRC')],
    }),
    apply('残疾人证换领', 'Renew a disability certificate', 20, {
      aliases: ['残疾证换证', '残疾证到期'],
      keywords: ['残疾证', '换领', '到期'],
      materials: [mat('近期免冠证件照（终端现场拍摄）', 'Recent ID photo (taken at the terminal)')],
    }),
    apply('残疾人辅助器具适配申请', 'Apply for an assistive device', 20, {
      aliases: ['申请轮椅', '申请助听器', '辅具申请'],
      keywords: ['辅助器具', '轮椅', '助听器', '拐杖'],
      fields: [
        select(
          'device',
          ['辅具类别', 'Device'],
          [
            ['wheelchair', '轮椅', 'Wheelchair'],
            ['hearing', '助听器', 'Hearing aid'],
            ['walking', '助行器、拐杖', 'Walking frame or stick'],
            ['vision', '助视器、盲杖', 'Low-vision aid or white cane'],
            ['other', '其他', 'Other'],
          ],
        ),
      ],
    }),
    book('残疾评定预约', 'Book a disability assessment', {
      aliases: ['残疾鉴定预约', '办残疾证预约'],
      keywords: ['残疾评定', '鉴定', '办证'],
      fields: [
        select(
          'category',
          ['残疾类别', 'Type of disability'],
          [
            ['visual', '视力残疾', 'Visual'],
            ['hearing', '听力残疾', 'Hearing'],
            ['speech', '言语残疾', 'Speech'],
            ['physical', '肢体残疾', 'Physical'],
            ['intellectual', '智力残疾', 'Intellectual'],
            ['mental', '精神残疾', 'Mental'],
          ],
        ),
      ],
    }),
  ],
}
