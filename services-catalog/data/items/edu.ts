/** 教育: school places, exam results, student records and financial aid. */
import { apply, type DepartmentTable, mat, print, query } from './builders'
import { bankCard, digits, idNumber, select } from './fields'

const STUDENT = idNumber('studentId', ['学生身份证号码', 'Student’s ID number'])
const AID = '学生资助'
const PARENT: readonly [string, string] = [
  '学生本人或其父母（监护人），持本人居民身份证办理。',
  'The student, or a parent or guardian, with their own ID card.',
]

/** The 教育 table. */
export const edu: DepartmentTable = {
  code: 'edu',
  abbr: 'JY',
  zh: '教育',
  en: 'Education',
  theme: '教育服务',
  rows: [
    query('义务教育学校招生录取结果查询', 'Primary and middle school admission result', {
      aliases: ['学位查询', '小一初一录取查询', '入学结果'],
      keywords: ['学位', '小一', '初一', '录取'],
      fields: [STUDENT],
      who: PARENT,
    }),
    query('中考成绩查询', 'Senior high school entrance exam scores', {
      aliases: ['中考查分'],
      keywords: ['中考', '成绩', '分数'],
      fields: [
        digits('examNo', ['准考证号', 'Exam number'], 8, 12, ['见准考证', 'On your exam admission card']),
      ],
    }),
    query('学籍信息查询', 'Student record', {
      aliases: ['查学籍'],
      keywords: ['学籍', '在读', '转学'],
      fields: [STUDENT],
      who: PARENT,
    }),
    query('学生资助发放查询', 'Student aid payments', {
      theme: AID,
      aliases: ['助学金查询', '资助金查询'],
      keywords: ['助学金', '资助', '免学费'],
      fields: [STUDENT],
      who: PARENT,
    }),
    query('教师资格证书信息查询', 'Teacher qualification certificate', {
      aliases: ['教师资格证查询'],
      keywords: ['教师资格证', '教资'],
    }),
    query('学校和幼儿园名录查询', 'Schools and kindergartens', {
      identity: [],
      aliases: ['学校查询', '幼儿园查询', '学区查询'],
      keywords: ['学校', '幼儿园', '地址', '公办', '民办'],
      fields: [
        select(
          'stage',
          ['学段', 'Stage'],
          [
            ['kindergarten', '幼儿园', 'Kindergarten'],
            ['primary', '小学', 'Primary school'],
            ['middle', '初中', 'Middle school'],
            ['high', '高中及中职', 'High school and vocational'],
          ],
        ),
      ],
    }),
    print('学籍证明打印', 'Student record certificate', {
      aliases: ['在读证明', '学籍证明'],
      keywords: ['学籍', '在读证明', '转学'],
      fields: [STUDENT],
      who: PARENT,
    }),
    apply('随迁子女积分入学申请', 'Points-based school place for migrant workers’ children', 30, {
      scan: true,
      aliases: ['积分入学', '积分入学申请', '外来务工子女入学'],
      keywords: ['积分入学', '随迁子女', '居住证', '学位'],
      fields: [
        STUDENT,
        select(
          'grade',
          ['申请年级', 'Grade'],
          [
            ['p1', '小学一年级', 'Primary year 1'],
            ['m1', '初中一年级', 'Middle school year 1'],
            ['transfer', '插班', 'Joining mid-course'],
          ],
        ),
      ],
      materials: [
        mat('父母一方的广东省居住证', 'Guangdong residence permit of a parent'),
        mat('社会保险缴费证明', 'Social insurance contribution certificate'),
        mat('合法稳定住所证明', 'Proof of address'),
      ],
    }),
    apply('家庭经济困难学生认定申请', 'Apply for recognition as a student in financial need', 15, {
      theme: AID,
      aliases: ['困难学生认定', '申请助学金'],
      keywords: ['助学金', '困难学生', '资助'],
      fields: [STUDENT, bankCard],
      who: PARENT,
      materials: [
        mat(
          '低保、特困或低收入家庭证明（如有）',
          'Minimum-allowance, extreme-poverty or low-income certificate (if any)',
          { optional: true },
        ),
      ],
    }),
    apply('教师资格认定申请', 'Apply for teacher certification', 20, {
      aliases: ['教资认定', '认定教师资格'],
      keywords: ['教师资格', '认定', '普通话'],
      materials: [
        mat('教师资格考试合格证明', 'Teacher exam pass certificate'),
        mat('普通话水平测试等级证书', 'Putonghua proficiency certificate'),
        mat('指定医院出具的体检表', 'Medical form from a designated hospital', { paper: true }),
      ],
    }),
  ],
}
