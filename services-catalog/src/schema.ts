/**
 * The one schema of the service catalog, modelled on the national 实施清单 and the 粤智助 admin record.
 * The kiosk, the backend and the CLI all derive their types from here; nothing redeclares them.
 */
import { z } from 'zod'
import { IDENTITY_METHODS, ITEM_KINDS, SERVED_FOR } from './kinds'

// The identification words live in kinds.ts (zod-free: the kiosk's flow reads them at run time).
export {
  IDENTIFICATIONS,
  IDENTITY_METHODS,
  type Identification,
  type IdentityMethod,
  ITEM_KINDS,
  type ItemKind,
  SERVED_FOR,
  type ServedFor,
} from './kinds'
/** The departments whose items may take the 社保卡 as identification (人社 and 医保). */
export const SOCIAL_CARD_DEPARTMENTS = ['hrss', 'medicare'] as const
/**
 * 硬件模块 an item needs on the terminal: 扫码器 reads the resident's phone QR code, 高拍仪 photographs documents,
 * 社保卡读卡器 reads the 社会保障卡.
 */
export const HARDWARE = ['打印机', '身份证读卡器', '社保卡读卡器', '扫码器', '摄像头', '高拍仪'] as const
/** 服务对象. */
export const SERVICE_OBJECTS = ['自然人', '法人'] as const
/** 网络策略: online-only items cannot start without the backend; queueable ones may be saved offline. */
export const NETWORK_POLICIES = ['仅联网', '可离线'] as const
/** 事项状态. */
export const ITEM_STATUSES = ['有效', '无效'] as const
/** Input types a catalog form field may ask for; each maps to one on-screen keyboard layout. */
export const FIELD_TYPES = ['text', 'digits', 'phone', 'date', 'select', 'amount'] as const

/** Length caps keep one hostile or broken row from bloating every terminal. */
export const LIMITS = {
  code: 40,
  name: 60,
  shortText: 200,
  longText: 2000,
  listEntries: 30,
  fields: 12,
  items: 20000,
  fileBytes: 5 * 1024 * 1024,
} as const

const trimmed = (max: number) => z.string().trim().max(max)

/** Text shown to residents, Chinese first; an empty `en` falls back to Chinese on screen. */
export const LocalizedText = z.object({ zh: trimmed(LIMITS.longText).min(1), en: trimmed(LIMITS.longText) })
/** A short localized label (names, field labels). */
export const LocalizedName = z.object({ zh: trimmed(LIMITS.name).min(1), en: trimmed(LIMITS.shortText) })

const isCompilableRegex = (source: string) => {
  try {
    new RegExp(source)
    return true
  } catch {
    return false
  }
}

/** One input the service flow collects, rendered with the on-screen keyboard its type names. */
export const FormField = z
  .object({
    key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'field key must be camelCase ASCII'),
    type: z.enum(FIELD_TYPES),
    label: LocalizedName,
    required: z.boolean().default(true),
    pattern: z
      .string()
      .max(200)
      .refine(isCompilableRegex, 'pattern is not a valid regular expression')
      .optional(),
    patternHint: LocalizedName.optional(),
    maxLength: z.number().int().min(1).max(200).optional(),
    options: z
      .array(z.object({ value: trimmed(40).min(1), label: LocalizedName }))
      .max(20)
      .optional(),
    /** Personal data is masked on the confirm screen and kept out of logs. */
    personal: z.boolean().default(false),
  })
  .refine((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0, {
    message: 'a select field needs options',
    path: ['options'],
  })

/** 申请材料. */
export const Material = z.object({
  name: LocalizedName,
  required: z.boolean().default(true),
  form: z.enum(['纸质', '电子']).default('纸质'),
  copies: z.number().int().min(0).max(20).default(1),
})

/** 承诺办结时限: 0 days means 即办 (done on the spot). */
export const TimeLimit = z.object({
  days: z.number().int().min(0).max(365),
  unit: z.enum(['工作日', '自然日']).default('工作日'),
})

/** 是否收费 and 收费标准. */
export const Fee = z.object({
  charged: z.boolean(),
  standard: LocalizedText.optional(),
})

/** 办事指南 as the resident reads it before starting. */
export const Guide = z.object({
  summary: LocalizedText,
  eligibility: LocalizedText,
  /** What to have at hand at the terminal (ID card, phone, bank card …). */
  bring: LocalizedText,
})

/** 实施部门: a department tile on the home screen. */
export const Department = z.object({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'department code must be lowercase ASCII'),
  name: LocalizedName,
  sort: z.number().int().default(0),
})

