/**
 * A kiosk fetches its catalog again when the heartbeat names a newer province version or another district overlay
 * version than the catalog in use (a district's publish or rollback: #15), and not otherwise.
 */
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { createDbConnection } from '../../kiosk/src/storage/db'
import { createHeartbeat } from '../../kiosk/src/sync/heartbeat'
import type { HeartbeatAnswer } from '../../mock-backend/src/contract/wire'

const SETTINGS: HeartbeatAnswer['settings'] = { idleSeconds: 120, pin: null, retentionDays: 180 }

/** A heartbeat over a fresh database whose server answers `answer`; counts the catalog refreshes it asks for. */
function beat(inUse: { version: number; overlayVersion: number }, answer: Partial<HeartbeatAnswer>) {
  let refreshes = 0
  const heartbeat = createHeartbeat({
    connection: createDbConnection(new IDBFactory()),
    client: {
      postHeartbeat: async () => ({
        ok: true,
        serverTime: new Date().toISOString(),
        catalogVersion: inUse.version,
        settings: SETTINGS,
        wipe: false,
        ...answer,
      }),
    },
    storage: undefined,
    appVersion: 'test',
    terminal: () => ({ terminalId: 'T-1', name: '源城终端' }),
    catalogVersion: () => inUse.version,
    overlayVersion: () => inUse.overlayVersion,
    online: () => true,
    refreshCatalog: async () => {
      refreshes++
    },
    adoptSettings: async () => {},
    onWipeOrdered: async () => {},
  })
  return heartbeat.send().then(() => refreshes)
}

describe('heartbeat and the district overlay', () => {
  it('refetches on another overlay version, either way, and on a newer province version', async () => {
    expect(await beat({ version: 3, overlayVersion: 1 }, { overlayVersion: 2 })).toBe(1)
    expect(await beat({ version: 3, overlayVersion: 0 }, { overlayVersion: 1 })).toBe(1)
    expect(await beat({ version: 3, overlayVersion: 2 }, { overlayVersion: 0 })).toBe(1)
    expect(await beat({ version: 3, overlayVersion: 2 }, { catalogVersion: 4, overlayVersion: 2 })).toBe(1)
  })

  it('does not refetch when both numbers match, or when an older server names no overlay', async () => {
    expect(await beat({ version: 3, overlayVersion: 2 }, { overlayVersion: 2 })).toBe(0)
    expect(await beat({ version: 3, overlayVersion: 0 }, {})).toBe(0)
  })
})
