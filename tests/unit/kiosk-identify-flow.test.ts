/**
 * The identify step with more than the ID card (#17): the identifications the item accepts in a fixed order, the
 * 电子身份证 scanned and verified (a refusal shown by its reason, the resident may scan again), the 社保卡 read then
 * unlocked by its PIN (a wrong PIN with the tries left, a blocked card), and an item identified only by the
 * 电子身份证 scanning as soon as its identify step opens. The devices and the backend are scripted fakes here; the
 * e2e spec kiosk-identify drives the same screens in Chromium against the real backend.
 */
import { describe, expect, it } from 'vitest'
import { createActor } from 'xstate'
import { DEMO_ID_CARD } from '../../kiosk/src/devices/simulated'
import { SocialCardError } from '../../kiosk/src/devices/types'
import { EidError, type FlowDeps, identificationsOf } from '../../kiosk/src/machines/serviceFlowMachine'
import { provideFlow } from '../../kiosk/src/ui/sessionActors'
import type { ServiceItemInput } from '../../services-catalog/src/schema'
import { createFakeBridge } from '../fixtures/node/kiosk/fakeBridge'
import { flush, instantFlowDeps } from '../fixtures/node/kiosk/harness'
import { parseItem, printItem, sampleCatalog } from '../fixtures/node/kiosk/sampleCatalog'

const SESSION = '00000000-0000-7000-8000-000000000002'
const ALL: ServiceItemInput = {
  ...printItem,
  department: 'hrss',
  identity: ['电子身份证', '社保卡', '身份证'],
}

function startFlow(input: ServiceItemInput, override: Partial<FlowDeps> = {}) {
  const bridge = createFakeBridge(sampleCatalog())
  const { deps } = instantFlowDeps(bridge)
  const actor = createActor(provideFlow({ ...deps, ...override }), {
    input: { item: parseItem(input), sessionId: SESSION, catalogVersion: 3 },
  }).start()
  const ctx = () => actor.getSnapshot().context
  const step = () => ctx().steps[ctx().stepIndex]?.kind
  return { actor, ctx, step }
}

describe('the identify step', () => {
  it('offers the identifications in the order 身份证, 社保卡, 电子身份证 and opens on the ID card', async () => {
    expect(identificationsOf(parseItem({ ...ALL, identity: ['人脸', '电子身份证', '身份证'] }))).toEqual([
      '身份证',
      '电子身份证',
    ])
    const f = startFlow(ALL, {
      identifyByEid: async () => {
        throw new EidError('eidNone')
      },
    })
    f.actor.send({ type: 'step.next' })
    await flush()
    expect(f.step()).toBe('identify')
    expect(f.ctx().idMethod).toBe('身份证')
    // No code shown in time: the step says so, and going on without an identification is refused.
    f.actor.send({ type: 'id.method', method: '电子身份证' })
    await flush()
    expect(f.ctx().error).toEqual({ code: 'eidNone' })
    f.actor.send({ type: 'step.next' })
    expect(f.ctx().error).toEqual({ code: 'identifyFirst' })
  })

  it('identifies by a verified 电子身份证 code and moves on with the resident masked as a card read', async () => {
    let scans = 0
    const f = startFlow(ALL, {
      identifyByEid: async () => {
        scans++
        if (scans === 1) throw new EidError('eidReplayed')
        return { ...DEMO_ID_CARD }
      },
    })
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'id.method', method: '电子身份证' })
    await flush()
    expect(f.ctx().error).toEqual({ code: 'eidReplayed' })
    expect(f.step()).toBe('identify')
    f.actor.send({ type: 'eid.scan' })
    await flush()
    expect(f.step()).toBe('confirm')
    expect(f.ctx()).toMatchObject({ idNumber: DEMO_ID_CARD.idNumber, idName: '李明', idFromCard: true })
  })

  it('reads the 社保卡, refuses a short or wrong PIN with the tries left, and identifies with the right one', async () => {
    const pins: (string | undefined)[] = []
    const f = startFlow(ALL, {
      readSocialCard: async (pin) => {
        pins.push(pin)
        if (pin === undefined) return { cardNumber: 'A44160201' }
        if (pin !== '123456') throw new SocialCardError('pinWrong', 2)
        return { cardNumber: 'A44160201', holder: { ...DEMO_ID_CARD } }
      },
    })
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'id.method', method: '社保卡' })
    await flush()
    expect(f.ctx().socialCardNumber).toBe('A44160201')
    f.actor.send({ type: 'pin.input', value: '12345' })
    f.actor.send({ type: 'pin.submit' })
    expect(f.ctx().error).toEqual({ code: 'pinLength' })
    f.actor.send({ type: 'pin.input', value: '654321' })
    f.actor.send({ type: 'pin.submit' })
    await flush()
    expect(f.ctx().error).toEqual({ code: 'pinWrong', tries: 2 })
    expect(f.ctx().pin).toBe('')
    f.actor.send({ type: 'pin.input', value: '123456' })
    f.actor.send({ type: 'pin.submit' })
    await flush()
    expect(f.step()).toBe('confirm')
    expect(f.ctx()).toMatchObject({ idNumber: DEMO_ID_CARD.idNumber, idFromCard: true, pin: '' })
    expect(pins).toEqual([undefined, '654321', '123456'])
  })

  it('says a blocked card is blocked', async () => {
    const f = startFlow(ALL, {
      readSocialCard: async (pin) => {
        if (pin === undefined) return { cardNumber: 'A44160201' }
        throw new SocialCardError('pinBlocked')
      },
    })
    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'id.method', method: '社保卡' })
    await flush()
    f.actor.send({ type: 'pin.input', value: '000000' })
    f.actor.send({ type: 'pin.submit' })
    await flush()
    expect(f.ctx().error).toEqual({ code: 'pinBlocked' })
  })

  it('scans at once when the 电子身份证 is the item’s only identification (a lost card)', async () => {
    let scanning = false
    const f = startFlow(
      { ...printItem, identity: ['电子身份证', '人脸'], hardware: ['扫码器', '摄像头'] },
      {
        identifyByEid: () => {
          scanning = true
          return new Promise(() => {})
        },
      },
    )
    f.actor.send({ type: 'step.next' })
    await flush()
    expect(f.ctx().idMethod).toBe('电子身份证')
    expect(scanning).toBe(true)
    expect(f.actor.getSnapshot().matches({ collecting: 'scanningEid' })).toBe(true)
  })
})
