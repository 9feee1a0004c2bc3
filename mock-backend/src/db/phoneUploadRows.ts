/**
 * The storage of 用手机拍照上传 sessions (store.phoneUploads): one row per QR code a kiosk showed, kept until it
 * expires, so every node sees the same state (opened by which phone, ended by the kiosk) and a code is claimed by
 * one phone only. No resident data: the ids are random, the phone's key is kept only as its SHA-256.
 */

/** One upload session. */
export interface PhoneUploadRow {
  /** Random id the signed token names (hex). */
  id: string
  districtCode: string
  terminalId: string
  /** The record key the photos are filed under (the kiosk sends its record with this key). */
  recordKey: string
  itemCode: string
  /** Epoch ms after which the code no longer works. */
  expiresAt: number
  /** SHA-256 (hex) of the key of the phone that opened it; null until a phone opens it. */
  phoneKeyHash: string | null
  /** Epoch ms when the kiosk ended it (idle reset, submit, cancel); null while open. */
  endedAt: number | null
}

/** What claiming a session for a phone did: claimed now, already this phone's, another phone's, or no such session. */
export type PhoneClaim = 'claimed' | 'same' | 'taken' | 'missing'

/** Upload sessions, shared by every node on the store. */
export interface PhoneUploadStorage {
  /** Keeps a new session; rows that expired before `now` are forgotten on the way. */
  open(row: Omit<PhoneUploadRow, 'phoneKeyHash' | 'endedAt'>, now: number): Promise<void>
  get(id: string): Promise<PhoneUploadRow | undefined>
  /** Claims the session for the phone with this key hash: the first claim wins (one statement decides, on any node). */
  claim(id: string, phoneKeyHash: string): Promise<PhoneClaim>
  /** Marks the session ended at `at` (a second end keeps the first time). */
  end(id: string, at: number): Promise<void>
}
