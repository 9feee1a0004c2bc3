/** The kiosk's one "load once, try again after a failure" rule (kiosk/src/lazyOnce.ts). */
import { describe, expect, it } from 'vitest'
import { lazyOnce } from '../../kiosk/src/lazyOnce'

describe('lazyOnce', () => {
  it('shares one load between callers and keeps its result', async () => {
    let loads = 0
    const get = lazyOnce(async () => ++loads)
    const [a, b] = await Promise.all([get(), get()])
    expect([a, b, await get(), loads]).toEqual([1, 1, 1, 1])
  })

  it('forgets a failed load, so the next call loads again', async () => {
    let loads = 0
    const get = lazyOnce(async () => {
      loads++
      if (loads === 1) throw new Error('chunk not cached')
      return 'loaded'
    })
    await expect(get()).rejects.toThrow('chunk not cached')
    expect(await get()).toBe('loaded')
    expect(await get()).toBe('loaded')
    expect(loads).toBe(2)
  })
})
