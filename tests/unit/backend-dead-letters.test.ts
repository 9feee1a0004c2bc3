/**
 * Dead letters reach ops: the heartbeat's optional count-and-reasons summary shows in fleet health with a
 * `dead-letters` flag. Only counts per "<kind> <status>" pass the contract, never a free text.
 */
import { describe, expect, it } from 'vitest'
import { call } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'
import { QUIET_HEARTBEAT } from '../fixtures/shared/heartbeat'

const backend = backendSession({ signIn: ['ops', 'terminal'] })

const heartbeat = QUIET_HEARTBEAT

async function fleetRow() {
  const fleet = await call(backend.url, 'GET', '/api/ops/terminals', { token: backend.ops.token })
  return (fleet.body as Array<{ id: string; deadLetters: unknown; flags: string[] }>).find((r) =>
    r.id.startsWith('T-DEMO'),
  )
}

describe('dead letters in fleet health', () => {
  it('shows a terminal without the field (older app) as null, unflagged', async () => {
    const res = await call(backend.url, 'POST', '/api/terminal/heartbeat', {
      token: backend.terminal,
      body: heartbeat,
    })
    expect(res.status).toBe(200)
    const row = await fleetRow()
    expect(row?.deadLetters).toBeNull()
    expect(row?.flags).not.toContain('dead-letters')
  })

  it('shows the count and reasons, flagged', async () => {
    const deadLetters = { count: 3, reasons: { 'refused 400': 2, 'conflict 422': 1 } }
    const res = await call(backend.url, 'POST', '/api/terminal/heartbeat', {
      token: backend.terminal,
      body: { ...heartbeat, deadLetters },
    })
    expect(res.status).toBe(200)
    const row = await fleetRow()
    expect(row?.deadLetters).toEqual(deadLetters)
    expect(row?.flags).toContain('dead-letters')
  })

  it('lists them in the fleet CSV, one row per terminal, with the count and the reasons', async () => {
    const deadLetters = { count: 3, reasons: { 'refused 400': 2, 'conflict 422': 1 } }
    await call(backend.url, 'POST', '/api/terminal/heartbeat', {
      token: backend.terminal,
      body: { ...heartbeat, deadLetters },
    })
    const res = await fetch(`${backend.url}/api/ops/terminals?format=csv`, {
      headers: { authorization: `Bearer ${backend.ops.token}` },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="fleet-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const bytes = Buffer.from(await res.arrayBuffer())
    // The BOM, so Excel reads the Chinese headers (fetch's text() would drop it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.subarray(3).toString('utf8')
    expect(text.split('\r\n')[0]).toBe(
      '终端编号,名称,位置,区县,在线,最近联系,待发送,最早待发送,打印机,版本,目录版本,被拒收记录数,拒收原因,提示',
    )
    const demo = text.split('\r\n').find((line) => line.startsWith('T-DEMO'))!
    expect(demo.split(',').slice(3, 4)).toEqual(['源城区'])
    expect(demo.split(',').slice(11)).toEqual(['3', 'refused 400 ×2; conflict 422 ×1', 'dead-letters'])
    // Terminals only read their own answers: the CSV is ops' alone.
    const asTerminal = await call(backend.url, 'GET', '/api/ops/terminals?format=csv', {
      token: backend.terminal,
    })
    expect(asTerminal.status).toBe(403)
  })

  it('refuses a reason that is free text (it could carry personal data)', async () => {
    const res = await call(backend.url, 'POST', '/api/terminal/heartbeat', {
      token: backend.terminal,
      body: { ...heartbeat, deadLetters: { count: 1, reasons: { '李四 44010619900101123X': 1 } } },
    })
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/^body: deadLetters\.reasons\./)
  })
})
