/** Turns a flow error into the sentence shown next to the input (the catalog's patternHint wins). */
import type { Lang, MessageKey } from '../../i18n'
import { pick, t } from '../../i18n'
import type { FlowError, FlowErrorCode } from '../../machines/serviceFlowMachine'

const KEYS: Record<FlowErrorCode, MessageKey> = {
  required: 'errRequired',
  pattern: 'errPattern',
  digits: 'errDigits',
  phone: 'errPhone',
  date: 'errDate',
  maxLength: 'errMaxLength',
  option: 'errOption',
  idLength: 'errIdLength',
  idFormat: 'errIdFormat',
  idBirth: 'errIdBirth',
  idCheck: 'errIdCheck',
  sms: 'errSms',
  face: 'errFace',
  card: 'errCard',
  submit: 'errSubmit',
  materials: 'errMaterials',
  capture: 'errCapture',
  materialsFull: 'errMaterialsFull',
  identifyFirst: 'errIdentifyFirst',
  eidForged: 'errEidForged',
  eidExpired: 'errEidExpired',
  eidReplayed: 'errEidReplayed',
  eidNone: 'errEidNone',
  eidOffline: 'errEidOffline',
  socialCard: 'errSocialCard',
  pinLength: 'errPinLength',
  pinWrong: 'errPinWrong',
  pinBlocked: 'errPinBlocked',
  member: 'errMember',
  otherSelf: 'errOtherSelf',
  relationship: 'errRelationship',
  household: 'errHousehold',
}

/** The localized message for an error. */
export function errorText(error: FlowError, lang: Lang): string {
  if (error.hint) return pick(error.hint, lang)
  if (error.code === 'pinWrong')
    return error.tries === undefined
      ? t(lang, 'errPinWrongAgain')
      : t(lang, 'errPinWrong', { tries: error.tries })
  return t(lang, KEYS[error.code], error.max !== undefined ? { max: error.max } : undefined)
}
