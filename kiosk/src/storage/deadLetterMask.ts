/**
 * Dead letters keep no subject data: a refused record is kept masked, as on every screen after entry, so a
 * copy of the profile taken later holds no ID number, name, phone or form value of the resident.
 */
import { maskGeneric, maskIdNumber, maskName, maskPhone } from '../devices/idNumber'
import type { StoredSubject, StoredTransactionRecord } from './storedTypes'

/** A subject or agent as every screen shows it after entry. */
function maskedPerson(person: StoredSubject): StoredSubject {
  const masked: StoredSubject = { idNumber: maskIdNumber(person.idNumber) }
  if (person.name !== undefined) masked.name = maskName(person.name)
  if (person.phone !== undefined) masked.phone = maskPhone(person.phone)
  return masked
}

/**
 * The record with its subject, its agent and every form value masked, its materials dropped; keys, item, times
 * and 为谁办理 stay.
 */
export function maskedRecord(record: StoredTransactionRecord): StoredTransactionRecord {
  const { subject, agent, member: _handle, fields, materials: _dropped, ...rest } = record
  const masked: StoredTransactionRecord = {
    ...rest,
    fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, maskGeneric(value)])),
  }
  if (subject) masked.subject = maskedPerson(subject)
  if (agent) masked.agent = maskedPerson(agent)
  return masked
}
