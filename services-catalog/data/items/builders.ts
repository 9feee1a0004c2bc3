/**
 * Terse row builders for the default catalog tables: one call per item, with the fields that follow
 * from the kind (hardware, network policy, SMS, guide text) filled in by `buildItem` in generate.ts.
 */
import type { IdentityMethod, ItemKind, ServedFor, ServiceItemInput } from '../../src/schema'
import { appointmentDate, timeSlot } from './fields'

/** A Chinese / English pair, Chinese first. */
export type Pair = readonly [zh: string, en: string]
/** A form field as the schema accepts it (defaults may be left out). */
export type FieldInput = NonNullable<ServiceItemInput['fields']>[number]
/** A 申请材料 entry as the schema accepts it. */
export type MaterialInput = NonNullable<ServiceItemInput['materials']>[number]

/** Everything a table row may say about an item; what is left out is derived from the kind. */
export type RowOptions = {
  aliases?: string[]
  keywords?: string[]
  /** 主题; defaults to the department table's theme. */
  theme?: string
  objects?: ('自然人' | '法人')[]
  /** Defaults to ['身份证']; [] means no identification at all. */
  identity?: IdentityMethod[]
  needsPhone?: boolean
  /** 为谁办理; defaults to 本人 only. Serving 他人 needs `agentMandate` among the materials. */
  servedFor?: ServedFor[]
  /** 承诺办结时限 in working days (0 = 即办). */
  days?: number
  /**
   * 收费标准 of an item with a handling fee (是否收费 = 是): 工本费, 登记费 … In the national item record 是否收费 is
   * about such fees only, so a premium, tax, fine or bill paid through a 缴费 item leaves it out.
   */
  fee?: Pair
  /** 缴费 only: how the amount due is worked out (a premium, tax, fine or bill), shown in the guide summary. */
  due?: Pair
  materials?: MaterialInput[]
  /** First sentence of the guide summary: what the item is for. */
  about?: Pair
  /** 受理条件 when the default for the kind does not fit. */
  who?: Pair
  /** Extra things to have at hand, added after the ones implied by identity and kind. */
  bring?: Pair
  fields?: FieldInput[]
  network?: '仅联网' | '可离线'
  /** Status 无效: kept in the catalog for history, no longer offered. */
  off?: boolean
  hot?: boolean
  /** Needs the document scanner, so only town-centre terminals (which have one) offer it. */
  scan?: boolean
  /** Explicit terminal groups (otherwise [] or ['town-centre'] for scanner items). */
  groups?: string[]
}

/** One row of a department table. */
export type Row = RowOptions & { kind: ItemKind; zh: string; en: string }

/** One department and its items, in the order they appear on the terminal. */
export type DepartmentTable = {
  code: string
  /** Upper-case prefix of the item codes (RS for 人社 …). */
  abbr: string
  zh: string
  en: string
  /** Default 主题 of the department's items. */
  theme: string
  rows: Row[]
}

/** 查询: shown on screen at once, online only. */
export const query = (zh: string, en: string, o: RowOptions = {}): Row => ({ kind: '查询', zh, en, ...o })

/** 打印: a certificate printed on the spot. */
export const print = (zh: string, en: string, o: RowOptions = {}): Row => ({ kind: '打印', zh, en, ...o })

/** 申办: an application with a promised time limit in working days. */
export const apply = (zh: string, en: string, days: number, o: RowOptions = {}): Row => ({
  kind: '申办',
  zh,
  en,
  days,
  ...o,
})

/** 预约: date and time slot first, then any item-specific fields. */
export const book = (zh: string, en: string, o: RowOptions = {}): Row => ({
  kind: '预约',
  zh,
  en,
  ...o,
  fields: [appointmentDate, timeSlot, ...(o.fields ?? [])],
})

/** 缴费: the amount due stated up front; 是否收费 stays 否 unless `o.fee` names a real handling fee. */
export const pay = (zh: string, en: string, due: Pair, o: RowOptions = {}): Row => ({
  kind: '缴费',
  zh,
  en,
  due,
  ...o,
})

/** A 申请材料 entry; electronic (scanned or pulled from the e-licence library) unless said otherwise. */
export const mat = (
  zh: string,
  en: string,
  o: { optional?: boolean; paper?: boolean; copies?: number } = {},
): MaterialInput => ({
  name: { zh, en },
  required: !o.optional,
  form: o.paper ? '纸质' : '电子',
  copies: o.copies ?? 1,
})

/** The 授权委托书 an agent (他人) brings; optional, since the resident acting for themself has none. */
export const agentMandate: MaterialInput = mat('授权委托书', 'Power of attorney', { optional: true })
