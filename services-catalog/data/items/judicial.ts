/** 司法: legal aid, mediation, notarisation and the lawyer register. */
import { apply, book, type DepartmentTable, mat, query } from './builders'
import { description, personName, select, text } from './fields'

const CASE_TYPES = [
  ['wages', '追索劳动报酬', 'Unpaid wages'],
  ['injury', '工伤或交通事故赔偿', 'Work or traffic injury compensation'],
  ['family', '婚姻家庭', 'Marriage and family'],
  ['maintenance', '赡养、抚养、扶养', 'Support of parents, children or spouse'],
  ['neighbour', '邻里、房屋纠纷', 'Neighbours and housing'],
  ['other', '其他', 'Other'],
] as const

/** The 司法 table. */
export const judicial: DepartmentTable = {
  code: 'judicial',
  abbr: 'SF',
  zh: '司法',
  en: 'Justice',
  theme: '公共法律服务',
  rows: [
    query('律师执业信息查询', 'Practising lawyers', {
      identity: [],
      aliases: ['律师查询', '查律师'],
      keywords: ['律师', '执业证', '律师事务所'],
      fields: [personName('lawyerName', ['律师姓名', 'Lawyer’s name'])],
    }),
    query('公证机构查询', 'Notary offices', {
      identity: [],
      aliases: ['公证处查询', '公证处在哪'],
      keywords: ['公证处', '公证', '地址'],
    }),
    query('人民调解组织查询', 'Mediation committees', {
      identity: [],
      aliases: ['调解委员会查询'],
      keywords: ['人民调解', '调委会', '纠纷'],
    }),
    query('法律援助申请进度查询', 'Legal aid application progress', {
      aliases: ['法援进度'],
      keywords: ['法律援助', '进度'],
    }),
    apply('法律援助申请', 'Apply for legal aid', 7, {
      aliases: ['法援申请', '免费律师', '申请法律援助'],
      keywords: ['法律援助', '免费', '律师', '讨薪'],
      fields: [
        select('caseType', ['案件类型', 'Type of case'], CASE_TYPES),
        description(['案情简述', 'What the case is about']),
      ],
      materials: [
        mat('经济困难状况说明表', 'Statement of financial hardship'),
        mat('与案件有关的证明材料', 'Documents about the case', { optional: true }),
      ],
      who: [
        '经济困难、因维护合法权益需要法律帮助的公民；追索劳动报酬、工伤赔偿等事项不受经济困难条件限制。',
        'People who cannot afford a lawyer; cases about unpaid wages or work injuries qualify regardless of income.',
      ],
    }),
    apply('人民调解申请', 'Apply for mediation', 5, {
      aliases: ['申请调解', '纠纷调解'],
      keywords: ['调解', '纠纷', '邻里', '矛盾'],
      fields: [
        select('disputeType', ['纠纷类型', 'Type of dispute'], CASE_TYPES),
        text('otherParty', ['对方当事人（个人或单位）', 'The other party (person or organisation)'], {
          personal: true,
          maxLength: 60,
        }),
        description(['纠纷情况', 'What the dispute is about']),
      ],
    }),
    book('公证业务预约', 'Book a notarisation appointment', {
      aliases: ['公证预约', '办公证'],
      keywords: ['公证', '学历公证', '委托书', '继承'],
      fields: [
        select(
          'notarial',
          ['公证事项', 'What to notarise'],
          [
            ['education', '学历学位', 'Education and degrees'],
            ['birth', '出生、亲属关系', 'Birth or kinship'],
            ['no-crime', '无犯罪记录', 'No criminal record'],
            ['power', '委托书、声明书', 'Power of attorney or declaration'],
            ['inheritance', '继承', 'Inheritance'],
            ['other', '其他', 'Other'],
          ],
        ),
      ],
    }),
    book('法律咨询预约', 'Book free legal advice', {
      aliases: ['律师咨询预约', '免费法律咨询'],
      keywords: ['法律咨询', '律师', '公共法律服务站'],
      fields: [select('caseType', ['咨询类型', 'Topic'], CASE_TYPES)],
    }),
  ],
}
