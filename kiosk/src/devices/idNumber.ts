/**
 * 公民身份号码 (GB 11643-1999) as the card reader and the on-screen keypad deliver it:
 * check-digit validation and the masked form shown on screen.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'

/** Computes the 18th character for the first 17 digits, so the demo card and tests can build valid numbers. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCheckChar needs exactly 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARS[sum % 11] ?? ''
}

/** Why a typed ID number is refused, so the keypad can say exactly what is wrong. */
export type IdNumberProblem = 'length' | 'format' | 'birthDate' | 'checkDigit'

/** Validates an 18-character ID number; returns null when valid, else the first problem found. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const value = raw.toUpperCase()
  if (value.length !== 18) return 'length'
  if (!/^\d{17}[\dX]$/.test(value)) return 'format'
  const year = Number(value.slice(6, 10))
  const month = Number(value.slice(10, 12))
  const day = Number(value.slice(12, 14))
  const date = new Date(Date.UTC(year, month - 1, day))
  const validDate =
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getTime() <= Date.now()
  if (!validDate) return 'birthDate'
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return 'checkDigit'
  return null
}

/** True for a well-formed ID number with a correct GB 11643 check digit. */
export function isValidIdNumber(raw: string): boolean {
  return idNumberProblem(raw) === null
}

/** Masks an ID number as `4416**********1234`, the form used on every screen after entry. */
export function maskIdNumber(raw: string): string {
  if (raw.length <= 8) return '*'.repeat(raw.length)
  return `${raw.slice(0, 4)}${'*'.repeat(raw.length - 8)}${raw.slice(-4)}`
}

/** Masks a mobile number as `138****5678`. */
export function maskPhone(raw: string): string {
  if (raw.length < 7) return '*'.repeat(raw.length)
  return `${raw.slice(0, 3)}${'*'.repeat(raw.length - 7)}${raw.slice(-4)}`
}

/** Masks a personal name as `李*` / `欧阳**`, keeping only the first character. */
export function maskName(raw: string): string {
  const chars = Array.from(raw)
  if (chars.length === 0) return ''
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`
}

/** Masks any other personal value, keeping the first and last character when it is long enough. */
export function maskGeneric(raw: string): string {
  const chars = Array.from(raw)
  if (chars.length <= 2) return '*'.repeat(chars.length)
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}
