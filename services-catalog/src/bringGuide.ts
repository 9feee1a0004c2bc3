/**
 * The one wording of a guide's "what to bring" (请准备), shared by the default catalog's generator and the CSV
 * import, so an item reads the same whichever way it was authored. The kiosk shows it after the label
 * 请准备 / Please bring, so the text is the list itself: no "请携带" in front.
 */

/** What an item asks of the resident that decides what they must bring. */
export interface BringNeeds {
  /** The item's identification methods (身份证, 社保卡, 电子证照, 人脸). */
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
  if (needs.identity.includes('电子证照')) {
    zh.push('存有本人电子证照')
    en.push('holds your e-licence')
  }
  if (zh.length === 0) return null
  return { zh: `${zh.join('并')}的手机`, en: `a mobile phone that ${en.join(' and ')}` }
}

/** The guide's 请准备 text: a list in both languages, or "nothing needed". */
export function bringGuide(needs: BringNeeds): { zh: string; en: string } {
  const zh: string[] = []
  const en: string[] = []
  if (needs.identity.includes('身份证')) {
    zh.push('本人居民身份证')
    en.push('your resident ID card')
  }
  if (needs.identity.includes('社保卡')) {
    zh.push('本人社会保障卡')
    en.push('your social security card')
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
