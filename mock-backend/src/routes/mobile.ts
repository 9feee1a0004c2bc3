/**
 * The mobile case page's API (扫码续办): `POST /api/m/case` with the token from the page's fragment, and
 * `POST /api/m/payment` with a 缴费 hand-off token an offline kiosk drew (handoff/paymentHandoff.ts). Public, the
 * token is the authorisation; a forged, altered or unknown token answers one and the same 404, and every answer
 * is `no-store` (a shared phone's cache keeps nothing).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { clientAddress } from '../clientAddress'
import type { MobileCaseAnswer } from '../contract'
import type { MobilePaymentAnswer } from '../contract/paymentHandoff'
import type { PhoneUploadOpened } from '../contract/phoneUploads'
import type { AppDeps, AppEnv } from '../deps'
import { readCaseSheet } from '../handoff/caseSheet'
import { MOBILE_READS_PER_MINUTE } from '../handoff/handoff'
import { readPaymentHandoff } from '../handoff/paymentHandoff'
import { ApiError } from '../http/errors'
import { readJson } from '../http/validate'
import { PhoneToken } from './materials'

/** Errors too: a shared phone's cache keeps no answer of this route. */
const NO_STORE = { 'Cache-Control': 'no-store' }

const Body = z.object({ token: z.string().max(200, 'token: at most 200 characters') })

/** One and the same refusal for any link that is not valid: it tells nothing about which part failed. */
const refused = () => new ApiError(404, 'not_found', 'this link is not valid', NO_STORE)
/** A link past its time: the day or instant it worked until, and what to do instead. */
const expired = (until: string, instead: string) =>
  new ApiError(410, 'expired', `this link worked until ${until}; ${instead}`, NO_STORE)

const PhoneKey = z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'phoneKey must be the key the open call gave')
const UploadOpenBody = z.strictObject({ token: PhoneToken, phoneKey: PhoneKey.optional() })
const UploadPhotoBody = z.strictObject({
  token: PhoneToken,
  phoneKey: PhoneKey,
  material: z.string().min(1).max(120),
  fileName: z.string().min(1).max(200).optional(),
  // No length here: the JSON body limit caps it, and the service refuses an over-size material naming its limit.
  data: z.string(),
})

const SupplementBody = z.strictObject({
  token: z.string().max(200, 'token: at most 200 characters'),
  fileName: z.string().min(1).max(200).optional(),
  // No length here: the JSON body limit caps it, and the service refuses an over-size material naming its limit.
  data: z.string(),
})

/** POST /api/m/case and /api/m/payment, 补正's /api/m/supplement, and the phone upload page's /api/m/upload/open and
 * /api/m/upload */
export function mobileRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store')
    const wait = await deps.handoff.reads.take(clientAddress(c, deps.proxyTrust))
    if (wait > 0)
      throw new ApiError(
        429,
        'rate_limited',
        `too many case page reads from this address (at most ${MOBILE_READS_PER_MINUTE} a minute); try again in ${wait} s`,
        { 'Retry-After': String(wait), ...NO_STORE },
      )
    await next()
  })
  app.post('/case', async (c) => {
    const { token } = await readJson(c, Body)
    const reference = deps.handoff.links.reference(token)
    if (reference === null) throw refused()
    const read = await readCaseSheet(deps, reference)
    if ('missing' in read) throw refused()
    if ('expired' in read) throw expired(read.expired, 'look the case up at a terminal')
    return c.json(read.found satisfies MobileCaseAnswer)
  })
  app.post('/payment', async (c) => {
    const { token } = await readJson(c, Body)
    const read = await readPaymentHandoff(deps, token)
    if (read === null) throw refused()
    if ('expired' in read) throw expired(read.expired, 'scan the code at the terminal again')
    return c.json(read.found satisfies MobilePaymentAnswer)
  })
  // 补正: the case link's token may upload the material asked again, only while the request is open.
  app.post('/supplement', async (c) => {
    const { token, fileName, data } = await readJson(c, SupplementBody)
    const reference = deps.handoff.links.reference(token)
    const [row] = reference === null ? [] : await deps.cases.store.byNumber(reference)
    if (!row) throw refused()
    const open = await deps.cases.supplement(row)
    if (!open || open.answeredAt !== null)
      throw new ApiError(
        409,
        'no_supplement',
        'the department asks for no material of this case now: nothing to upload',
        NO_STORE,
      )
    const answer = await deps.materials.upload(
      { id: row.terminalId, districtCode: row.districtCode },
      {
        recordKey: row.transactionKey,
        itemCode: row.itemCode,
        material: open.material,
        ...(fileName ? { fileName } : {}),
        data,
      },
      true,
    )
    return c.json(answer, answer.status === 'stored' ? 201 : 200)
  })

  // 用手机拍照上传: the phone opens the code (claiming it), then sends photos through the materials' upload path.
  app.post('/upload/open', async (c) => {
    const { token, phoneKey } = await readJson(c, UploadOpenBody)
    return c.json((await deps.phoneUploads.open(token, phoneKey)) satisfies PhoneUploadOpened)
  })
  app.post('/upload', async (c) => {
    const photo = await readJson(c, UploadPhotoBody)
    const answer = await deps.phoneUploads.upload(photo)
    return c.json(answer, answer.status === 'stored' ? 201 : 200)
  })
  return app
}
