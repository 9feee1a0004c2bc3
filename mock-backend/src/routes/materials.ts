/** /api/terminal/materials (one material of a record not yet sent) and /api/terminal/licences (电子证照 held). */
import { Hono } from 'hono'
import { z } from 'zod'
import { requireTerminal, terminalOf } from '../auth/middleware'
import { admit } from '../cases/caseLimits'
import type { AnswerOf, MATERIAL_ROUTES } from '../contract'
import type { AppDeps, AppEnv } from '../deps'
import { ApiError } from '../http/errors'
import { readJson } from '../http/validate'

/** A record key: a UUID, as the transaction wire takes it (the kiosk's are UUIDv7). */
const RECORD_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/**
 * The upload's body: the bytes (`data`, checked for base64 and size by the service, which names the limit) or the
 * kind of an 电子证照 reused (`licence`), exactly one of them.
 */
const MaterialUploadBody = z
  .strictObject({
    recordKey: z.string().regex(RECORD_KEY, 'recordKey must be the record’s UUID key'),
    itemCode: z.string().min(1).max(40),
    material: z.string().min(1).max(120),
    fileName: z.string().min(1).max(200).optional(),
    // No length here: the JSON body limit caps it, and the service refuses an over-size material naming its limit.
    data: z.string().optional(),
    licence: z.string().min(1).max(40).optional(),
  })
  .refine((b) => (b.data === undefined) !== (b.licence === undefined), {
    message: 'send either data (the material’s bytes) or licence (the 电子证照 reused), exactly one',
  })

const LicenceQueryBody = z.strictObject({
  idNumber: z.string().regex(/^\d{17}[\dXx]$/, 'idNumber must be an 18-character ID number'),
  itemCode: z.string().min(1).max(40),
})

const PhoneStartBody = z.strictObject({
  recordKey: z.string().regex(RECORD_KEY, 'recordKey must be the record’s UUID key'),
  itemCode: z.string().min(1).max(40),
})
/** A session's token (the service tells a forged one apart). */
export const PhoneToken = z.string().min(1).max(100, 'token: at most 100 characters')
const PhoneTokenBody = z.strictObject({ token: PhoneToken })
const PhonePhotoBody = z.strictObject({
  token: PhoneToken,
  contentHash: z.string().regex(/^[0-9a-f]{16,128}$/, 'contentHash must be the photo’s hex content hash'),
})

/** The materials and licence routes for enrolled terminals. */
export function materialRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.use('*', requireTerminal)

  app.post('/materials', async (c) => {
    const { terminal } = terminalOf(c)
    const upload = await readJson(c, MaterialUploadBody)
    const answer = await deps.materials.upload(terminal, upload)
    return c.json(
      answer satisfies AnswerOf<typeof MATERIAL_ROUTES.material>,
      answer.status === 'stored' ? 201 : 200,
    )
  })

  // 用手机拍照上传: the session of the record being filled (the token names it; only its terminal may use it here).
  app.post('/phone-uploads', async (c) => {
    const { terminal } = terminalOf(c)
    const start = await readJson(c, PhoneStartBody)
    return c.json(
      (await deps.phoneUploads.start(terminal, start)) satisfies AnswerOf<typeof MATERIAL_ROUTES.phoneStart>,
      201,
    )
  })
  app.post('/phone-uploads/photos', async (c) => {
    const { token } = await readJson(c, PhoneTokenBody)
    const answer = await deps.phoneUploads.photos(terminalOf(c).terminal, token)
    return c.json(answer satisfies AnswerOf<typeof MATERIAL_ROUTES.phonePhotos>)
  })
  app.post('/phone-uploads/photo', async (c) => {
    const { token, contentHash } = await readJson(c, PhonePhotoBody)
    const answer = await deps.phoneUploads.photo(terminalOf(c).terminal, token, contentHash)
    return c.json(answer satisfies AnswerOf<typeof MATERIAL_ROUTES.phonePhoto>)
  })
  app.post('/phone-uploads/remove', async (c) => {
    const { token, contentHash } = await readJson(c, PhonePhotoBody)
    const answer = await deps.phoneUploads.remove(terminalOf(c).terminal, token, contentHash)
    return c.json(answer satisfies AnswerOf<typeof MATERIAL_ROUTES.phoneRemove>)
  })
  app.post('/phone-uploads/end', async (c) => {
    const { token } = await readJson(c, PhoneTokenBody)
    await deps.phoneUploads.end(terminalOf(c).terminal, token)
    return c.json({ ended: true } as const satisfies AnswerOf<typeof MATERIAL_ROUTES.phoneEnd>)
  })

  // POST: the ID number travels in the body, never in a URL or a log. Limited per terminal, counted before the body
  // is read so malformed guesses count too: a terminal walking ID numbers to learn who holds what is stopped.
  app.post('/licences', async (c) => {
    await admit(deps.caseLimits, 'licencesPerTerminal', terminalOf(c).terminal.id)
    const { idNumber, itemCode } = await readJson(c, LicenceQueryBody)
    const item = (await deps.catalog.active())?.items.get(itemCode)?.item
    if (!item) throw new ApiError(422, 'unknown_item', `no item ${itemCode} in the published catalog`)
    const electronic = item.materials.filter((m) => m.form === '电子').map((m) => m.name.zh)
    return c.json({
      licences: deps.licences.held(idNumber, electronic),
    } satisfies AnswerOf<typeof MATERIAL_ROUTES.licences>)
  })
  return app
}
