/**
 * The one link scheme of every QR code that takes a case home: `${PUBLIC_BASE_URL}/m/#t=<token>`. The token rides
 * in the fragment, which browsers never send to a server nor put in a Referer: it stays out of access logs,
 * proxies and analytics, and the page posts it to the API in a body (routes/mobile.ts).
 */
import { type DepartmentResult, MOBILE_PAGE_PATH } from '../contract'
import { PHONE_UPLOAD_FRAGMENT } from '../contract/phoneUploads'
import { signCaseToken, type TokenMac, verifyCaseToken } from './caseToken'

/** The kinds whose results carry a link: those a resident may follow later, not a 查询 answered on screen. */
const LINKED_KINDS: ReadonlySet<string> = new Set(['申办', '预约', '缴费', '打印'])

/** Makes and reads the links of one server. */
export class CaseLinks {
  private base: string | undefined

  /** `configured`: PUBLIC_BASE_URL (or the one derived from the listen address); undefined with PORT=0. */
  constructor(
    private readonly mac: TokenMac,
    configured: string | undefined,
  ) {
    this.base = configured
  }

  /** With PORT=0 and no PUBLIC_BASE_URL, the server names the URL it listens on once it knows its port. */
  listening(url: string): void {
    this.base ??= url
  }

  /** The mobile page's link for the case (or payment, or document) with this reference number. */
  link(reference: string): string {
    if (this.base === undefined) throw new Error('case links: the public base URL is not known yet')
    return `${this.base}${MOBILE_PAGE_PATH}#t=${signCaseToken(this.mac, reference)}`
  }

  /** The phone upload page's link for a 用手机拍照上传 session's token (materials/phoneUploads.ts). */
  phoneUploadLink(token: string): string {
    if (this.base === undefined) throw new Error('case links: the public base URL is not known yet')
    return `${this.base}${MOBILE_PAGE_PATH}#${PHONE_UPLOAD_FRAGMENT}=${token}`
  }

  /** The reference a token names, or null for anything this server did not sign. */
  reference(token: string): string | null {
    return verifyCaseToken(this.mac, token)
  }

  /** A department's result with the centre's link; a document's QR code opens the same page (one scheme). */
  attach(result: DepartmentResult): DepartmentResult {
    if (!LINKED_KINDS.has(result.kind)) return result
    const caseLink = this.link(result.reference)
    return result.document
      ? { ...result, document: { ...result.document, url: caseLink }, caseLink }
      : { ...result, caseLink }
  }
}
