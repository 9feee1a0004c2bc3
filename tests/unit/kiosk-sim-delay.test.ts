import { afterEach, describe, expect, it, vi } from 'vitest'
import { deviceOptionsFromSearch } from '../../kiosk/src/devices'
import { createSimulatedDevices } from '../../kiosk/src/devices/simulated'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('simulated device delay (?simDelayMs=)', () => {
  it('is absent by default, so each device keeps its realistic delay', async () => {
    vi.useFakeTimers()
    const devices = createSimulatedDevices(deviceOptionsFromSearch('', () => {}))
    let read = false
    void devices.idCardReader.read().then(() => {
      read = true
    })
    await vi.advanceTimersByTimeAsync(599)
    expect(read).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(read).toBe(true)
  })

  it('?simDelayMs=0 makes the reader, camera and printer answer on the next timer tick', async () => {
    vi.useFakeTimers()
    const options = deviceOptionsFromSearch('?simDelayMs=0', () => {})
    expect(options.simulatedDelayMs).toBe(0)
    const devices = createSimulatedDevices(options)
    const done: string[] = []
    void devices.idCardReader.read().then(() => done.push('card'))
    void devices.camera.verifyFace('x').then(() => done.push('face'))
    void devices.printer.print({ kind: 'receipt', title: 't', lines: [] }).then(() => done.push('print'))
    await vi.advanceTimersByTimeAsync(0)
    expect(done.sort()).toEqual(['card', 'face', 'print'])
  })

  it('ignores a value that is not whole milliseconds and says why in the console', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const options = deviceOptionsFromSearch('?simDelayMs=-5', () => {})
    expect(options.simulatedDelayMs).toBeUndefined()
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('simDelayMs'))
  })
})
