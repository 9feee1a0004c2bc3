/** Why an enrolment failed, in the terminal's language: the backend's `enrol_code` refusal is the usual one. */
import type { MessageKey } from '../../i18n'

/**
 * The text after "注册失败：". A refused code (error code `enrol_code`, set by the backend client) gets
 * the localized sentence; anything else (network, server) keeps its technical message for the technician.
 */
export function enrolErrorText(
  error: unknown,
  tr: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'enrol_code')
    return tr('maintEnrolCodeInvalid')
  return error instanceof Error ? error.message : String(error)
}
