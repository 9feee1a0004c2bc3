/**
 * The terminal's 申请材料 routes, a table of their own beside TERMINAL_ROUTES (as staffRoutes.ts is): only the
 * materials step loads them, so the kiosk's entry chunk, which holds TERMINAL_ROUTES, does not grow.
 */
import type { LicenceAnswer, LicenceQuery, MaterialAccepted, MaterialUpload } from './materials'
import { POST } from './routes'

/** The materials routes an enrolled terminal calls. */
export const MATERIAL_ROUTES = {
  // One material of a record, before the record (idempotent by record key and keyed content hash).
  material: POST<MaterialUpload, MaterialAccepted>()('/api/terminal/materials'),
  // Which of an item's materials the resident holds as 电子证照: the ID number in the body, never a URL.
  licences: POST<LicenceQuery, LicenceAnswer>()('/api/terminal/licences'),
} as const
