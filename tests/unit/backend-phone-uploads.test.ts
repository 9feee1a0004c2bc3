/**
 * 用手机拍照上传 through the real backend process on both stores: the kiosk's session gives a link on
 * PUBLIC_BASE_URL; the first phone claims it and a second is refused; a forged or altered token is refused; photos
 * go through the materials' upload path (the type told by bytes); the kiosk sees and removes them; the end stops the
 * token; the record sent with the session's key carries them. In process, on a clock: the code expires.
 */
import { describe, expect, it } from 'vitest'
import { MOBILE_SUPPLEMENT_ROUTE } from '../../mock-backend/src/contract/handoff'
import {
  PHONE_UPLOAD_MINUTES,
  PHONE_UPLOAD_OPEN_ROUTE,
  PHONE_UPLOAD_ROUTE,
} from '../../mock-backend/src/contract/phoneUploads'
import { SUPPLEMENT_REASON } from '../../mock-backend/src/departments/supplement'
import { materialsWorld, REAL_CATALOG } from '../fixtures/node/backend/materialsWorld'
import { STORES } from '../fixtures/node/backend/postgresStores'
import { call, record, uuid } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'
import { sampleHtml, sampleJpeg, samplePng } from '../fixtures/node/materials/samples'

const BASE = 'https://kiosk.example.gov.cn/zw'
/** 公共租赁住房申请: 家庭成员户口簿 and 家庭收入证明 (required), 婚姻状况证明 (optional). */
const ITEM = 'ZJ-SB-0001'
const INCOME = '家庭收入证明'
/** The processes' settings: the real catalog (its items list materials) and a public base URL. */
const ENV = { CATALOG_FILE: REAL_CATALOG, PUBLIC_BASE_URL: BASE }
const tokenOf = (url: string) => new URL(url).hash.replace(/^#u=/, '')

describe.each(STORES)('phone uploads on %s', (store) => {
  const session = backendSession({ store, env: ENV, signIn: ['terminal'], timeoutMs: 60_000 })
  const kiosk = (path: string, body: unknown) =>
    call(session.url, 'POST', `/api/terminal/phone-uploads${path}`, { token: session.terminal, body })
  const phone = (path: string, body: unknown) => call(session.url, 'POST', path, { body })
  async function started(recordKey = uuid()) {
    const answer = await kiosk('', { recordKey, itemCode: ITEM })
    expect(answer.status).toBe(201)
    return { recordKey, token: tokenOf(answer.body.url), answer: answer.body }
  }

  it('takes photos from the phone that opened the code and shows them to the kiosk, which may remove them', async () => {
    const { token, answer } = await started()
    expect(answer.url).toMatch(new RegExp(`^${BASE.replace(/\./g, '\\.')}/m/#u=[A-Za-z0-9_-]{43}$`))
    expect(answer.token).toBe(token)
    expect(Date.parse(answer.expiresAt) - Date.now()).toBeGreaterThan((PHONE_UPLOAD_MINUTES - 1) * 60_000)
    expect((await kiosk('/photos', { token })).body).toEqual({ opened: false, state: 'open', photos: [] })

    const opened = await phone(PHONE_UPLOAD_OPEN_ROUTE, { token })
    expect(opened.status).toBe(200)
    expect(opened.headers.get('cache-control')).toBe('no-store')
    expect(opened.body.item.zh).toBe('公共租赁住房申请')
    expect(opened.body.materials.map((m: { name: { zh: string } }) => m.name.zh)).toContain(INCOME)
    const { phoneKey } = opened.body
    const photo = sampleJpeg()
    const sent = await phone(PHONE_UPLOAD_ROUTE, {
      token,
      phoneKey,
      material: INCOME,
      fileName: 'IMG_0001.jpg',
      data: photo.toString('base64'),
    })
    expect(sent.status).toBe(201)
    expect(sent.body).toMatchObject({ status: 'stored', mediaType: 'image/jpeg', bytes: photo.length })
    const second = await phone(PHONE_UPLOAD_ROUTE, {
      token,
      phoneKey,
      material: INCOME,
      data: samplePng().toString('base64'),
    })
    expect(second.status).toBe(201)

    const seen = await kiosk('/photos', { token })
    expect(seen.body).toMatchObject({ opened: true, state: 'open' })
    expect(seen.body.photos).toHaveLength(2)
    expect(seen.body.photos[0]).toEqual({
      material: INCOME,
      contentHash: sent.body.contentHash,
      mediaType: 'image/jpeg',
      bytes: photo.length,
    })
    // The kiosk's preview: the very bytes the phone sent; a hash the session did not receive is named.
    const preview = await kiosk('/photo', { token, contentHash: sent.body.contentHash })
    expect(preview.body).toEqual({ mediaType: 'image/jpeg', data: photo.toString('base64') })
    const none = await kiosk('/photo', { token, contentHash: 'ab'.repeat(32) })
    expect(none.status).toBe(404)
    expect(none.body.error).toBe('no_such_photo')
    const left = await kiosk('/remove', { token, contentHash: sent.body.contentHash })
    expect(left.status).toBe(200)
    expect(left.body.photos.map((p: { mediaType: string }) => p.mediaType)).toEqual(['image/png'])

    // The same phone may open its page again (a reload); another phone may not.
    expect((await phone(PHONE_UPLOAD_OPEN_ROUTE, { token, phoneKey })).status).toBe(200)
    const other = await phone(PHONE_UPLOAD_OPEN_ROUTE, { token })
    expect(other.status).toBe(409)
    expect(other.body).toMatchObject({ error: 'link_used', message: expect.stringMatching(/another phone/) })
    const stranger = await phone(PHONE_UPLOAD_ROUTE, {
      token,
      phoneKey: 'x'.repeat(32),
      material: INCOME,
      data: photo.toString('base64'),
    })
    expect(stranger.status).toBe(403)
    expect(stranger.body.error).toBe('not_this_phone')
  })

  it('refuses a forged or altered token, and bytes that are not a JPEG, PNG or PDF', async () => {
    const { token } = await started()
    const altered = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`
    for (const bad of [altered, 'A'.repeat(43), 'not a token']) {
      const refused = await phone(PHONE_UPLOAD_OPEN_ROUTE, { token: bad })
      expect(refused.status).toBe(404)
      expect(refused.body).toMatchObject({
        error: 'invalid_link',
        message: expect.stringMatching(/not valid/),
      })
    }
    // A case link's token (another purpose) opens no upload.
    expect((await kiosk('/photos', { token: altered })).status).toBe(404)
    const { phoneKey } = (await phone(PHONE_UPLOAD_OPEN_ROUTE, { token })).body
    const html = await phone(PHONE_UPLOAD_ROUTE, {
      token,
      phoneKey,
      material: INCOME,
      fileName: 'photo.jpg',
      data: sampleHtml().toString('base64'),
    })
    expect(html.status).toBe(422)
    expect(html.body).toMatchObject({ error: 'not_a_document', message: expect.stringMatching(/HTML page/) })
    const mismatch = await phone(PHONE_UPLOAD_ROUTE, {
      token,
      phoneKey,
      material: INCOME,
      fileName: 'photo.jpg',
      data: samplePng().toString('base64'),
    })
    expect(mismatch.body.error).toBe('type_mismatch')
    expect((await kiosk('/photos', { token })).body.photos).toEqual([])
  })

  it('stops the token when the kiosk ends the session, and keeps the photos with the record sent under its key', async () => {
    const { token, recordKey } = await started()
    const { phoneKey } = (await phone(PHONE_UPLOAD_OPEN_ROUTE, { token })).body
    const data = sampleJpeg().toString('base64')
    expect((await phone(PHONE_UPLOAD_ROUTE, { token, phoneKey, material: INCOME, data })).status).toBe(201)
    const catalogVersion = (
      await call(session.url, 'GET', '/api/terminal/catalog', { token: session.terminal })
    ).body.version
    const sent = await call(session.url, 'POST', '/api/terminal/transactions', {
      token: session.terminal,
      body: {
        records: [record({ key: recordKey, itemCode: ITEM, catalogVersion, fields: {}, subject: undefined })],
      },
    })
    expect(sent.status).toBe(200)
    // Sent with the record: the kiosk can no longer remove it, the phone no longer add to it.
    const [photo] = (await kiosk('/photos', { token })).body.photos
    expect(photo.material).toBe(INCOME)
    const remove = await kiosk('/remove', { token, contentHash: photo.contentHash })
    expect(remove.body.error).toBe('record_already_sent')
    expect((await kiosk('/end', { token })).body).toEqual({ ended: true })
    const after = await phone(PHONE_UPLOAD_OPEN_ROUTE, { token, phoneKey })
    expect(after.status).toBe(410)
    expect(after.body).toMatchObject({ error: 'session_ended', message: expect.stringMatching(/has ended/) })
    const late = await phone(PHONE_UPLOAD_ROUTE, { token, phoneKey, material: INCOME, data })
    expect(late.body.error).toBe('session_ended')
    expect((await kiosk('/photos', { token })).body.state).toBe('ended')
  })
})

describe('phone upload expiry (in process, SQLite)', () => {
  it(`refuses the code ${PHONE_UPLOAD_MINUTES} minutes after the kiosk showed it`, async () => {
    const { clock, request } = await materialsWorld({ env: { PUBLIC_BASE_URL: BASE } })
    const post = async (path: string, body: unknown, asTerminal = false) => {
      const res = await request(path, body, asTerminal)
      return { status: res.status, body: (await res.json()) as Record<string, unknown> }
    }
    const start = await post('/api/terminal/phone-uploads', { recordKey: uuid(), itemCode: ITEM }, true)
    expect(start.status).toBe(201)
    const token = tokenOf(start.body.url as string)
    clock.ms += PHONE_UPLOAD_MINUTES * 60_000 - 1_000
    expect((await post(PHONE_UPLOAD_OPEN_ROUTE, { token })).status).toBe(200)
    clock.ms += 2_000
    const expired = await post(PHONE_UPLOAD_OPEN_ROUTE, { token })
    expect(expired.status).toBe(410)
    expect(expired.body).toMatchObject({ error: 'link_expired', message: expect.stringMatching(/expired/) })
    expect((await post('/api/terminal/phone-uploads/photos', { token }, true)).body.state).toBe('expired')
  })
})

describe.each(STORES)('补正 on %s', (store) => {
  const session = backendSession({ store, env: ENV, signIn: ['terminal'], timeoutMs: 60_000 })
  const caseToken = (link: string) => new URL(link).hash.replace(/^#t=/, '')

  /** An application whose income certificate came from the phone as `photo`; its result. */
  async function apply(photo: Buffer) {
    const recordKey = uuid()
    const started = await call(session.url, 'POST', '/api/terminal/phone-uploads', {
      token: session.terminal,
      body: { recordKey, itemCode: ITEM },
    })
    const token = tokenOf(started.body.url)
    const { phoneKey } = (await call(session.url, 'POST', PHONE_UPLOAD_OPEN_ROUTE, { body: { token } })).body
    const sent = await call(session.url, 'POST', PHONE_UPLOAD_ROUTE, {
      body: { token, phoneKey, material: INCOME, data: photo.toString('base64') },
    })
    expect(sent.status).toBe(201)
    const catalogVersion = (
      await call(session.url, 'GET', '/api/terminal/catalog', { token: session.terminal })
    ).body.version
    const batch = await call(session.url, 'POST', '/api/terminal/transactions', {
      token: session.terminal,
      body: {
        records: [record({ key: recordKey, itemCode: ITEM, catalogVersion, fields: {}, subject: undefined })],
      },
    })
    return batch.body.outcomes[0].result as { reference: string; caseLink: string }
  }
  const lookup = async (reference: string) =>
    (await call(session.url, 'GET', `/api/terminal/cases/${reference}`, { token: session.terminal })).body
      .cases[0]
  const mobile = (token: string) => call(session.url, 'POST', '/api/m/case', { body: { token } })
  const supplement = (token: string, photo: Buffer) =>
    call(session.url, 'POST', MOBILE_SUPPLEMENT_ROUTE, { body: { token, data: photo.toString('base64') } })

  it('asks again for a photo too small to read; the case link uploads it while asked, and the case moves on', async () => {
    const result = await apply(samplePng(5_000))
    const asked = await lookup(result.reference)
    expect(asked.status).toBe('办理中')
    expect(asked.supplement).toMatchObject({ material: INCOME, answeredAt: null, reason: SUPPLEMENT_REASON })
    const token = caseToken(result.caseLink)
    const page = await mobile(token)
    expect(page.body.supplement).toMatchObject({
      material: { zh: INCOME, en: expect.stringMatching(/income/i) },
      answeredAt: null,
    })
    // A forged link uploads nothing; a photo still too small leaves the request open.
    expect((await supplement(`${token.slice(0, -2)}AA`, sampleJpeg(60_000))).status).toBe(404)
    expect((await supplement(token, samplePng(5_000))).status).toBe(201)
    expect((await mobile(token)).body.supplement.answeredAt).toBeNull()
    const answered = await supplement(token, sampleJpeg(60_000))
    expect(answered.status).toBe(201)
    expect(answered.body).toMatchObject({ status: 'stored', mediaType: 'image/jpeg' })
    expect((await mobile(token)).body.supplement.answeredAt).toEqual(expect.any(String))
    // Answered: no upload scope any more, and the lookup shows the case moving on its planned history.
    const closed = await supplement(token, sampleJpeg(70_000))
    expect(closed.status).toBe(409)
    expect(closed.body.error).toBe('no_supplement')
    const after = await lookup(result.reference)
    expect(after.supplement.answeredAt).toEqual(expect.any(String))
  })

  it('asks nothing of a readable photo, and the link may upload nothing', async () => {
    const result = await apply(sampleJpeg(40_000))
    expect((await lookup(result.reference)).supplement).toBeUndefined()
    expect((await mobile(caseToken(result.caseLink))).body.supplement).toBeNull()
    const refused = await supplement(caseToken(result.caseLink), sampleJpeg(60_000))
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(/no material/)
  })
})
