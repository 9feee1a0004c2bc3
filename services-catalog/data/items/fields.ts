/**
 * Form fields that many items share (plate number, year, time slot …), so each pattern and its hint
 * are written once and every table asks for them the same way.
 */
import type { FieldInput, Pair } from './builders'

type Opt = readonly [value: string, zh: string, en: string]

/** A select field from [value, zh, en] triples. */
export const select = (key: string, label: Pair, options: readonly Opt[], required = true): FieldInput => ({
  key,
  type: 'select',
  label: { zh: label[0], en: label[1] },
  required,
  options: options.map(([value, zh, en]) => ({ value, label: { zh, en } })),
})

/** A select whose value is its Chinese label (years, percentages, short terms). */
export const selectPlain = (key: string, label: Pair, values: readonly Pair[], required = true): FieldInput =>
  select(
    key,
    label,
    values.map(([zh, en]) => [zh, zh, en] as const),
    required,
  )

/** Free text (Chinese allowed), e.g. a company or project name. */
export const text = (
  key: string,
  label: Pair,
  o: { required?: boolean; personal?: boolean; maxLength?: number } = {},
): FieldInput => ({
  key,
  type: 'text',
  label: { zh: label[0], en: label[1] },
  required: o.required ?? true,
  maxLength: o.maxLength ?? 50,
  personal: o.personal ?? false,
})

/** Money in yuan with at most two decimals. */
export const amount = (key: string, label: Pair, required = true): FieldInput => ({
  key,
  type: 'amount',
  label: { zh: label[0], en: label[1] },
  required,
  pattern: '^\\d{1,7}(\\.\\d{1,2})?$',
  patternHint: { zh: '请输入金额（元），最多两位小数', en: 'Enter an amount in yuan, up to two decimals' },
  maxLength: 10,
})

/** A number typed on the digit pad, checked by length. */
export const digits = (
  key: string,
  label: Pair,
  min: number,
  max: number,
  hint: Pair,
  o: { required?: boolean; personal?: boolean } = {},
): FieldInput => ({
  key,
  type: 'digits',
  label: { zh: label[0], en: label[1] },
  required: o.required ?? true,
  pattern: min === max ? `^\\d{${min}}$` : `^\\d{${min},${max}}$`,
  patternHint: { zh: hint[0], en: hint[1] },
  maxLength: max,
  personal: o.personal ?? false,
})

/** A calendar date. */
export const date = (key: string, label: Pair, required = true): FieldInput => ({
  key,
  type: 'date',
  label: { zh: label[0], en: label[1] },
  required,
})

/** 预约日期 of every appointment item. */
export const appointmentDate: FieldInput = date('date', ['预约日期', 'Appointment date'])

/** 预约时段 of every appointment item: the counters' opening hours in one-hour slots. */
export const timeSlot: FieldInput = select(
  'timeSlot',
  ['预约时段', 'Time slot'],
  [
    ['09:00-10:00', '上午 9:00–10:00', '9:00–10:00 am'],
    ['10:00-11:00', '上午 10:00–11:00', '10:00–11:00 am'],
    ['11:00-12:00', '上午 11:00–12:00', '11:00 am–12:00 pm'],
    ['14:30-15:30', '下午 2:30–3:30', '2:30–3:30 pm'],
    ['15:30-16:30', '下午 3:30–4:30', '3:30–4:30 pm'],
    ['16:30-17:30', '下午 4:30–5:30', '4:30–5:30 pm'],
  ],
)

/** A mainland mobile number other than the one that receives the SMS code (e.g. an on-site contact). */
export const contactPhone: FieldInput = {
  key: 'contactPhone',
  type: 'phone',
  label: { zh: '联系电话', en: 'Contact phone' },
  required: true,
  pattern: '^1[3-9]\\d{9}$',
  patternHint: { zh: '请输入 11 位手机号码', en: 'Enter an 11-digit mobile number' },
  maxLength: 11,
  personal: true,
}

/** Postal or home address; personal. */
export const address = (label: Pair = ['详细地址', 'Address'], required = true): FieldInput =>
  text('address', label, { required, personal: true, maxLength: 100 })

