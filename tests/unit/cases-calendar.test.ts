import chineseDays from 'chinese-days'
import { describe, expect, it } from 'vitest'
import {
  addCalendarDays,
  addWorkingDays,
  CALENDAR_YEARS,
  calendarCovers,
  isWorkingDay,
  workingDayOnOrAfter,
  workingDaysAfter,
} from '../../mock-backend/src/cases/calendar'
import { promisedDeadline } from '../../mock-backend/src/cases/deadline'

const at = (iso: string) => new Date(iso)

describe('working-day calendar (chinese-days)', () => {
  it('knows 调休: Saturday 2026-02-14 is a make-up workday, Sunday 2026-02-15 starts 春节', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true)
    expect(isWorkingDay('2026-02-15')).toBe(false)
    expect(isWorkingDay('2026-02-23')).toBe(false) // Monday, still the Spring Festival holiday
    expect(isWorkingDay('2026-02-24')).toBe(true)
    expect(isWorkingDay('2026-02-28')).toBe(true) // Saturday make-up workday after the festival
    expect(isWorkingDay('2026-11-28')).toBe(false) // ordinary Saturday
  })

  it('says which years its holiday data covers and flags days beyond them', () => {
    expect(CALENDAR_YEARS.first).toBeLessThanOrEqual(2023)
    expect(CALENDAR_YEARS.last).toBeGreaterThanOrEqual(2026)
    expect(calendarCovers('2026-12-31')).toBe(CALENDAR_YEARS.last >= 2026)
    expect(calendarCovers(`${CALENDAR_YEARS.last + 1}-01-04`)).toBe(false)
  })

  it('counts a deadline across 春节 (acceptance day excluded)', () => {
    // Friday 2026-02-13 + 3 working days: 02-14 (调休 Saturday), then 02-24, 02-25.
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14')
    expect(addWorkingDays('2026-02-13', 3)).toBe('2026-02-25')
    expect(workingDaysAfter('2026-02-13', '2026-02-25')).toBe(3)
    expect(workingDayOnOrAfter('2026-02-15')).toBe('2026-02-24')
  })

  it('agrees with the package’s own findWorkday over a year of days (process time zone here is not west of UTC)', () => {
    for (let d = '2026-01-01'; d <= '2026-12-20'; d = addCalendarDays(d, 1)) {
      for (const n of [1, 5, 15])
        expect(addWorkingDays(d, n), `${d} + ${n}`).toBe(chineseDays.findWorkday(n, d))
    }
  })

  it('rejects bad input with a message naming it', () => {
    expect(() => isWorkingDay('2026-02-30')).toThrow(/2026-02-30/)
    expect(() => addWorkingDays('2026-02-13', 0)).toThrow(/≥ 1/)
  })
})

describe('National Day (国庆) and its 调休 make-up days', () => {
  // The State Council's arrangements as the package ships them: 2025-10-01..08 off (with 中秋), worked on
  // Sunday 09-28 and Saturday 10-11; 2026-10-01..07 off, worked on Sunday 09-20 and Saturday 10-10.
  const HOLIDAYS = {
    2025: [
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ],
    2026: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  }
  const MAKE_UP_DAYS = { 2025: ['2025-09-28', '2025-10-11'], 2026: ['2026-09-20', '2026-10-10'] }

  it('treats the weekend make-up days as working days and every holiday day as a day off', () => {
    for (const day of [...MAKE_UP_DAYS[2025], ...MAKE_UP_DAYS[2026]]) {
      expect([0, 6], `${day} is a weekend day`).toContain(new Date(`${day}T12:00:00Z`).getUTCDay())
      expect(isWorkingDay(day), day).toBe(true)
    }
    for (const day of [...HOLIDAYS[2025], ...HOLIDAYS[2026]]) expect(isWorkingDay(day), day).toBe(false)
    // The ordinary weekend next to a make-up day stays off.
    expect(isWorkingDay('2025-09-27')).toBe(false)
    expect(isWorkingDay('2025-10-12')).toBe(false)
  })

  it('counts a deadline through the holiday with the make-up days as working days', () => {
    // Friday 2025-09-26 + 3: Sunday 09-28 (make-up), 09-29, 09-30.
    expect(addWorkingDays('2025-09-26', 3)).toBe('2025-09-30')
    // Tuesday 2025-09-30 + 5: 10-09, 10-10, Saturday 10-11 (make-up), 10-13, 10-14.
    const d = promisedDeadline(at('2025-09-30T09:00:00+08:00'), { days: 5, unit: '工作日' })
    expect(d).toMatchObject({ acceptDay: '2025-09-30', dueDay: '2025-10-14', covered: true })
    expect(workingDaysAfter('2025-09-30', '2025-10-14')).toBe(5)
    // Wednesday 2026-09-30 + 3: 10-08, 10-09, Saturday 10-10 (make-up).
    expect(promisedDeadline(at('2026-09-30T09:00:00+08:00'), { days: 3, unit: '工作日' }).dueDay).toBe(
      '2026-10-10',
    )
  })

  it('即办 accepted on a make-up Saturday is due that day; accepted in the holiday, on the first day back', () => {
    expect(promisedDeadline(at('2026-10-10T10:00:00+08:00'), { days: 0, unit: '工作日' }).dueDay).toBe(
      '2026-10-10',
    )
    expect(promisedDeadline(at('2026-10-03T10:00:00+08:00'), { days: 0, unit: '工作日' }).dueDay).toBe(
      '2026-10-08',
    )
    expect(workingDayOnOrAfter('2025-10-01')).toBe('2025-10-09')
  })
})

describe('promised deadline', () => {
  it('即办 is due the day of acceptance, or the next working day when accepted on a day off', () => {
    const weekday = promisedDeadline(at('2026-11-27T10:00:00+08:00'), { days: 0, unit: '工作日' })
    expect(weekday).toMatchObject({
      acceptDay: '2026-11-27',
      dueDay: '2026-11-27',
      immediate: true,
      covered: true,
    })
    const festival = promisedDeadline(at('2026-02-16T10:00:00+08:00'), { days: 0, unit: '工作日' })
    expect(festival.dueDay).toBe('2026-02-24')
  })

  it('uses the Shanghai day of the acceptance instant (23:30 UTC is already the next day)', () => {
    const d = promisedDeadline(at('2026-02-12T23:30:00Z'), { days: 1, unit: '工作日' })
    expect(d.acceptDay).toBe('2026-02-13')
    expect(d.dueDay).toBe('2026-02-14')
  })

  it('a 15-working-day limit spanning 春节 ends after the holiday', () => {
    const d = promisedDeadline(at('2026-02-10T09:00:00+08:00'), { days: 15, unit: '工作日' })
    // 02-11..13 (3), 02-14 (4), 02-24..27 (8), 02-28 (9), 03-02..06 (14), 03-09 (15)
    expect(d.dueDay).toBe('2026-03-09')
    expect(d.covered).toBe(true)
  })

  it('natural-day limits count calendar days', () => {
    expect(promisedDeadline(at('2026-02-13T09:00:00+08:00'), { days: 10, unit: '自然日' }).dueDay).toBe(
      '2026-02-23',
    )
  })

  it('flags a deadline beyond the holiday data', () => {
    const d = promisedDeadline(at(`${CALENDAR_YEARS.last}-12-20T09:00:00+08:00`), {
      days: 30,
      unit: '工作日',
    })
    expect(d.dueDay.startsWith(String(CALENDAR_YEARS.last + 1))).toBe(true)
    expect(d.covered).toBe(false)
  })
})
