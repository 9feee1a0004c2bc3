/**
 * The terminal's 申请材料 routes, a table of their own beside TERMINAL_ROUTES (as staffRoutes.ts is): only the
 * materials step loads them, so the kiosk's entry chunk, which holds TERMINAL_ROUTES, does not grow.
 */
import type { LicenceAnswer, LicenceQuery, MaterialAccepted, MaterialUpload } from './materials'
import type {
  PhonePhotoBytes,
  PhonePhotoRef,
  PhonePhotoRemove,
  PhonePhotos,
  PhoneUploadRef,
  PhoneUploadStart,
  PhoneUploadStarted,
} from './phoneUploads'
import { POST } from './routes'

/** The materials routes an enrolled terminal calls. */
export const MATERIAL_ROUTES = {
  // One material of a record, before the record (idempotent by record key and keyed content hash).
  material: POST<MaterialUpload, MaterialAccepted>()('/api/terminal/materials'),
  // Which of an item's materials the resident holds as 电子证照: the ID number in the body, never a URL.
  licences: POST<LicenceQuery, LicenceAnswer>()('/api/terminal/licences'),
  // 用手机拍照上传: a session for the record being filled, the photos its phone sent, one removed, the session ended.
  phoneStart: POST<PhoneUploadStart, PhoneUploadStarted>()('/api/terminal/phone-uploads'),
  phonePhotos: POST<PhoneUploadRef, PhonePhotos>()('/api/terminal/phone-uploads/photos'),
  phonePhoto: POST<PhonePhotoRef, PhonePhotoBytes>()('/api/terminal/phone-uploads/photo'),
  phoneRemove: POST<PhonePhotoRemove, PhonePhotos>()('/api/terminal/phone-uploads/remove'),
  phoneEnd: POST<PhoneUploadRef, { ended: true }>()('/api/terminal/phone-uploads/end'),
} as const
