/** 自然资源 (不动产登记): property records, proofs of (no) ownership, mortgages. */
import { apply, book, type DepartmentTable, mat, pay, print, query } from './builders'
import { address, receiptNo, select, text } from './fields'

const BOTH = ['自然人', '法人'] as ('自然人' | '法人')[]

/** The 自然资源 / 不动产登记 table. */
export const land: DepartmentTable = {
  code: 'land',
  abbr: 'ZR',
  zh: '不动产登记',
  en: 'Real Estate Registration',
  theme: '不动产登记',
  rows: [
    query('不动产登记信息查询', 'Real estate registration records', {
      hot: true,
      aliases: ['房产查询', '查房产', '不动产登记信息自助查询'],
      keywords: ['房产', '不动产', '房产证', '产权'],
      about: [
        '查询本人名下不动产的权属、面积、用途以及抵押、查封情况。',
        'Shows the property registered in your name: ownership, area, use, mortgages and court seizures.',
      ],
    }),
    query('有房无房查询', 'Do I own property here?', {
      aliases: ['无房查询', '名下有没有房'],
      keywords: ['有房', '无房', '首套房', '公积金提取'],
    }),
    query('不动产登记进度查询', 'Real estate registration progress', {
      objects: BOTH,
      aliases: ['登记进度查询', '房产证办理进度'],
      keywords: ['进度', '房产证', '登记'],
      fields: [receiptNo],
    }),
    query('不动产抵押登记信息查询', 'Mortgage registrations', {
      aliases: ['房屋抵押查询', '产权详情查询'],
      keywords: ['抵押', '贷款', '他项权'],
    }),
    query('农村宅基地和房屋确权登记信息查询', 'Rural homestead and house registration', {
      aliases: ['宅基地确权查询', '农村房屋登记'],
      keywords: ['宅基地', '农村', '确权'],
    }),
    query('征地信息公开查询', 'Land requisition notices', {
      identity: [],
      theme: '土地管理',
      aliases: ['征地公告', '征收补偿查询'],
      keywords: ['征地', '征收', '补偿', '公告'],
    }),
    query('国有建设用地使用权出让公告查询', 'State land-use right sale notices', {
      identity: [],
      objects: BOTH,
      theme: '土地管理',
      aliases: ['土地出让公告', '土地拍卖'],
      keywords: ['土地出让', '挂牌', '拍卖'],
    }),
    print('不动产登记信息查询结果打印', 'Real estate records certificate', {
      aliases: ['有房证明', '无房证明', '不动产登记信息自助打印', '房产证明'],
      keywords: ['房产证明', '无房证明', '入学', '购房'],
      about: [
        '打印本人名下不动产登记信息或无房记录的查询结果证明。',
        'Prints the official result of a search of your property records, including a no-property result.',
      ],
    }),
    print('宗地图和房产分户图打印', 'Parcel and floor plan', {
      aliases: ['宗地图打印', '分户图打印'],
      keywords: ['宗地图', '分户图', '户型图'],
    }),
    apply('不动产权证书遗失补发', 'Replace a lost real estate certificate', 20, {
      aliases: ['房产证丢了', '补办房产证'],
      keywords: ['房产证', '遗失', '补发', '登报'],
      fee: ['不动产权证书工本费每本 10 元', 'Certificate fee 10 yuan each'],
      fields: [
        text('certNo', ['原不动产权证书号', 'Number of the lost certificate'], { maxLength: 40 }),
        address(['不动产坐落', 'Property address']),
      ],
      materials: [mat('遗失声明', 'Declaration of loss')],
    }),
    apply('不动产抵押权注销登记', 'Cancel a mortgage registration', 1, {
      objects: BOTH,
      aliases: ['抵押注销', '解押', '房贷还清解押'],
      keywords: ['抵押', '注销', '解押', '还清'],
      fields: [text('certNo', ['不动产登记证明号', 'Registration certificate number'], { maxLength: 40 })],
      materials: [mat('贷款结清证明', 'Proof the loan is repaid')],
    }),
    pay(
      '不动产登记费缴纳',
      'Pay the real estate registration fee',
      [
        '登记费是行政事业性收费，按登记类型计收，金额以屏幕显示为准。',
        'The registration fee is an official charge that depends on the kind of registration, as shown on screen.',
      ],
      {
        fee: [
          '住宅每件 80 元，非住宅每件 550 元；每增加一本证书加收工本费 10 元。',
          'Homes 80 yuan per registration, other property 550 yuan; 10 yuan for each extra certificate.',
        ],
        objects: BOTH,
        aliases: ['登记费缴纳', '房产证费用'],
        keywords: ['登记费', '工本费', '过户'],
        fields: [
          receiptNo,
          select(
            'use',
            ['不动产用途', 'Property use'],
            [
              ['home', '住宅', 'Home'],
              ['other', '非住宅', 'Other'],
            ],
          ),
        ],
      },
    ),
    book('不动产登记预约', 'Book a real estate registration appointment', {
      objects: BOTH,
      aliases: ['房产证预约', '过户预约'],
      keywords: ['过户', '抵押', '房产证', '预约'],
      fields: [
        select(
          'business',
          ['登记业务', 'Business'],
          [
            ['transfer', '转移登记（买卖、继承、赠与）', 'Transfer (sale, inheritance, gift)'],
            ['mortgage', '抵押登记', 'Mortgage'],
            ['first', '首次登记', 'First registration'],
            ['change', '变更或更正登记', 'Change or correction'],
          ],
        ),
      ],
    }),
  ],
}
