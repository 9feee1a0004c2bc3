/**
 * The kiosk's side of 帮办 when nobody answers: opening hours as residents read them and whether to ring at all.
 * (The call-back queue is the kiosk database's: offline-callbacks.test.ts.)
 */
import { describe, expect, it } from 'vitest'
import { hoursText } from '../../kiosk/src/help/hoursText'
import { reachability } from '../../kiosk/src/help/noAnswerSetup'

describe('opening hours text', () => {
  it('joins runs of weekdays and shows the times', () => {
    const hours = { days: [1, 2, 3, 4, 5], from: '08:30', to: '17:30' }
    expect(hoursText(hours, 'zh')).toBe('周一至周五 08:30–17:30')
    expect(hoursText(hours, 'en')).toBe('Mon–Fri 08:30–17:30')
    expect(hoursText({ ...hours, days: [1, 2, 3, 6] }, 'zh')).toBe('周一至周三、周六 08:30–17:30')
    expect(hoursText({ ...hours, days: [6, 7] }, 'en')).toBe('Sat, Sun 08:30–17:30')
  })
})

describe('whether to ring', () => {
  const help = {
    noAnswerSeconds: 60,
    contact: {
      phone: '12345',
      hours: { days: [1, 2, 3, 4, 5], from: '08:30', to: '17:30' },
      hall: { name: '大厅', address: '地址' },
    },
  }
  it('does not ring out of hours, and rings without a contact or in hours', () => {
    expect(reachability(help, new Date('2026-12-05T02:00:00Z'))).toBe('closed')
    expect(reachability(help, new Date('2026-12-07T02:00:00Z'))).toBeNull()
    expect(reachability({ ...help, contact: null }, new Date('2026-12-05T02:00:00Z'))).toBeNull()
    expect(reachability(undefined, new Date('2026-12-05T02:00:00Z'))).toBeNull()
  })
})
