/**
 * Structured logs (pino): request lines carry method, route, status and time only — never bodies,
 * query strings or personal data.
 */
import pino from 'pino'

/** The logger type passed around. */
export type Logger = pino.Logger

/** Creates the process logger; paths that could hold secrets are redacted as a second line of defence. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        'password',
        'token',
        'idNumber',
        '*.password',
        '*.token',
        '*.idNumber',
        'headers.authorization',
      ],
      censor: '[redacted]',
    },
  })
}
