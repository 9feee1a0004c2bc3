/**
 * 帮办 when nobody answers, the admin's side: a terminal's centre contact (phone, opening hours, nearest hall) and
 * its no-answer timeout, validated with errors naming the field, shown in the console's terminal list, and sent to
 * the terminal with its other settings in every heartbeat answer.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { NO_ANSWER_SECONDS } from '../../mock-backend/src/contract/helpDeskRules'
import { call } from '../fixtures/node/backend/server'
import { backendSession, type StaffLogin } from '../fixtures/node/backend/session'
import { QUIET_HEARTBEAT } from '../fixtures/shared/heartbeat'

const backend = backendSession()
let url: string
let admin: StaffLogin
let terminal: string
beforeAll(() => {
  ;({ url, admin, terminal } = backend)
})

const CONTACT = {
  phone: '0762-3388123',
  hours: { days: [5, 1, 2, 3, 4], from: '08:30', to: '17:30' },
  hall: { name: '源城区政务服务中心', address: '河源市源城区长堤路 1 号' },
}
const update = (body: Record<string, unknown>) =>
  call(url, 'PUT', '/api/admin/terminals/T-DEMO-0001', { token: admin.token, body })
const beat = () => call(url, 'POST', '/api/terminal/heartbeat', { token: terminal, body: QUIET_HEARTBEAT })

describe('terminal 帮办 fields', () => {
  it('start unset, with the default no-answer timeout', async () => {
    expect((await beat()).body.settings.help).toEqual({
      noAnswerSeconds: NO_ANSWER_SECONDS.default,
      contact: null,
    })
  })

  it('are set by an admin, listed in the console and reach the terminal with its next heartbeat', async () => {
    const res = await update({ helpContact: CONTACT, noAnswerSeconds: 45 })
    expect(res.status).toBe(200)
    const stored = { ...CONTACT, hours: { ...CONTACT.hours, days: [1, 2, 3, 4, 5] } }
    expect(res.body).toMatchObject({ helpContact: stored, noAnswerSeconds: 45 })
    const listed = await call(url, 'GET', '/api/admin/terminals', { token: admin.token })
    expect(listed.body.find((t: { id: string }) => t.id === 'T-DEMO-0001')).toMatchObject({
      helpContact: stored,
      noAnswerSeconds: 45,
    })
    expect((await beat()).body.settings.help).toEqual({ noAnswerSeconds: 45, contact: stored })
  })

  it('refuse bad values with an error naming the field, and change nothing', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ helpContact: { ...CONTACT, phone: '12' } }, 'helpContact.phone'],
      [{ helpContact: { ...CONTACT, hours: { ...CONTACT.hours, from: '25:00' } } }, 'helpContact.hours.from'],
      [
        { helpContact: { ...CONTACT, hours: { ...CONTACT.hours, from: '18:00' } } },
        'helpContact.hours.from must be before',
      ],
      [{ helpContact: { ...CONTACT, hours: { ...CONTACT.hours, days: [] } } }, 'helpContact.hours.days'],
      [{ helpContact: { ...CONTACT, hall: { name: '', address: 'x' } } }, 'helpContact.hall.name'],
      [{ noAnswerSeconds: 5 }, `noAnswerSeconds must be at least ${NO_ANSWER_SECONDS.min}`],
      [{ noAnswerSeconds: 1.5 }, 'noAnswerSeconds must be a whole number'],
    ]
    for (const [body, named] of bad) {
      const res = await update(body)
      expect([res.status, res.text]).toEqual([400, expect.stringContaining(named)])
    }
    expect((await beat()).body.settings.help.noAnswerSeconds).toBe(45)
  })

  it('clear the contact with null', async () => {
    expect((await update({ helpContact: null })).body.helpContact).toBeNull()
    expect((await beat()).body.settings.help).toEqual({ noAnswerSeconds: 45, contact: null })
  })
})
