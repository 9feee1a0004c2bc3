/**
 * 为谁办理 in the service flow machine, with the kiosk's effects faked (the register answers the demo household):
 * the step comes after identification only for items that serve more than 本人; 家人 picks one member, whose
 * handle (never an ID number) the record carries; 家庭缴费 adds the ticked step after the form and one order with
 * the ticked members; 他人 refuses a wrong check digit, the agent's own number and a missing relationship, and
 * the record carries agent, subject and relationship.
 */
import { describe, expect, it } from 'vitest'
import { idCheckChar } from '../../kiosk/src/devices/idNumber'
import { DEMO_ID_CARD } from '../../kiosk/src/devices/simulated'
import { buildSteps } from '../../kiosk/src/machines/serviceFlowMachine'
import type { ServiceItemInput } from '../../services-catalog/src/schema'
import { startFlow } from '../fixtures/node/kiosk/flowActor'
import { flush } from '../fixtures/node/kiosk/harness'
import { parseItem, payItem, printItem } from '../fixtures/node/kiosk/sampleCatalog'

const OTHER = `44010619900315002${idCheckChar('44010619900315002')}`
const familyPrint: ServiceItemInput = { ...printItem, servedFor: ['本人', '家人', '他人'] }
const familyPay: ServiceItemInput = { ...payItem, servedFor: ['本人', '家人'] }

/** Notice agreed and the demo card read: the flow stands on 为谁办理. */
async function atServedFor(input: ServiceItemInput) {
  const f = startFlow(input)
  const kind = () => f.step()?.kind
  f.actor.send({ type: 'step.next' })
  f.actor.send({ type: 'card.swipe' })
  await flush()
  expect(kind()).toBe('servedFor')
  expect(f.ctx().servedFor).toBe('本人')
  return { ...f, kind }
}

