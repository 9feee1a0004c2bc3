/**
 * The sizes of the 帮办 structured mirror (contract/helpMirror.ts), zod-free so the kiosk's call chunk can trim
 * to them before sending: the backend refuses anything larger, naming the field.
 */

/** Tappable elements one mirror lists at most (a pinyin keyboard and a page of tiles fit well within). */
export const MIRROR_MAX_ELEMENTS = 160
/** Characters of an element's stable id (`item.<code>`, `keypad.5`, `date.day.31`). */
export const MIRROR_MAX_ID = 80
/** Characters of an element's visible label (a catalog item's name is the longest). */
export const MIRROR_MAX_LABEL = 120
/** Characters a typed-input field may report as filled (an ID number is 18; catalog fields reach 40). */
export const MIRROR_MAX_FILLED = 64
/** Milliseconds the kiosk's outline of a pointed element stays (it also goes at the resident's next tap). */
export const POINTER_OUTLINE_MS = 5000
