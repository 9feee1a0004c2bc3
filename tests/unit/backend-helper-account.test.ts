import { describe, expect, it } from 'vitest'
import { HELPER_PASSWORD, login, spawnBackend } from '../fixtures/node/backend/server'

/** The seeded `helper` user (帮办坐席): its password comes from HELPER_PASSWORD, or is generated and printed once. */
describe('helper account', () => {
  it('seeds `helper` with role helper from HELPER_PASSWORD', async () => {
    const server = await spawnBackend()
    try {
      const me = await login(server.url, 'helper', HELPER_PASSWORD)
      const res = await fetch(`${server.url}/api/auth/me`, {
        headers: { authorization: `Bearer ${me.token}` },
      })
      expect(await res.json()).toMatchObject({ username: 'helper', role: 'helper' })
    } finally {
      await server.stop()
      server.cleanup()
    }
  }, 60_000)

  it('generates a password printed once when HELPER_PASSWORD is unset', async () => {
    const server = await spawnBackend({ env: { HELPER_PASSWORD: '' } })
    try {
      const printed = /^\s+helper: (\S+)$/m.exec(server.output())?.[1]
      expect(printed).toBeDefined()
      await expect(login(server.url, 'helper', printed ?? '')).resolves.toMatchObject({
        token: expect.any(String),
      })
      await server.stop()
      const again = await spawnBackend({ dataDir: server.dataDir, env: { HELPER_PASSWORD: '' } })
      try {
        expect(again.output()).not.toMatch(/^\s+helper: /m)
        await expect(login(again.url, 'helper', printed ?? '')).resolves.toBeDefined()
      } finally {
        await again.stop()
      }
    } finally {
      server.cleanup()
    }
  }, 60_000)
})
