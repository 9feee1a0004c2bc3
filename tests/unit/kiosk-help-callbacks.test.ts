/**
 * The kiosk's side of 帮办 when nobody answers: opening hours as residents read them, whether to ring at all, and
 * the call-back queue: a request waits while the backend cannot be reached, goes when the network is back, is
 * sent once it is stored (a lost answer is resent with the same key, which the backend replays), and a request
 * the backend refuses for good is not retried forever.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCallbackQueue } from '../../kiosk/src/help/callbackQueue'
import { hoursText } from '../../kiosk/src/help/hoursText'
import { reachability } from '../../kiosk/src/help/noAnswerSetup'

afterEach(() => {
  vi.useRealTimers()
})

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

describe('call-back queue', () => {
  it('waits while offline, sends when the network returns, and stops once the backend has it', async () => {
    vi.useFakeTimers()
    const bodies: { key: string; phone: string; itemCode: string | null }[] = []
    let online = false
    let goOnline = () => {}
    const fetchFn = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      if (!online) throw new TypeError('Failed to fetch')
      bodies.push(JSON.parse(String(init?.body)))
      // The first answer is lost on the way back: the request is sent again with the same key.
      if (bodies.length === 1) throw new TypeError('network changed')
      return new Response('{}', { status: bodies.length === 2 ? 200 : 201 })
    })
    const queue = createCallbackQueue({
      terminalKey: () => 'key',
      fetch: fetchFn as unknown as typeof fetch,
      baseUrl: 'http://backend',
      onOnline: (listener) => {
        goOnline = listener
        return () => {}
      },
    })
    queue.add('13812345678', 'ITEM-A')
    await vi.advanceTimersByTimeAsync(60_000)
    expect([bodies.length, queue.waiting()]).toEqual([0, 1])
    online = true
    goOnline()
    await vi.advanceTimersByTimeAsync(0)
    expect(queue.waiting()).toBe(1)
    await vi.advanceTimersByTimeAsync(15_000)
    expect(queue.waiting()).toBe(0)
    expect(bodies).toHaveLength(2)
    expect(bodies[0]).toEqual(bodies[1])
    expect(bodies[0]).toMatchObject({ phone: '13812345678', itemCode: 'ITEM-A' })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(bodies).toHaveLength(2)
    expect(fetchFn.mock.calls[0]?.[0]).toBe('http://backend/api/terminal/callbacks')
    queue.close()
  })

  it('drops a request the backend refuses for good, and keeps one it asks to retry', async () => {
    vi.useFakeTimers()
    const statuses = [400, 503, 201]
    const fetchFn = vi.fn(async () => new Response('{}', { status: statuses.shift() ?? 201 }))
    const queue = createCallbackQueue({
      terminalKey: () => 'key',
      fetch: fetchFn as unknown as typeof fetch,
      baseUrl: '',
      onOnline: () => () => {},
    })
    queue.add('12345', null)
    await vi.advanceTimersByTimeAsync(0)
    expect(queue.waiting()).toBe(0)
    queue.add('13812345678', null)
    await vi.advanceTimersByTimeAsync(0)
    expect(queue.waiting()).toBe(1)
    await vi.advanceTimersByTimeAsync(15_000)
    expect(queue.waiting()).toBe(0)
    expect(fetchFn).toHaveBeenCalledTimes(3)
    queue.close()
  })
})
