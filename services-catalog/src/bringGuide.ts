/**
 * The one wording of a guide's "what to bring" (请准备), shared by the default catalog's generator and the CSV
 * import, so an item reads the same whichever way it was authored. The kiosk shows it after the label
 * 请准备 / Please bring, so the text is the list itself: no "请携带" in front.
 */

/** What an item asks of the resident that decides what they must bring. */
export interface BringNeeds {
  /** The item's identification methods (身份证, 社保卡, 电子身份证, 人脸). */
  identity: readonly string[]
  /** The item sends an SMS code or result, so the resident's phone must receive SMS. */
  needsPhone: boolean
  /** The resident pays on the terminal by scanning a QR code with a payment app. */
  paysByQr: boolean
  /** The item scans paper documents, so the originals must come along. */
  scan?: boolean
  /** Anything else the item's author lists, Chinese and English. */
  extra?: { zh: string; en: string }
}

const joinEn = (parts: string[]) =>
  parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** One phone, described by everything the item needs it for (SMS, payment, e-licence). */
function phone(needs: BringNeeds): { zh: string; en: string } | null {
  const zh: string[] = []
  const en: string[] = []
  if (needs.needsPhone) {
    zh.push('能接收短信验证码')
    en.push('can receive SMS codes')
  }
  if (needs.paysByQr) {
    zh.push('开通了微信、支付宝或云闪付')
    en.push('has WeChat Pay, Alipay or UnionPay')
  }
  // The 粤省事 电子身份证 is an alternative to the card: the phone is worth bringing only when it is the only one.
  if (
    needs.identity.includes('电子身份证') &&
    !needs.identity.some((m) => m === '身份证' || m === '社保卡')
  ) {
    zh.push('能打开粤省事电子身份证')
    en.push('can show your Yueshengshi e-ID code')
  }
  if (zh.length === 0) return null
  return { zh: `${zh.join('并')}的手机`, en: `a mobile phone that ${en.join(' and ')}` }
}

/**
 * What identifies the resident: any ONE of the accepted identifications, so they are joined by 或 / or
 * ("本人居民身份证或社会保障卡（也可出示粤省事电子身份证）").
 */
function identification(identity: readonly string[]): { zh: string; en: string } | null {
  const zh: string[] = []
  const en: string[] = []
  if (identity.includes('身份证')) {
    zh.push('居民身份证')
    en.push('resident ID card')
  }
  if (identity.includes('社保卡')) {
    zh.push('社会保障卡')
    en.push('social security card')
  }
  if (zh.length === 0) return null
  const card = { zh: `本人${zh.join('或')}`, en: `your ${en.join(' or ')}` }
  if (!identity.includes('电子身份证')) return card
  return {
    zh: `${card.zh}（也可出示粤省事电子身份证）`,
    en: `${card.en} (or the Yueshengshi e-ID code on your phone)`,
  }
}

/** The guide's 请准备 text: a list in both languages, or "nothing needed". */
export function bringGuide(needs: BringNeeds): { zh: string; en: string } {
  const zh: string[] = []
  const en: string[] = []
  const cards = identification(needs.identity)
  if (cards) {
    zh.push(cards.zh)
    en.push(cards.en)
  }
  const mobile = phone(needs)
  if (mobile) {
    zh.push(mobile.zh)
    en.push(mobile.en)
  }
  if (needs.scan) {
    zh.push('需扫描的材料原件')
    en.push('the original documents to scan')
  }
  if (needs.extra) {
    zh.push(needs.extra.zh)
    en.push(needs.extra.en)
  }
  if (zh.length === 0) return { zh: '无需携带证件或材料。', en: 'Nothing; no documents are needed.' }
  return { zh: `${zh.join('、')}。`, en: `${capital(joinEn(en))}.` }
}
