import { beforeAll, describe, expect, it } from 'vitest'
import { faultRoutesFromEnv, ingestFaultsFromEnv } from '../../mock-backend/src/config'
import { IngestFaults } from '../../mock-backend/src/faults/ingestFaults'
import { call, login, OPS_PASSWORD, record, type SpawnedBackend } from '../fixtures/node/backend/server'
import { backendSession, type StaffLogin } from '../fixtures/node/backend/session'

describe('IngestFaults', () => {
  it('fails exactly the next N checks at the configured moment, then lets batches through', () => {
    const faults = new IngestFaults({ failNext: 2, status: 503, when: 'before' })
    expect(() => faults.check('after')).not.toThrow()
    expect(() => faults.check('before')).toThrow(/HTTP 503/)
    expect(() => faults.check('before')).toThrow(/nothing stored/)
    expect(() => faults.check('before')).not.toThrow()
    expect(faults.view()).toEqual({ failNext: 0, status: 503, when: 'before', injected: 2 })
  })

  it('reads INGEST_FAIL_* and names the bad variable', () => {
    expect(new IngestFaults(ingestFaultsFromEnv({})).view().failNext).toBe(0)
    expect(
      new IngestFaults(ingestFaultsFromEnv({ INGEST_FAIL_FIRST: '3', INGEST_FAIL_WHEN: 'after' })).view(),
    ).toMatchObject({
      failNext: 3,
      status: 500,
      when: 'after',
    })
    expect(() => ingestFaultsFromEnv({ INGEST_FAIL_FIRST: 'two' })).toThrow(/INGEST_FAIL_FIRST/)
    expect(() => ingestFaultsFromEnv({ INGEST_FAIL_FIRST: '1', INGEST_FAIL_STATUS: '404' })).toThrow(
      /INGEST_FAIL_STATUS/,
    )
    expect(() => ingestFaultsFromEnv({ INGEST_FAIL_FIRST: '1', INGEST_FAIL_WHEN: 'during' })).toThrow(
      /INGEST_FAIL_WHEN/,
    )
  })
})

describe('FAULTS', () => {
  it('is off unless set to on, and names itself on any other value', () => {
    expect(faultRoutesFromEnv({})).toBe(false)
    expect(faultRoutesFromEnv({ FAULTS: 'off' })).toBe(false)
    expect(faultRoutesFromEnv({ FAULTS: 'on' })).toBe(true)
    expect(() => faultRoutesFromEnv({ FAULTS: 'yes' })).toThrow(/FAULTS must be on or off/)
  })
})

describe('ingest fault hook in the real backend process', () => {
  const backend = backendSession({ env: { INGEST_FAIL_FIRST: '2', FAULTS: 'on' } })
  let server: SpawnedBackend
  let terminal: string
  let admin: StaffLogin
  beforeAll(() => {
    ;({ server, terminal, admin } = backend)
  })

  const post = (records: Record<string, unknown>[]) =>
    call(server.url, 'POST', '/api/terminal/transactions', { token: terminal, body: { records } })

  it('answers the first INGEST_FAIL_FIRST batches with 500 and stores nothing, then ingests', async () => {
    const one = record()
    const first = await post([one])
    expect(first.status).toBe(500)
    expect(first.body.error).toBe('injected_fault')
    expect((await post([one])).status).toBe(500)
    const third = await post([one])
    expect(third.status).toBe(200)
    expect(third.body.outcomes[0]).toMatchObject({ status: 'ok', replayed: false })
  })

  it('lets an admin fail batches after the commit; the resend is a replay, not a duplicate', async () => {
    const put = await call(server.url, 'PUT', '/api/admin/faults/ingest', {
      token: admin.token,
      body: { failNext: 1, status: 503, when: 'after' },
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ failNext: 1, status: 503, when: 'after', injected: 2 })
    const one = record()
    const lost = await post([one])
    expect(lost.status).toBe(503)
    const again = await post([one])
    expect(again.status).toBe(200)
    expect(again.body.outcomes[0]).toMatchObject({ key: one.key, status: 'ok', replayed: true })
    const view = await call(server.url, 'GET', '/api/admin/faults/ingest', { token: admin.token })
    expect(view.body).toMatchObject({ failNext: 0, injected: 3 })
  })

  it('is admin only and validates the body', async () => {
    const ops = await login(server.url, 'ops', OPS_PASSWORD)
    const asOps = await call(server.url, 'PUT', '/api/admin/faults/ingest', {
      token: ops.token,
      body: { failNext: 1 },
    })
    expect(asOps.status).toBe(403)
    const asTerminal = await call(server.url, 'GET', '/api/admin/faults/ingest', { token: terminal })
    expect(asTerminal.status).toBe(403)
    const bad = await call(server.url, 'PUT', '/api/admin/faults/ingest', {
      token: admin.token,
      body: { failNext: 1, status: 404 },
    })
    expect(bad.status).toBe(400)
    expect(bad.text).toContain('status')
  })
})
