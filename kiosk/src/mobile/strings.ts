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
  materialsTitle: '已提交的申请材料',
  materialReused: '电子证照复用（{licence}）',
  materialUploaded: '已上传',
  materialLine: '{name}：{how}',
  history: '办理记录',
  validUntil: '本链接有效期至 {day}',
  refusedTitle: '无法打开此链接',
  refusedBody: '二维码可能不完整或已损坏。请重新扫描回执上的二维码，或到自助终端按办件编号查询。',
  expiredTitle: '此链接已过期',
  expiredBody: '办结 30 天后链接失效。如需查询，请到自助终端按办件编号查询。',
  failedTitle: '暂时无法连接',
  failedBody: '请检查网络后重试。',
  retry: '重试',
  payTitle: '缴费',
  payFee: '收费标准',
  payHowTitle: '在手机上缴费',
  paySteps: [
    '在微信或支付宝中打开“粤省事”，用本人身份实名登录；',
    '搜索“{item}”，核对应缴金额后完成支付；',
    '也可以等网络恢复后，回到自助终端办理。',
  ],
  payNote: '本页面不含您的个人信息。链接 {time} 前有效。',
  payExpiredBody: '二维码已超过有效时间。请回到自助终端重新扫码，或在手机“粤省事”中搜索本事项缴费。',
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
  materialsTitle: 'Materials submitted',
  materialReused: 'Electronic licence reused ({licence})',
  materialUploaded: 'Uploaded',
  materialLine: '{name}: {how}',
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
  payTitle: 'Payment',
  payFee: 'Fee',
  payHowTitle: 'Pay on your phone',
  paySteps: [
    'Open Yueshengshi (粤省事) in WeChat or Alipay and sign in under your own real name;',
    'search for “{item}”, check the amount due and pay;',
    'or come back to a self-service terminal once its network is restored.',
  ],
  payNote: 'This page holds none of your personal data. The link works until {time}.',
  payExpiredBody:
    'This QR code has expired. Scan a new one at the terminal, or search for this service in Yueshengshi (粤省事) and pay there.',
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
