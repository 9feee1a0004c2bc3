/**
 * 用手机拍照上传: a kiosk's upload session for the record it is filling. The kiosk starts it (a signed token,
 * PHONE_UPLOAD_MINUTES long), the first phone to open the code claims it (a second phone is refused), the phone's
 * photos go through the one upload path (Materials.upload: sniffed, sealed, 0600), the kiosk polls them, removes
 * any, and ends the session (idle reset, submit, cancel), after which the token stops working. State is in the store.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { CatalogCache } from '../catalogCache'
import type { MaterialAccepted } from '../contract/materials'
import {
  PHONE_UPLOAD_MINUTES,
  type PhonePhoto,
  type PhonePhotoBytes,
  type PhonePhotos,
  type PhoneUploadOpened,
  type PhoneUploadPhoto,
  type PhoneUploadStart,
  type PhoneUploadStarted,
} from '../contract/phoneUploads'
import type { PhoneUploadRow } from '../db/phoneUploadRows'
import type { TerminalRow } from '../db/rows'
import type { Storage } from '../db/storage'
import type { CaseLinks } from '../handoff/caseLinks'
import type { TokenMac } from '../handoff/caseToken'
import { ApiError } from '../http/errors'
import type { Materials } from './materials'
import { SESSION_ID_BYTES, signPhoneToken, verifyPhoneToken } from './phoneToken'

const MINUTE_MS = 60_000
const hashKey = (phoneKey: string) => createHash('sha256').update(phoneKey).digest('hex')

/** The terminal a call comes from: its id and district. */
type Caller = Pick<TerminalRow, 'id' | 'districtCode'>

/** The upload sessions of one server. */
export class PhoneUploads {
  constructor(
    private readonly store: Storage,
    private readonly materials: Materials,
    private readonly catalog: CatalogCache,
    private readonly links: CaseLinks,
    private readonly mac: TokenMac,
    private readonly now: () => Date,
  ) {}

  /** A new session for the terminal's record; the item must list electronic materials. */
  async start(terminal: Caller, start: PhoneUploadStart): Promise<PhoneUploadStarted> {
    await this.electronicMaterials(start.itemCode)
    if (await this.store.getTransaction(start.recordKey))
      throw new ApiError(409, 'record_already_sent', 'this record was already received: start a new one')
    const id = randomBytes(SESSION_ID_BYTES).toString('hex')
    const now = this.now().getTime()
    const expiresAt = now + PHONE_UPLOAD_MINUTES * MINUTE_MS
    await this.store.phoneUploads.open(
      { id, districtCode: terminal.districtCode, terminalId: terminal.id, ...start, expiresAt },
      now,
    )
    const token = signPhoneToken(this.mac, id)
    return { token, url: this.links.phoneUploadLink(token), expiresAt: new Date(expiresAt).toISOString() }
  }

  /** The photos the terminal's session received so far (and whether it still works). */
  async photos(terminal: Caller, token: string): Promise<PhonePhotos> {
    const row = await this.ownSession(terminal, token)
    const photos: PhonePhoto[] = []
    // Photos only: a reused 电子证照 of the same record has no bytes (and no media type).
    for (const m of await this.store.materials.forRecord(row.recordKey))
      if (m.districtCode === row.districtCode && m.mediaType !== null)
        photos.push({
          material: m.material,
          contentHash: m.contentHash,
          mediaType: m.mediaType,
          bytes: m.byteCount,
        })
    const state = row.endedAt !== null ? 'ended' : this.now().getTime() > row.expiresAt ? 'expired' : 'open'
    return { opened: row.phoneKeyHash !== null, state, photos }
  }

  /** One received photo's bytes, opened, for the kiosk's preview (only this session's record's). */
  async photo(terminal: Caller, token: string, contentHash: string): Promise<PhonePhotoBytes> {
    const row = await this.ownSession(terminal, token)
    const ref = { districtCode: row.districtCode, recordKey: row.recordKey, contentHash }
    const material = await this.store.materials.find(ref)
    const bytes = material && (await this.materials.read(ref))
    if (!material?.mediaType || !bytes)
      throw new ApiError(404, 'no_such_photo', 'this session received no photo with that content hash')
    return { mediaType: material.mediaType, data: bytes.toString('base64') }
  }

