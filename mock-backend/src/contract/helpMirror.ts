/**
 * The 帮办 structured mirror and pointer, part of the signalling contract (contract/helpCall.ts): instead of
 * screen capture, a connected kiosk sends its helper what is on screen (screen, item, step, language, elder mode
 * and the tappable elements by stable id), and the helper points at an element by that id. No personal data
 * travels: typed inputs say only how many characters they hold, and masked values (`details`) appear only after
 * the resident's own tap on the consent button. Every object is strict, so an extra field (a full value) is refused.
 */
import { z } from 'zod'
import { MIRROR_MAX_ELEMENTS, MIRROR_MAX_FILLED, MIRROR_MAX_ID, MIRROR_MAX_LABEL } from './helpMirrorLimits'

const CallId = z.string().uuid('callId must be a UUID')

/** A stable element id: no spaces, bounded. */
const HelpElementId = z
  .string()
  .min(1, 'id: empty')
  .max(MIRROR_MAX_ID, `id: at most ${MIRROR_MAX_ID} characters`)
  .regex(/^\S+$/u, 'id: no spaces')

/** One tappable element as the helper sees it. */
const MirrorElement = z.strictObject({
  id: HelpElementId,
  role: z.enum(['button', 'input']),
  /** Visible label text; absent for an element whose text follows what the resident typed (IME candidates). */
  label: z.string().max(MIRROR_MAX_LABEL, `label: at most ${MIRROR_MAX_LABEL} characters`).optional(),
  enabled: z.boolean(),
  /** A typed-input field: how many characters it holds, never which. */
  filled: z.number().int().min(0).max(MIRROR_MAX_FILLED).optional(),
})

/**
 * The resident's details, masked, sent only after consent. The shapes admit only masked values (what
 * maskName/maskIdNumber/maskPhone produce), so a full name, ID number or phone number is refused.
 */
const ConsentedDetails = z.strictObject({
  name: z
    .string()
    .regex(/^\S\*{1,10}$/u, 'name: only a masked name (first character, then *)')
    .optional(),
  idNumber: z
    .string()
    .regex(/^[0-9]{4}\*{7,10}[0-9Xx]{4}$/, 'idNumber: only a masked ID number (4 digits, *, 4 characters)')
    .optional(),
  phone: z
    .string()
    .regex(/^1[0-9]{2}\*{4}[0-9]{4}$/, 'phone: only a masked mobile number (3 digits, ****, 4 digits)')
    .optional(),
})

/** What is on the kiosk's screen. */
export const HelpMirror = z.strictObject({
  screen: z.string().regex(/^[A-Za-z]{1,32}$/, 'screen: a screen name'),
  item: z
    .strictObject({
      code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'item.code: a catalog item code'),
      name: z.string().max(MIRROR_MAX_LABEL),
    })
    .nullable(),
  /** The flow's step: its place and kind (`identify`, `field:address`, `payment`). */
  step: z
    .strictObject({
      index: z.number().int().min(0).max(99),
      count: z.number().int().min(0).max(100),
      kind: z.string().regex(/^[A-Za-z0-9_:.-]{1,60}$/, 'step.kind: a step name'),
    })
    .nullable(),
  lang: z.enum(['zh', 'en']),
  elder: z.boolean(),
  elements: z.array(MirrorElement).max(MIRROR_MAX_ELEMENTS, `elements: at most ${MIRROR_MAX_ELEMENTS}`),
  /** Masked details: present only while the resident's consent lasts. */
  details: ConsentedDetails.optional(),
})
/** What is on the kiosk's screen. */
export type HelpMirror = z.infer<typeof HelpMirror>
/** One tappable element of a mirror. */
export type HelpMirrorElement = z.infer<typeof MirrorElement>
/** The masked details a consenting resident shares. */
export type ConsentedDetails = z.infer<typeof ConsentedDetails>

/** Kiosk → its helper: the screen changed. */
export const MirrorMessage = z.strictObject({ type: z.literal('mirror'), callId: CallId, mirror: HelpMirror })
/** Kiosk → its helper: the answer to a `point` (found false: the element is not on screen). */
export const PointedMessage = z.strictObject({
  type: z.literal('pointed'),
  callId: CallId,
  target: HelpElementId,
  found: z.boolean(),
})
/** Helper → the kiosk of its call: outline the element with this id and say where to tap. */
export const PointMessage = z.strictObject({
  type: z.literal('point'),
  callId: CallId,
  target: HelpElementId,
})

/** Kiosk → helper mirror message. */
export type MirrorMessage = z.infer<typeof MirrorMessage>
/** Kiosk → helper answer to a point. */
export type PointedMessage = z.infer<typeof PointedMessage>
/** Helper → kiosk point. */
export type PointMessage = z.infer<typeof PointMessage>