describe('为谁办理 in the flow', () => {
  it('asks only for items that serve more than 本人, right after identification', () => {
    expect(buildSteps(parseItem(printItem)).map((s) => s.kind)).toEqual(['notice', 'identify', 'confirm'])
    expect(buildSteps(parseItem(familyPrint)).map((s) => s.kind)).toEqual([
      'notice',
      'identify',
      'servedFor',
      'confirm',
    ])
    // 家庭缴费 ticks its members after the form.
    expect(buildSteps(parseItem(familyPay), '家人').map((s) => s.kind)).toEqual([
      'notice',
      'identify',
      'servedFor',
      'family',
      'confirm',
    ])
  })

  it('本人 goes on as before: the record has no agent', async () => {
    const f = await atServedFor(familyPrint)
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'flow.submit' })
    await flush()
    const record = f.bridge.submissions[0]!
    expect(record.subject?.idNumber).toBe(DEMO_ID_CARD.idNumber)
    expect(record.agent).toBeUndefined()
    expect(record.servedFor).toBeUndefined()
  })

  it('家人: asks the register, needs one member (not the resident), and the record names it by handle', async () => {
    const f = await atServedFor(familyPrint)
    f.actor.send({ type: 'servedFor.choose', servedFor: '家人' })
    await flush()
    expect(f.ctx().household?.map((m) => m.handle)).toEqual(['h-self', 'h-spouse', 'h-father'])
    f.actor.send({ type: 'step.next' })
    expect(f.ctx().error).toEqual({ code: 'member' })
    f.actor.send({ type: 'member.toggle', handle: 'h-father' })
    f.actor.send({ type: 'member.toggle', handle: 'h-spouse' })
    expect(f.ctx().members).toEqual(['h-spouse'])
    f.actor.send({ type: 'step.next' })
    expect(f.kind()).toBe('confirm')
    f.actor.send({ type: 'flow.submit' })
    await flush()
    const record = f.bridge.submissions[0]!
    expect(record).toMatchObject({
      servedFor: '家人',
      member: 'h-spouse',
      agent: { idNumber: DEMO_ID_CARD.idNumber, name: DEMO_ID_CARD.name },
    })
    expect(record.subject).toBeUndefined()
  })

  it('他人 asks the agent for the 委托书 as required; 本人 leaves it optional as the catalog lists it', async () => {
    const mandate = {
      name: { zh: '授权委托书', en: 'Power of attorney' },
      required: false,
      form: '电子' as const,
    }
    const f = await atServedFor({ ...familyPrint, materials: [mandate] })
    const required = () => f.ctx().item.materials.map((m) => m.required)
    expect(required()).toEqual([false])
    f.actor.send({ type: 'servedFor.choose', servedFor: '他人' })
    expect(required()).toEqual([true])
    f.actor.send({ type: 'servedFor.choose', servedFor: '本人' })
    expect(required()).toEqual([false])
    expect(f.ctx().catalogItem.materials[0]?.required).toBe(false)
  })

  it('a new identity forgets the household and the choice made for the previous one', async () => {
    const f = await atServedFor(familyPrint)
    f.actor.send({ type: 'servedFor.choose', servedFor: '家人' })
    await flush()
    f.actor.send({ type: 'member.toggle', handle: 'h-spouse' })
    f.actor.send({ type: 'nav.back' })
    f.actor.send({ type: 'id.input', value: OTHER })
    expect(f.ctx()).toMatchObject({ servedFor: '本人', household: null, members: [] })
  })

  it('他人: a wrong check digit, the agent’s own number and no relationship are refused; then agent and subject', async () => {
    const f = await atServedFor(familyPrint)
    f.actor.send({ type: 'servedFor.choose', servedFor: '他人' })
    f.actor.send({ type: 'other.input', value: `${OTHER.slice(0, 17)}${OTHER.endsWith('1') ? '2' : '1'}` })
    f.actor.send({ type: 'relationship.choose', relationship: '子女' })
    f.actor.send({ type: 'step.next' })
    expect(f.ctx().error).toEqual({ code: 'idCheck' })
    f.actor.send({ type: 'other.input', value: DEMO_ID_CARD.idNumber })
    f.actor.send({ type: 'step.next' })
    expect(f.ctx().error).toEqual({ code: 'otherSelf' })
    f.actor.send({ type: 'servedFor.choose', servedFor: '他人' })
    f.actor.send({ type: 'other.input', value: OTHER })
    f.actor.send({ type: 'step.next' })
    expect(f.ctx().error).toEqual({ code: 'relationship' })
    f.actor.send({ type: 'relationship.choose', relationship: '父母' })
    f.actor.send({ type: 'step.next' })
    expect(f.kind()).toBe('confirm')
    f.actor.send({ type: 'flow.submit' })
    await flush()
    expect(f.bridge.submissions[0]).toMatchObject({
      servedFor: '他人',
      relationship: '父母',
      subject: { idNumber: OTHER },
      agent: { idNumber: DEMO_ID_CARD.idNumber },
    })
  })

  it('家庭缴费: ticks members with their amounts after the form, and one order names them', async () => {
    const f = await atServedFor(familyPay)
    f.actor.send({ type: 'servedFor.choose', servedFor: '家人' })
    f.actor.send({ type: 'step.next' })
    expect(f.kind()).toBe('family')
    await flush()
    expect(f.ctx().household?.every((m) => m.amountFen === 40_000)).toBe(true)
    f.actor.send({ type: 'step.next' })
    expect(f.ctx().error).toEqual({ code: 'member' })
    for (const handle of ['h-self', 'h-father', 'h-spouse', 'h-self'])
      f.actor.send({ type: 'member.toggle', handle })
    expect(f.ctx().members).toEqual(['h-father', 'h-spouse'])
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'flow.submit' })
    await flush()
    f.actor.send({ type: 'pay.method', method: 'wechat' })
    await flush()
    expect(f.devices.orders[0]?.household).toEqual({
      idNumber: DEMO_ID_CARD.idNumber,
      members: ['h-father', 'h-spouse'],
    })
    expect(f.bridge.submissions[0]).toMatchObject({
      servedFor: '家人',
      agent: { idNumber: DEMO_ID_CARD.idNumber },
      subject: { idNumber: DEMO_ID_CARD.idNumber },
    })
  })
})
