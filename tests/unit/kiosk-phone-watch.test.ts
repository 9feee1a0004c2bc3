/**
 * The kiosk's phone upload watcher (materials/phoneWatch.ts) on fake timers: it starts the session for the record
 * key, polls with backoff while no phone opened the code and every PHONE_POLL.openedMs once one did, fetches each
 * new photo once for its preview, stops polling when the code no longer works, and ends the session when stopped
 * (even when stopped before the session had started).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FlowEvent, PhoneUploadCommand } from '../../kiosk/src/machines/serviceFlowMachine'
import { PHONE_POLL, watchPhoneUpload } from '../../kiosk/src/materials/phoneWatch'
import type { PhonePhotos } from '../../mock-backend/src/contract/phoneUploads'

const PHOTO = { material: '家庭收入证明', contentHash: 'aa11', mediaType: 'image/jpeg' as const, bytes: 9 }

function fakeCalls(answers: PhonePhotos[]) {
  const log: string[] = []
  let started: (value: { token: string; url: string; expiresAt: string }) => void = () => {}
  const calls = {
    phoneStart: vi.fn((recordKey: string, itemCode: string) => {
      log.push(`start ${recordKey} ${itemCode}`)
      return new Promise<{ token: string; url: string; expiresAt: string }>((done) => {
        started = done
      })
    }),
    phonePhotos: vi.fn(async (token: string) => {
      log.push(`poll ${token} @${Date.now()}`)
      return answers.length > 1 ? answers.shift()! : answers[0]!
    }),
    phonePhoto: vi.fn(async (_token: string, hash: string) => {
      log.push(`photo ${hash}`)
      return { mediaType: 'image/jpeg' as const, data: btoa('abc') }
    }),
    phoneRemove: vi.fn(async () => answers[0]!),
    phoneEnd: vi.fn(async (token: string) => {
      log.push(`end ${token}`)
      return { ended: true as const }
    }),
  }
  return { calls, log, start: () => started({ token: 'tok', url: 'https://x/m/#u=tok', expiresAt: 'e' }) }
}

describe('the phone upload watcher', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('backs off while nobody scanned, polls every second once a phone opened, and ends the session when stopped', async () => {
    const closed: PhonePhotos = { opened: false, state: 'open', photos: [] }
    const opened: PhonePhotos = { opened: true, state: 'open', photos: [PHOTO] }
    const fake = fakeCalls([closed, closed, closed, opened, opened, opened])
    const events: FlowEvent[] = []
    let listener: (command: PhoneUploadCommand) => void = () => {}
    const stop = watchPhoneUpload(
      fake.calls,
      () => 'new-key',
      { itemCode: 'ZJ-SB-0001', recordKey: null },
      (event) => events.push(event),
      (l) => {
        listener = l
      },
    )
    fake.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(events[0]).toEqual({
      type: 'phone.started',
      recordKey: 'new-key',
      url: 'https://x/m/#u=tok',
      expiresAt: 'e',
    })
    await vi.advanceTimersByTimeAsync(12_000)
    const polls = fake.log.filter((l) => l.startsWith('poll')).map((l) => Number(l.split('@')[1]))
    const gaps = polls.slice(1).map((at, i) => at - polls[i]!)
    // 1 s, again 1 s after the first answer (a change from nothing), then ×1.5 while nothing changes and no
    // phone opened; then every openedMs.
    expect(polls[0]).toBe(PHONE_POLL.firstMs)
    expect(gaps.slice(0, 3)).toEqual([
      PHONE_POLL.firstMs,
      PHONE_POLL.firstMs * PHONE_POLL.factor,
      PHONE_POLL.firstMs * PHONE_POLL.factor ** 2,
    ])
    expect(new Set(gaps.slice(3))).toEqual(new Set([PHONE_POLL.openedMs]))
    // The photo's preview is fetched once, however often it is listed.
    expect(fake.log.filter((l) => l === 'photo aa11')).toHaveLength(1)
    const last = events.at(-1)
    expect(last?.type === 'phone.photos' && last.images.aa11).toBeInstanceOf(Blob)
    listener({ type: 'phone.remove', contentHash: 'aa11' })
    expect(fake.calls.phoneRemove).toHaveBeenCalledWith('tok', 'aa11')
    stop()
    const count = fake.calls.phonePhotos.mock.calls.length
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fake.calls.phonePhotos.mock.calls.length).toBe(count)
    expect(fake.log.filter((l) => l.startsWith('end'))).toEqual(['end tok'])
  })

  it('stops polling when the code no longer works, and ends a session that started after the stop', async () => {
    const fake = fakeCalls([{ opened: true, state: 'expired', photos: [] }])
    const stop = watchPhoneUpload(
      fake.calls,
      () => 'k',
      { itemCode: 'X', recordKey: 'kept' },
      () => {},
      () => {},
    )
    fake.start()
    await vi.advanceTimersByTimeAsync(20_000)
    expect(fake.calls.phonePhotos).toHaveBeenCalledTimes(1)
    expect(fake.log[0]).toBe('start kept X')
    stop()

    const late = fakeCalls([{ opened: false, state: 'open', photos: [] }])
    const events: FlowEvent[] = []
    const stopLate = watchPhoneUpload(
      late.calls,
      () => 'k',
      { itemCode: 'X', recordKey: null },
      (e) => events.push(e),
      () => {},
    )
    stopLate()
    late.start()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(events).toEqual([])
    expect(late.log).toEqual(['start k X', 'end tok'])
  })
})
