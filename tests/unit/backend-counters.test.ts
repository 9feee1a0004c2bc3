/**
 * `POST /api/terminal/counters` answers each counter on its own (accepted or rejected, in request order) and
 * is never refused whole for one bad counter; values are bounded by the contract's MAX_COUNTER_VALUE.
 */
import { describe, expect, it } from 'vitest'
import { MAX_COUNTER_VALUE } from '../../mock-backend/src/contract/constants'
import { shanghaiDay } from '../../mock-backend/src/time'
import { call } from '../fixtures/node/backend/server'
import { backendSession } from '../fixtures/node/backend/session'

const backend = backendSession()

const DAY = '2026-10-05'

describe('counters answered one by one', () => {
  it('accepts the good counters and rejects each bad one alone, naming its problem', async () => {
    const inTwoDays = shanghaiDay(Date.now() + 2 * 24 * 3600 * 1000)
    const res = await call(backend.url, 'POST', '/api/terminal/counters', {
      token: backend.terminal,
      body: {
        counters: [
          { day: DAY, itemCode: 'HRSS-Q-0001', metric: 'completions', value: 4 },
          { day: DAY, itemCode: 'HRSS-Q-0001', metric: 'views', value: MAX_COUNTER_VALUE + 1 },
          { day: '2026-02-30', itemCode: '', metric: 'sessions', value: 1 },
          { day: inTwoDays, itemCode: '', metric: 'sessions', value: 1 },
          { day: DAY, itemCode: '', metric: 'clicks', value: 1 },
          'not a counter',
          { day: DAY, itemCode: '', metric: 'sessions', value: MAX_COUNTER_VALUE },
        ],
      },
    })
    expect(res.status).toBe(200)
    expect(res.body.accepted).toBe(2)
    expect(res.body.outcomes).toEqual([
      { status: 'accepted' },
      { status: 'rejected', message: expect.stringMatching(/^counters\.1\.value: .*50000/) },
      { status: 'rejected', message: 'counters.2.day: not a calendar day' },
      {
        status: 'rejected',
        message: expect.stringMatching(/^counters\.3\.day: after tomorrow \(\d{4}-\d{2}-\d{2}\)$/),
      },
      { status: 'rejected', message: expect.stringMatching(/^counters\.4\.metric: /) },
      { status: 'rejected', message: expect.stringMatching(/^counters\.5: /) },
      { status: 'accepted' },
    ])
    // Only the accepted values reached the reports.
    const report = await call(backend.url, 'GET', `/api/ops/daily-counts?from=${DAY}&to=${DAY}`, {
      token: backend.ops.token,
    })
    expect(report.body.rows).toEqual([
      expect.objectContaining({ day: DAY, completions: 4, sessions: MAX_COUNTER_VALUE, views: 0 }),
    ])
  })

  it('still refuses a body that is not a counters envelope as a whole', async () => {
    const res = await call(backend.url, 'POST', '/api/terminal/counters', {
      token: backend.terminal,
      body: { counters: 'x' },
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('validation')
  })
})
