/** The mobile case page's words in Chinese and English: small and separate from the kiosk's i18n (no kiosk code). */

/** The languages of the page. */
export type MobileLang = 'zh' | 'en'

const zh = {
  brand: '扫码续办',
  switchTo: 'English',
  loading: '正在加载…',
  title: '办件进度',
  reference: '办件编号',
  item: '办理事项',
  department: '办理部门',
  status: '办理状态',
  accepted: '受理时间',
  limit: '承诺时限',
  limitImmediate: '即办',
  limitDays: '{days}个{unit}',
  due: '承诺办结日期',
  finished: '办结时间',
  overdue: '已超过承诺时限，可拨打 12345 反映',
  appointment: '预约时间',
  place: '预约地点',
  payment: '缴费金额',
  paid: '已缴费',
  amount: '{yuan} 元',
  bringTitle: '需携带的材料',
  whereTitle: '办理地点',
  history: '办理记录',
  validUntil: '本链接有效期至 {day}',
  refusedTitle: '无法打开此链接',
  refusedBody: '二维码可能不完整或已损坏。请重新扫描回执上的二维码，或到自助终端按办件编号查询。',
  expiredTitle: '此链接已过期',
  expiredBody: '办结 30 天后链接失效。如需查询，请到自助终端按办件编号查询。',
  failedTitle: '暂时无法连接',
  failedBody: '请检查网络后重试。',
  retry: '重试',
  supplementTitle: '需要补正材料',
  supplementTake: '拍照上传',
  supplementSending: '正在上传…',
  supplementAnswered: '已于 {time} 补正，部门继续办理',
  supplementNotImage: '这张照片无法识别，请重新拍照（支持 JPG、PNG 照片）。',
  supplementFailed: '上传失败，请重试。',
  statuses: { 已受理: '已受理', 办理中: '办理中', 办结: '已办结', 不予受理: '不予受理' } as Record<
    string,
    string
  >,
}

/** The page's message keys. */
export type MobileStrings = typeof zh

const en: MobileStrings = {
  brand: 'Follow your case',
  switchTo: '中文',
  loading: 'Loading…',
  title: 'Case progress',
  reference: 'Reference number',
  item: 'Service',
  department: 'Department',
  status: 'Status',
  accepted: 'Accepted',
  limit: 'Promised time limit',
  limitImmediate: 'Same day',
  limitDays: '{days} {unit}',
  due: 'Promised completion date',
  finished: 'Completed',
  overdue: 'The promised time limit has passed; you can call 12345',
  appointment: 'Appointment',
  place: 'Place',
  payment: 'Amount',
  paid: 'Paid',
  amount: '¥{yuan}',
  bringTitle: 'What to bring',
  whereTitle: 'Where',
  history: 'History',
  validUntil: 'This link works until {day}',
  refusedTitle: 'This link cannot be opened',
  refusedBody:
    'The QR code may be incomplete or damaged. Scan the code on your receipt again, or look the case up by its number at a terminal.',
  expiredTitle: 'This link has expired',
  expiredBody:
    'Links stop working 30 days after a case is completed. Look the case up by its number at a terminal.',
  failedTitle: 'Cannot connect right now',
  failedBody: 'Check your connection and try again.',
  retry: 'Try again',
  supplementTitle: 'A document is asked for again',
  supplementTake: 'Take or choose a photo',
  supplementSending: 'Uploading…',
  supplementAnswered: 'Supplied again at {time}; the department continues',
  supplementNotImage: 'This photo cannot be read. Take it again (JPG or PNG photos).',
  supplementFailed: 'The upload failed. Please try again.',
  statuses: { 已受理: 'Accepted', 办理中: 'In progress', 办结: 'Completed', 不予受理: 'Not accepted' },
}

/** Both dictionaries. */
export const MOBILE_STRINGS: Record<MobileLang, MobileStrings> = { zh, en }

/** English units of a time limit. */
export const UNIT_EN: Record<string, string> = { 工作日: 'working days', 自然日: 'calendar days' }

/** The phone's language: Chinese when its first Chinese-or-English preference is Chinese, else English. */
export function phoneLanguage(preferences: readonly string[]): MobileLang {
  for (const tag of preferences) {
    const lower = tag.toLowerCase()
    if (lower.startsWith('zh')) return 'zh'
    if (lower.startsWith('en')) return 'en'
  }
  return 'zh'
}

/** Fills `{name}` placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))
}
