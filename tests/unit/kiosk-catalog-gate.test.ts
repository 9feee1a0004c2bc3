import { describe, expect, it } from 'vitest'
import {
  readStoredCatalogFlag,
  STORED_CATALOG_KEY,
  writeStoredCatalogFlag,
} from '../../kiosk/src/storage/catalogFlag'
import { createCatalogGate } from '../../kiosk/src/ui/catalogGate'

/** A session actor reduced to what the gate reads: its catalog, changed by `set`. */
function fakeActor() {
  let catalog: object | null = null
  const listeners = new Set<() => void>()
  return {
    getSnapshot: () => ({ context: { terminalCatalog: catalog } }),
    subscribe(listener: () => void) {
      listeners.add(listener)
      return { unsubscribe: () => void listeners.delete(listener) }
    },
    set(next: object | null) {
      catalog = next
      for (const listener of [...listeners]) listener()
    },
    listeners,
  }
}

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined
  let reject: (error: unknown) => void = () => undefined
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const settled = async (promise: Promise<unknown>) => {
  let state = 'pending'
  promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  )
  await new Promise((resolve) => setTimeout(resolve, 0))
  return state
}

describe('stored catalog note', () => {
  it('reads back only a positive whole version', () => {
    const values = new Map<string, string>()
    const storage = {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
      removeItem: (key: string) => void values.delete(key),
    }
    expect(readStoredCatalogFlag(storage)).toBeNull()
    writeStoredCatalogFlag(storage, 7)
    expect(readStoredCatalogFlag(storage)).toBe(7)
    for (const bad of ['', 'x', '0', '-3', '1.5']) {
      values.set(STORED_CATALOG_KEY, bad)
      expect(readStoredCatalogFlag(storage)).toBeNull()
    }
    writeStoredCatalogFlag(storage, null)
    expect(values.has(STORED_CATALOG_KEY)).toBe(false)
    expect(readStoredCatalogFlag(null)).toBeNull()
  })

  it('costs only the head start when the storage refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
      removeItem: () => {
        throw new Error('SecurityError')
      },
    }
    expect(readStoredCatalogFlag(refusing)).toBeNull()
    expect(() => writeStoredCatalogFlag(refusing, 3)).not.toThrow()
  })
})

describe('catalog gate', () => {
  it('lets a tap wait for the catalog the note promised', async () => {
    const actor = fakeActor()
    const started = deferred<{ catalog: unknown }>()
    const gate = createCatalogGate({ expected: true, actor, started: started.promise })
    expect(gate.expected).toBe(true)
    const tap = gate.untilCatalog()
    expect(await settled(tap)).toBe('pending')
    actor.set({ version: 3 })
    expect(await settled(tap)).toBe('resolved')
    expect(actor.listeners.size).toBe(0)
    started.resolve({ catalog: { version: 3 } })
    expect(await settled(gate.broken)).toBe('pending')
    expect(await settled(gate.untilCatalog())).toBe('resolved')
  })

  it('breaks, and a waiting tap gives up, when the start finds no catalog or fails', async () => {
    for (const end of ['none', 'failed'] as const) {
      const actor = fakeActor()
      const started = deferred<{ catalog: unknown }>()
      const gate = createCatalogGate({ expected: true, actor, started: started.promise })
      const tap = gate.untilCatalog()
      // Its rejection is read below, after the start settles.
      tap.catch(() => undefined)
      if (end === 'none') started.resolve({ catalog: null })
      else started.reject(new Error('IndexedDB unavailable'))
      expect(await settled(gate.broken)).toBe('resolved')
      expect(await settled(tap)).toBe('rejected')
      expect(actor.listeners.size).toBe(0)
      // A catalog downloaded later still opens the session.
      actor.set({ version: 1 })
      expect(await settled(gate.untilCatalog())).toBe('resolved')
    }
  })
})
