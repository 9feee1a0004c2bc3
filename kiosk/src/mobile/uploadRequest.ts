/**
 * The phone upload page's calls: open the code (the token from `#u=…`, never in a URL; the phone's key kept in
 * sessionStorage so a reload is the same phone), and send one photo, compressed in the phone's browser with the
 * kiosk's own rule (materials/compress.ts: at most MATERIAL_TARGET_BYTES).
 */
import {
  PHONE_UPLOAD_FRAGMENT,
  PHONE_UPLOAD_OPEN_ROUTE,
  type PhoneUploadOpened,
} from '../../../mock-backend/src/contract/phoneUploads'
import { blobBase64 } from '../materials/blobBase64'
import { compressCapture } from '../materials/compress'

/** What the page shows: the materials to photograph, or why the code does not open. */
export type UploadState =
  | { state: 'loading' }
  | { state: 'ready'; opened: PhoneUploadOpened }
  | { state: 'refused' | 'used' | 'ended' | 'expired' | 'failed' }

/** Why one photo was not taken: the page's words for the backend's codes. */
export type PhotoProblem = 'notImage' | 'tooMany' | 'ended' | 'expired' | 'upload'

/** The token in `#u=…`, or null. */
export function uploadTokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get(PHONE_UPLOAD_FRAGMENT)
}

const keyName = (token: string) => `phone-upload-key:${token.slice(0, 16)}`

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
  })
}

/** The state a refused answer means, by its code. */
async function refusal(res: Response): Promise<'refused' | 'used' | 'ended' | 'expired' | 'failed'> {
  const code = ((await res.json().catch(() => ({}))) as { error?: string }).error
  if (code === 'link_used') return 'used'
  if (code === 'session_ended') return 'ended'
  if (code === 'link_expired') return 'expired'
  return res.status === 404 || res.status === 400 ? 'refused' : 'failed'
}

/** Opens the code (claiming it for this phone). */
export async function openUpload(token: string | null): Promise<UploadState> {
  if (!token) return { state: 'refused' }
  try {
    const phoneKey = sessionStorage.getItem(keyName(token)) ?? undefined
    const res = await post(PHONE_UPLOAD_OPEN_ROUTE, { token, ...(phoneKey ? { phoneKey } : {}) })
    if (!res.ok) return { state: await refusal(res) }
    const opened = (await res.json()) as PhoneUploadOpened
    sessionStorage.setItem(keyName(token), opened.phoneKey)
    return { state: 'ready', opened }
  } catch {
    return { state: 'failed' }
  }
}

/**
 * Compresses and sends one photo to `route` with `fields` (the upload page's token, key and material, or a case
 * link's token for its 补正); null when taken, else why not.
 */
export async function sendPhoto(
  route: string,
  fields: Record<string, string>,
  photo: Blob,
  onPhase: (phase: 'compressing' | 'uploading') => void,
): Promise<PhotoProblem | null> {
  let data: string
  try {
    onPhase('compressing')
    data = await blobBase64(await compressCapture(photo))
  } catch {
    return 'notImage'
  }
  try {
    onPhase('uploading')
    const res = await post(route, { ...fields, fileName: 'photo.jpg', data })
    if (res.ok) return null
    const code = ((await res.json().catch(() => ({}))) as { error?: string }).error
    if (code === 'too_many_materials') return 'tooMany'
    if (code === 'session_ended' || code === 'no_supplement') return 'ended'
    if (code === 'link_expired') return 'expired'
    if (code === 'not_a_document' || code === 'truncated' || code === 'type_mismatch') return 'notImage'
    return 'upload'
  } catch {
    return 'upload'
  }
}
