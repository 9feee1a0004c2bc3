/**
 * What a resident's session shows, in one chunk that loads at the first tap: the attract screen shows none of
 * it, so a terminal's boot does not fetch, parse or compile it (issue 18 item 2). The service worker
 * precaches the chunk like every other kiosk file.
 */
export { departmentCrumb, SessionBody } from './SessionBody'
export { IdleDialog } from './screens/IdleDialog'
