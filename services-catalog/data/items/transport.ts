/** 交通运输: transit cards, coaches, driving schools and road-transport work permits. */
import { apply, type DepartmentTable, mat, print, query } from './builders'
import { date, description, digits, plateNo, select, text } from './fields'

const PERMITS = '从业资格'

/** The 交通运输 table. */
export const transport: DepartmentTable = {
  code: 'transport',
  abbr: 'JT',
  zh: '交通运输',
  en: 'Transport',
  theme: '交通出行',
  rows: [
    query('公交卡（岭南通）余额查询', 'Transit card (Lingnan Pass) balance', {
      identity: [],
      aliases: ['公交卡余额查询', '岭南通余额'],
      keywords: ['公交卡', '岭南通', '余额', '充值'],
      fields: [
        digits('cardNo', ['卡面号码', 'Card number'], 10, 20, [
          '见卡片背面',
          'Printed on the back of the card',
        ]),
      ],
    }),
    query('公交线路查询', 'Bus routes', {
      identity: [],
      aliases: ['坐几路车', '公交查询'],
      keywords: ['公交', '线路', '站点', '首末班'],
      fields: [text('stop', ['线路或站点名称', 'Route or stop name'], { maxLength: 30 })],
    }),
    query('汽车客运站班次查询', 'Coach timetables', {
      identity: [],
      aliases: ['汽车站班次', '客车时刻表'],
      keywords: ['客运站', '班次', '长途汽车'],
      fields: [text('destination', ['目的地', 'Destination'], { maxLength: 20 })],
    }),
    query('驾照考点查询', 'Driving test centres', {
      identity: [],
      aliases: ['驾考考场查询', '考场地址'],
      keywords: ['驾考', '考场', '科目二', '科目三'],
    }),
    query('驾驶员培训机构查询', 'Driving schools', {
      identity: [],
      aliases: ['驾校查询', '驾校名单'],
      keywords: ['驾校', '培训', '学车'],
    }),
    query('机动车维修企业查询', 'Licensed vehicle repair shops', {
      identity: [],
      aliases: ['修车厂查询', '汽修厂'],
      keywords: ['维修', '汽修', '备案'],
    }),
    query('道路运输从业资格证查询', 'Road transport work permit', {
      theme: PERMITS,
      aliases: ['从业资格证查询', '货运资格证查询'],
      keywords: ['从业资格证', '货运', '客运', '危货'],
    }),
    query('网络预约出租汽车驾驶员证查询', 'Ride-hailing driver permit', {
      theme: PERMITS,
      aliases: ['网约车驾驶员证查询', '网约车资格证'],
      keywords: ['网约车', '驾驶员证', '人证'],
    }),
    print('道路运输从业资格信息打印', 'Road transport work permit record', {
      theme: PERMITS,
      aliases: ['从业资格证明打印'],
      keywords: ['从业资格', '证明', '打印'],
    }),
    apply('道路运输从业资格证补发', 'Replace a road transport work permit', 5, {
      theme: PERMITS,
      aliases: ['从业资格证补办', '资格证丢失'],
      keywords: ['从业资格证', '补发', '遗失', '损毁'],
      fields: [
        select(
          'reason',
          ['补发原因', 'Reason'],
          [
            ['lost', '遗失', 'Lost'],
            ['damaged', '损毁', 'Damaged'],
          ],
        ),
      ],
    }),
    apply('长者公交优惠卡申请', 'Seniors’ bus pass', 10, {
      aliases: ['老人卡', '老年人乘车卡', '长者卡'],
      keywords: ['老人', '免费乘车', '公交', '60岁'],
      materials: [mat('近期免冠证件照（终端现场拍摄）', 'Recent ID photo (taken at the terminal)')],
      who: [
        '本市户籍或持本市居住证、年满 60 周岁的老年人。',
        'People aged 60 or over registered in the city or holding its residence permit.',
      ],
    }),
    apply('出租汽车服务投诉', 'Complain about a taxi or ride-hailing trip', 10, {
      aliases: ['打车投诉', '出租车投诉', '网约车投诉'],
      keywords: ['出租车', '网约车', '投诉', '绕路'],
      theme: '投诉举报',
      fields: [
        plateNo,
        date('tripDate', ['乘车日期', 'Date of the trip']),
        description(['投诉内容', 'What happened']),
      ],
    }),
  ],
}
