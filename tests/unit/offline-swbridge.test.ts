import { afterEach, describe, expect, it, vi } from 'vitest'

type Listener = () => void
const instances: FakeWorkbox[] = []

class FakeWorkbox {
  listeners = new Map<string, Listener[]>()
  registered = 0
  updates = 0
  skipWaitingMessages = 0
  constructor(
    readonly url: string,
    readonly options: unknown,
  ) {
    instances.push(this)
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }
  emit(type: string) {
    for (const l of this.listeners.get(type) ?? []) l()
  }
  async register() {
    this.registered += 1
  }
  async update() {
    this.updates += 1
  }
  messageSkipWaiting() {
    this.skipWaitingMessages += 1
  }
}

vi.mock('workbox-window', () => ({ Workbox: FakeWorkbox }))

const { registerServiceWorker } = await import('../../kiosk/src/sync/swBridge')

afterEach(() => {
  instances.length = 0
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('service worker bridge', () => {
  it('does nothing outside production builds', async () => {
    const sw = registerServiceWorker()
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(instances).toHaveLength(0)
    expect(sw.updateWaiting()).toBe(false)
    sw.applyUpdate()
  })

  it('registers /sw.js as a module, checks for updates and reloads only after applyUpdate', async () => {
    vi.useFakeTimers()
    const reload = vi.fn()
    vi.stubGlobal('window', { location: { reload } })
    const sw = registerServiceWorker({ enabled: true, updateIntervalMs: 1000 })
    await vi.waitFor(() => expect(instances[0]?.registered).toBe(1))
    const wb = instances[0]!
    expect(wb.url).toBe('/sw.js')
    expect(wb.options).toEqual({ type: 'module' })
    await vi.advanceTimersByTimeAsync(3000)
    expect(wb.updates).toBe(3)

    const told = vi.fn()
    sw.onUpdateWaiting(told)
    wb.emit('waiting')
    expect(told).toHaveBeenCalledOnce()
    expect(sw.updateWaiting()).toBe(true)
    // A waiting version never takes over or reloads by itself.
    wb.emit('controlling')
    expect(reload).not.toHaveBeenCalled()
    expect(wb.skipWaitingMessages).toBe(0)

    sw.applyUpdate()
    expect(wb.skipWaitingMessages).toBe(1)
    expect(reload).not.toHaveBeenCalled()
    // The attract screen repeats the request every few seconds until the takeover happens.
    sw.applyUpdate()
    sw.applyUpdate()
    expect(wb.skipWaitingMessages).toBe(3)
    wb.emit('controlling')
    expect(reload).toHaveBeenCalledOnce()
  })

  it('registers the worker at once but loads workbox-window only after the first tap', async () => {
    const register = vi.fn(async () => ({}))
    vi.stubGlobal('navigator', { serviceWorker: { register } })
    let tap: () => void = () => undefined
    const firstTap = new Promise<void>((resolve) => {
      tap = resolve
    })
    registerServiceWorker({ enabled: true, updatesAfter: firstTap })
    expect(register).toHaveBeenCalledExactlyOnceWith('/sw.js', { type: 'module' })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(instances).toHaveLength(0)
    tap()
    await vi.waitFor(() => expect(instances[0]?.registered).toBe(1))
  })

  it('loads workbox-window on an untouched terminal when its first update check is due', async () => {
    vi.useFakeTimers()
    vi.stubGlobal('navigator', { serviceWorker: { register: vi.fn(async () => ({})) } })
    registerServiceWorker({
      enabled: true,
      updateIntervalMs: 1000,
      updatesAfter: new Promise(() => undefined),
    })
    await vi.advanceTimersByTimeAsync(999)
    expect(instances).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(1)
    await vi.waitFor(() => expect(instances[0]?.registered).toBe(1))
  })
})
