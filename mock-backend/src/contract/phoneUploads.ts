/**
 * 用手机拍照上传 on the wire: the kiosk opens an upload session for the record it is filling and shows its QR code
 * (`${PUBLIC_BASE_URL}/m/#u=<token>`); the phone page claims it, uploads photos through the materials' upload path,
 * and the kiosk polls the photos received. Types and figures only: the kiosk and the phone page bundle this module.
 */
import type { MaterialMediaType } from './materials'

/** How long an upload code works after the kiosk showed it (minutes): one sitting at the terminal, no more. */
export const PHONE_UPLOAD_MINUTES = 10
/** The phone page's upload routes (public: the signed token is the authorisation). */
export const PHONE_UPLOAD_OPEN_ROUTE = '/api/m/upload/open'
export const PHONE_UPLOAD_ROUTE = '/api/m/upload'
/** The fragment key of an upload link (a case link uses `t`). */
export const PHONE_UPLOAD_FRAGMENT = 'u'

/** POST /api/terminal/phone-uploads: a session for the record (its outbox key) of this item. */
export interface PhoneUploadStart {
  recordKey: string
  itemCode: string
}

/** The session: the token, the link its QR code shows, and when it stops working (ISO). */
export interface PhoneUploadStarted {
  token: string
  url: string
  expiresAt: string
}

/** The kiosk's calls on its session name it by token. */
export interface PhoneUploadRef {
  token: string
}

/** One photo received from the phone, named by its keyed content hash. */
export interface PhonePhoto {
  material: string
  contentHash: string
  mediaType: MaterialMediaType
  bytes: number
}

/** What the kiosk polls: whether a phone opened the code, whether it still works, and the photos so far. */
export interface PhonePhotos {
  opened: boolean
  state: 'open' | 'expired' | 'ended'
  photos: PhonePhoto[]
}

/** POST /api/terminal/phone-uploads/photo: one received photo's bytes, for the kiosk's preview. */
export interface PhonePhotoRef {
  token: string
  contentHash: string
}

/** A photo's bytes (base64) and type. */
export interface PhonePhotoBytes {
  mediaType: MaterialMediaType
  data: string
}

/** POST /api/terminal/phone-uploads/remove: the kiosk removes one photo. */
export interface PhonePhotoRemove {
  token: string
  contentHash: string
}

/** POST /api/m/upload/open: the phone opens the code; a reload of the same page sends the key it was given. */
export interface PhoneUploadOpen {
  token: string
  phoneKey?: string
}

/** The phone's view: its key for the uploads, the item and the materials it may photograph, and the expiry. */
export interface PhoneUploadOpened {
  phoneKey: string
  item: { zh: string; en: string }
  materials: { name: { zh: string; en: string }; required: boolean }[]
  expiresAt: string
}

/** POST /api/m/upload: one photo (base64), for one of the materials. */
export interface PhoneUploadPhoto {
  token: string
  phoneKey: string
  material: string
  fileName?: string
  data: string
}