/** One service item (事项) as published to terminals. */
export const ServiceItem = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/, 'code must be 4–40 letters, digits, - or _'),
  name: LocalizedName,
  aliases: z.array(trimmed(LIMITS.name).min(1)).max(LIMITS.listEntries).default([]),
  keywords: z.array(trimmed(LIMITS.name).min(1)).max(LIMITS.listEntries).default([]),
  department: Department.shape.code,
  theme: trimmed(LIMITS.name).default(''),
  serviceObject: z.array(z.enum(SERVICE_OBJECTS)).min(1).default(['自然人']),
  kind: z.enum(ITEM_KINDS),
  identity: z.array(z.enum(IDENTITY_METHODS)).max(IDENTITY_METHODS.length).default([]),
  /** 为谁办理: 本人 only by default; 家人 from the household register; 他人 by an agent with a 委托书. */
  servedFor: z.array(z.enum(SERVED_FOR)).min(1).max(SERVED_FOR.length).default(['本人']),
  /** The flow sends a (simulated) SMS code to the resident's phone. */
  needsPhone: z.boolean().default(false),
  hardware: z.array(z.enum(HARDWARE)).max(HARDWARE.length).default([]),
  timeLimit: TimeLimit.default({ days: 0, unit: '工作日' }),
  fee: Fee.default({ charged: false }),
  materials: z.array(Material).max(LIMITS.listEntries).default([]),
  guide: Guide,
  fields: z.array(FormField).max(LIMITS.fields).default([]),
  network: z.enum(NETWORK_POLICIES).default('仅联网'),
  status: z.enum(ITEM_STATUSES).default('有效'),
  hot: z.boolean().default(false),
  sort: z.number().int().min(0).max(1_000_000).default(0),
  /** Terminal groups that offer the item; empty means every terminal. */
  groups: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/))
    .max(50)
    .default([]),
  /** Columns from an imported file that the schema does not know, kept rather than dropped. */
  extra: z.record(z.string(), z.string()).optional(),
})

/** A whole catalog as admins author it (JSON form); cross-item rules live in validate.ts. */
export const Catalog = z.object({
  schemaVersion: z.literal(1),
  departments: z.array(Department).min(1).max(200),
  items: z.array(ServiceItem).max(LIMITS.items),
})

/** One search entry per item, computed at import so the kiosk ships no pinyin dictionary. */
export const SearchEntry = z.object({
  code: z.string(),
  /** Lower-cased names, aliases and keywords in zh and en, joined by "\u0001". */
  text: z.string(),
  /** Full pinyin without tones or spaces for names and aliases, joined by "\u0001". */
  pinyin: z.string(),
  /** Pinyin initials for names and aliases, joined by "\u0001" ("sbk" for 社保卡…). */
  initials: z.string(),
})

/** What a terminal downloads: one immutable published version, filtered to its groups. */
export const PublishedCatalog = Catalog.extend({
  version: z.number().int().min(1),
  /** The terminal's district's overlay version applied (its additions and withdrawals); absent: none. */
  overlayVersion: z.number().int().min(1).optional(),
  publishedAt: z.string(),
  search: z.array(SearchEntry),
})

export type Hardware = (typeof HARDWARE)[number]
export type LocalizedText = z.infer<typeof LocalizedText>
export type FormField = z.infer<typeof FormField>
export type Department = z.infer<typeof Department>
export type ServiceItem = z.infer<typeof ServiceItem>
export type ServiceItemInput = z.input<typeof ServiceItem>
export type Catalog = z.infer<typeof Catalog>
export type CatalogInput = z.input<typeof Catalog>
export type SearchEntry = z.infer<typeof SearchEntry>
export type PublishedCatalog = z.infer<typeof PublishedCatalog>