  /** Removes one received photo (its row and bytes), then answers the photos left. */
  async remove(terminal: Caller, token: string, contentHash: string): Promise<PhonePhotos> {
    const row = await this.ownSession(terminal, token)
    await this.materials.discard({ districtCode: row.districtCode, recordKey: row.recordKey, contentHash })
    return this.photos(terminal, token)
  }

  /** Ends the session: its token stops working at once, on every node. */
  async end(terminal: Caller, token: string): Promise<void> {
    const row = await this.ownSession(terminal, token)
    await this.store.phoneUploads.end(row.id, this.now().getTime())
  }

  /** The phone opens the code: the first phone claims it; the same phone (its key) may open it again. */
  async open(token: string, phoneKey: string | undefined): Promise<PhoneUploadOpened> {
    const row = await this.liveSession(token)
    const key = phoneKey ?? randomBytes(24).toString('base64url')
    const claim = await this.store.phoneUploads.claim(row.id, hashKey(key))
    if (claim === 'taken')
      throw new ApiError(
        409,
        'link_used',
        'this upload code was already opened on another phone; each code works on one phone only: ask the terminal for a new one',
      )
    if (claim === 'missing') throw invalid()
    const { item, electronic } = await this.electronicMaterials(row.itemCode)
    return {
      phoneKey: key,
      item: { zh: item.name.zh, en: item.name.en },
      materials: electronic.map((m) => ({ name: { zh: m.name.zh, en: m.name.en }, required: m.required })),
      expiresAt: new Date(row.expiresAt).toISOString(),
    }
  }

  /** One photo from the phone that claimed the session, through the materials' one upload path. */
  async upload(photo: PhoneUploadPhoto): Promise<MaterialAccepted> {
    const row = await this.liveSession(photo.token)
    if (row.phoneKeyHash !== hashKey(photo.phoneKey))
      throw new ApiError(403, 'not_this_phone', 'this upload code belongs to the phone that opened it first')
    return this.materials.upload(
      { id: row.terminalId, districtCode: row.districtCode },
      {
        recordKey: row.recordKey,
        itemCode: row.itemCode,
        material: photo.material,
        ...(photo.fileName ? { fileName: photo.fileName } : {}),
        data: photo.data,
      },
    )
  }

  /** The session a phone's token names while it works; otherwise the error that says why not. */
  private async liveSession(token: string): Promise<PhoneUploadRow> {
    const id = verifyPhoneToken(this.mac, token)
    const row = id === null ? undefined : await this.store.phoneUploads.get(id)
    if (!row) throw invalid()
    if (row.endedAt !== null)
      throw new ApiError(
        410,
        'session_ended',
        'the session at the terminal has ended, so this upload code no longer works',
      )
    if (this.now().getTime() > row.expiresAt)
      throw new ApiError(
        410,
        'link_expired',
        `this upload code worked for ${PHONE_UPLOAD_MINUTES} minutes and has expired: ask the terminal for a new one`,
      )
    return row
  }

  /** The session a terminal's token names, only if it is this terminal's. */
  private async ownSession(terminal: Caller, token: string): Promise<PhoneUploadRow> {
    const id = verifyPhoneToken(this.mac, token)
    const row = id === null ? undefined : await this.store.phoneUploads.get(id)
    if (!row || row.terminalId !== terminal.id) throw invalid()
    return row
  }

  private async electronicMaterials(itemCode: string) {
    const item = (await this.catalog.active())?.items.get(itemCode)?.item
    if (!item) throw new ApiError(422, 'unknown_item', `no item ${itemCode} in the published catalog`)
    const electronic = item.materials.filter((m) => m.form === '电子')
    if (electronic.length === 0)
      throw new ApiError(422, 'no_materials', `item ${itemCode} lists no material that can be uploaded`)
    return { item, electronic }
  }
}

/** A token this server did not sign, or whose session it no longer knows. */
const invalid = () =>
  new ApiError(
    404,
    'invalid_link',
    'this upload code is not valid: scan the code shown on the terminal again',
  )
