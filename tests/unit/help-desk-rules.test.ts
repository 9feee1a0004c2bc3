/** The rules of 帮办 when nobody answers: opening hours in Shanghai time, call-back number forms, masking. */
import { describe, expect, it } from 'vitest'
import {
  callbackNumberProblem,
  isCentrePhone,
  isOpenAt,
  maskPhone,
} from '../../mock-backend/src/contract/helpDeskRules'

const WEEKDAYS = { days: [1, 2, 3, 4, 5], from: '08:30', to: '17:30' }

describe('opening hours', () => {
  it('are Shanghai wall time, from inclusive, to exclusive, on the listed weekdays only', () => {
    // 2026-12-07 is a Monday; 08:30 Shanghai = 00:30 UTC.
    expect(isOpenAt(WEEKDAYS, new Date('2026-12-07T00:29:59Z'))).toBe(false)
    expect(isOpenAt(WEEKDAYS, new Date('2026-12-07T00:30:00Z'))).toBe(true)
    expect(isOpenAt(WEEKDAYS, new Date('2026-12-07T09:29:00Z'))).toBe(true)
    expect(isOpenAt(WEEKDAYS, new Date('2026-12-07T09:30:00Z'))).toBe(false)
    // Saturday 10:00 Shanghai, and Sunday 23:00 UTC = Monday 07:00 Shanghai (still before opening).
    expect(isOpenAt(WEEKDAYS, new Date('2026-12-05T02:00:00Z'))).toBe(false)
    expect(isOpenAt({ ...WEEKDAYS, days: [6] }, new Date('2026-12-05T02:00:00Z'))).toBe(true)
    expect(isOpenAt({ ...WEEKDAYS, days: [1] }, new Date('2026-12-06T23:00:00Z'))).toBe(false)
    expect(isOpenAt({ days: [1], from: '07:00', to: '08:00' }, new Date('2026-12-06T23:00:00Z'))).toBe(true)
  })
})

describe('phone numbers', () => {
  it('a call-back takes a mainland mobile or a landline with its area code, and names what is wrong', () => {
    expect(callbackNumberProblem('13812345678')).toBeNull()
    expect(callbackNumberProblem('138 1234 5678')).toBeNull()
    expect(callbackNumberProblem('0762-3388123')).toBeNull()
    expect(callbackNumberProblem('020-88881234')).toBeNull()
    expect(callbackNumberProblem('')).toBe('empty')
    expect(callbackNumberProblem('138abc')).toBe('not_digits')
    expect(callbackNumberProblem('12812345678')).toBe('not_a_number')
    expect(callbackNumberProblem('1381234567')).toBe('not_a_number')
    expect(callbackNumberProblem('3388123')).toBe('not_a_number')
    expect(callbackNumberProblem('12345')).toBe('not_a_number')
  })

  it('a centre may also give a short public hotline', () => {
    expect(isCentrePhone('12345')).toBe(true)
    expect(isCentrePhone('0762-3388123')).toBe(true)
    expect(isCentrePhone('999')).toBe(false)
  })

  it('masks all but the first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('0762-3388123')).toBe('076****8123')
    expect(maskPhone('0755-88881234')).toBe('075*****1234')
  })
})
