/**
 * Dead letters keep no subject data: a refused record is kept masked, as on every screen after entry, so a
 * copy of the profile taken later holds no ID number, name, phone or form value of the resident.
 */
import { maskGeneric, maskIdNumber, maskName, maskPhone } from '../devices/idNumber'
import type { StoredTransactionRecord } from './storedTypes'

/** The record with its subject and every form value masked, its materials dropped; keys, item and times stay. */
export function maskedRecord(record: StoredTransactionRecord): StoredTransactionRecord {
  const { subject, fields, materials: _dropped, ...rest } = record
  const masked: StoredTransactionRecord = {
    ...rest,
    fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, maskGeneric(value)])),
  }
  if (subject) {
    masked.subject = { idNumber: maskIdNumber(subject.idNumber) }
    if (subject.name !== undefined) masked.subject.name = maskName(subject.name)
    if (subject.phone !== undefined) masked.subject.phone = maskPhone(subject.phone)
  }
  return masked
}