/** A person's name; personal. */
export const personName = (key: string, label: Pair, required = true): FieldInput =>
  text(key, label, { required, personal: true, maxLength: 30 })

/** Another person's 18-digit ID number (family member, child); personal. */
export const idNumber = (key: string, label: Pair): FieldInput => ({
  key,
  type: 'text',
  label: { zh: label[0], en: label[1] },
  required: true,
  pattern: '^\\d{17}[\\dXx]$',
  patternHint: { zh: '18 位身份证号码，最后一位可为 X', en: '18-character ID number; the last may be X' },
  maxLength: 18,
  personal: true,
})

/** A bank card for payments to the resident; personal. */
export const bankCard: FieldInput = digits(
  'bankCard',
  ['本人银行卡号', 'Your bank card number'],
  16,
  19,
  ['请输入 16–19 位银行卡号', 'Enter the 16–19 digit card number'],
  { personal: true },
)

/** Vehicle plate (粤A12345, new-energy plates have one character more). */
export const plateNo: FieldInput = {
  key: 'plateNo',
  type: 'text',
  label: { zh: '号牌号码', en: 'Plate number' },
  required: true,
  pattern:
    '^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳]$',
  patternHint: {
    zh: '如 粤P12345，新能源车如 粤PD12345',
    en: 'e.g. 粤P12345, or 粤PD12345 for new-energy vehicles',
  },
  maxLength: 8,
}

/** 号牌种类, the codes the traffic police systems use. */
export const plateType: FieldInput = select(
  'plateType',
  ['号牌种类', 'Plate type'],
  [
    ['02', '小型汽车', 'Small car'],
    ['52', '小型新能源汽车', 'Small new-energy car'],
    ['01', '大型汽车', 'Large vehicle'],
    ['51', '大型新能源汽车', 'Large new-energy vehicle'],
    ['07', '普通摩托车', 'Motorcycle'],
  ],
)

/** Last six characters of the VIN, which proves the owner has the vehicle papers. */
export const vinTail: FieldInput = {
  key: 'vinTail',
  type: 'text',
  label: { zh: '车辆识别代号后6位', en: 'Last 6 characters of the VIN' },
  required: true,
  pattern: '^[A-HJ-NPR-Z0-9]{6}$',
  patternHint: { zh: '见行驶证，字母不含 I、O、Q', en: 'See the vehicle licence; no I, O or Q' },
  maxLength: 6,
}

/** 统一社会信用代码 of a business. */
export const creditCode: FieldInput = {
  key: 'creditCode',
  type: 'text',
  label: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  required: true,
  pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$',
  patternHint: { zh: '18 位，见营业执照', en: '18 characters, printed on the business licence' },
  maxLength: 18,
}

/** 缴费年度 for annual contributions and taxes. */
export const year: FieldInput = selectPlain(
  'year',
  ['缴费年度', 'Year'],
  [
    ['2026', '2026'],
    ['2027', '2027'],
  ],
)

/** 城乡居民养老保险缴费档次 (Guangdong: ten levels, 180–4800 yuan a year). */
export const pensionTier = (required = true): FieldInput =>
  select(
    'tier',
    ['养老保险缴费档次', 'Pension contribution level'],
    ['180', '240', '360', '600', '900', '1200', '1800', '2400', '3600', '4800'].map(
      (v) => [v, `每年 ${v} 元`, `${v} yuan a year`] as const,
    ),
    required,
  )

/** Utility account number (户号) on a water, power or gas bill. */
export const utilityAccount: FieldInput = digits('accountNo', ['户号', 'Account number'], 6, 16, [
  '见账单或缴费通知单上的户号',
  'As printed on your bill',
])

/** 办理进度 look-ups by the 受理编号 on the receipt. */
export const receiptNo: FieldInput = {
  key: 'receiptNo',
  type: 'text',
  label: { zh: '受理编号', en: 'Application number' },
  required: true,
  pattern: '^[A-Za-z0-9-]{6,32}$',
  patternHint: { zh: '见受理回执，6–32 位字母或数字', en: 'On your receipt: 6–32 letters or digits' },
  maxLength: 32,
}

/** A free-text description of a complaint or request. */
export const description = (label: Pair = ['情况说明', 'Description']): FieldInput =>
  text('description', label, { maxLength: 200 })
