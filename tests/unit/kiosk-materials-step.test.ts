/**
 * The materials step (申请材料) of the flow machine and its effects: where the step stands, 电子证照 offered first
 * (asked once per identity, dropped when the identity changes), required materials gating the way on, captures
 * and their failures, paper-only materials never collected, and the submit order: every capture uploaded under
 * the record's key before the record is queued, nothing queued when a material could not be sent.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createActor } from 'xstate'
import { idCheckChar } from '../../kiosk/src/devices/idNumber'
import { DEMO_ID_CARD } from '../../kiosk/src/devices/simulated'
import type { Devices } from '../../kiosk/src/devices/types'
import { buildSteps, type FlowDeps } from '../../kiosk/src/machines/serviceFlowMachine'
import type { TerminalBridge } from '../../kiosk/src/sync/terminalBridge'
import { provideFlow } from '../../kiosk/src/ui/sessionActors'
import { createFlowDeps, MaterialStorageFull } from '../../kiosk/src/ui/sessionEffects'
import type { HeldLicence } from '../../mock-backend/src/contract/materials'
import type { ServiceItemInput } from '../../services-catalog/src/schema'
import { createFakeBridge } from '../fixtures/node/kiosk/fakeBridge'
import { flush, instantFlowDeps } from '../fixtures/node/kiosk/harness'
import { parseItem, sampleCatalog } from '../fixtures/node/kiosk/sampleCatalog'

const SESSION = '00000000-0000-7000-8000-000000000001'

/** 公共租赁住房申请's materials, plus a paper-only one: a licence, a capture, an optional, and paper. */
const housingItem: ServiceItemInput = {
  code: 'ZJ-SB-0001',
  name: { zh: '公共租赁住房申请', en: 'Public rental housing application' },
  department: 'renshe',
  kind: '申办',
  identity: ['身份证'],
  guide: {
    summary: { zh: '申请公租房', en: 'Apply' },
    eligibility: { zh: '本市户籍', en: 'Residents' },
    bring: { zh: '身份证', en: 'ID card' },
  },
  network: '可离线',
  materials: [
    { name: { zh: '家庭成员户口簿', en: 'Household register' }, form: '电子', required: true },
    { name: { zh: '家庭收入证明', en: 'Income certificate' }, form: '电子', required: true },
    { name: { zh: '婚姻状况证明', en: 'Marital status certificate' }, form: '电子', required: false },
    { name: { zh: '租赁合同原件', en: 'Original lease' }, form: '纸质', required: true },
  ],
}

const HELD: HeldLicence[] = [
  { material: '家庭成员户口簿', licence: '居民户口簿', maskedNumber: '4416*******3456', issuer: '公安' },
]

function startFlow(over: Partial<FlowDeps> = {}) {
  const bridge = createFakeBridge(sampleCatalog())
  const { deps } = instantFlowDeps(bridge)
  const asked: string[] = []
  const submitted: Parameters<FlowDeps['submit']>[0][] = []
  const flowDeps: FlowDeps = {
    ...deps,
    findLicences: async (idNumber, itemCode) => {
      asked.push(`${idNumber} ${itemCode}`)
      return HELD
    },
    submit: async (submission) => {
      submitted.push(submission)
      return deps.submit(submission)
    },
    ...over,
  }
  const actor = createActor(provideFlow(flowDeps), {
    input: { item: parseItem(housingItem), sessionId: SESSION, catalogVersion: 3 },
  }).start()
  const ctx = () => actor.getSnapshot().context
  const step = () => ctx().steps[ctx().stepIndex]?.kind
  return { actor, ctx, step, asked, submitted }
}

/** Through notice and the demo card to the materials step. */
async function toMaterials(f: ReturnType<typeof startFlow>) {
  f.actor.send({ type: 'step.next' })
  f.actor.send({ type: 'card.swipe' })
  await flush()
  expect(f.step()).toBe('materials')
  await flush()
}

describe('the materials step', () => {
  it('stands after the form, before confirm, only for items that list materials', () => {
    expect(buildSteps(parseItem(housingItem)).map((s) => s.kind)).toEqual([
      'notice',
      'identify',
      'materials',
      'confirm',
    ])
    expect(buildSteps(parseItem({ ...housingItem, materials: [] })).map((s) => s.kind)).not.toContain(
      'materials',
    )
  })

  it('offers the 电子证照 first, gates on the required capture, and submits the capture and the licence reused', async () => {
    const f = startFlow()
    await toMaterials(f)
    expect(f.asked).toEqual([`${DEMO_ID_CARD.idNumber} ZJ-SB-0001`])
    expect(f.ctx().materials).toEqual({
      家庭成员户口簿: { via: 'licence', licence: '居民户口簿', maskedNumber: '4416*******3456' },
    })
    // 家庭收入证明 is required and missing: the way on is closed, with the reason.
    f.actor.send({ type: 'step.next' })
    expect(f.step()).toBe('materials')
    expect(f.ctx().error).toEqual({ code: 'materials' })
    f.actor.send({ type: 'material.capture', material: '家庭收入证明' })
    expect(f.ctx().capturing).toBe('家庭收入证明')
    await flush()
    expect(f.ctx().materials.家庭收入证明?.via).toBe('camera')
    expect(f.ctx().capturing).toBeNull()
    // The optional one may stay out; the paper one is never asked for.
    f.actor.send({ type: 'step.next' })
    expect(f.step()).toBe('confirm')
    f.actor.send({ type: 'flow.submit' })
    await flush()
    expect(f.submitted).toHaveLength(1)
    const sent = f.submitted[0]!.materials ?? []
    expect(sent.map((m) => m.material)).toEqual(['家庭成员户口簿', '家庭收入证明'])
    // The licence goes as its kind (no bytes), the capture as its image.
    expect(sent[0]).toEqual({ material: '家庭成员户口簿', licence: '居民户口簿' })
    const capture = sent[1]!
    expect('image' in capture && capture.image).toBeInstanceOf(Blob)
  })

  it('asks the 电子证照 again for a new identity and drops the previous one’s, keeping captures', async () => {
    const f = startFlow()
    await toMaterials(f)
    f.actor.send({ type: 'material.capture', material: '家庭收入证明' })
    await flush()
    f.actor.send({ type: 'nav.back' })
    expect(f.step()).toBe('identify')
    const other = `44160019900101123${idCheckChar('44160019900101123')}`
    f.actor.send({ type: 'id.input', value: other })
    expect(Object.keys(f.ctx().materials)).toEqual(['家庭收入证明'])
    expect(f.ctx().licences).toBeNull()
    f.actor.send({ type: 'step.next' })
    await flush()
    expect(f.step()).toBe('materials')
    expect(f.asked).toEqual([`${DEMO_ID_CARD.idNumber} ZJ-SB-0001`, `${other} ZJ-SB-0001`])
  })

  it('offers none when the licences cannot be asked (offline), and names a failed capture', async () => {
    const f = startFlow({
      findLicences: async () => {
        throw new Error('offline')
      },
      captureMaterial: async () => {
        throw new Error('no frame')
      },
    })
    await toMaterials(f)
    expect(f.ctx().licences).toEqual([])
    expect(f.ctx().materials).toEqual({})
    f.actor.send({ type: 'material.capture', material: '家庭成员户口簿' })
    await flush()
    expect(f.ctx().error).toEqual({ code: 'capture' })
    expect(f.ctx().materials).toEqual({})
  })

  it('removes an optional capture, and a full terminal says so instead of keeping the capture', async () => {
    let full = false
    const f = startFlow({
      captureMaterial: async () => {
        if (full) throw new MaterialStorageFull('full')
        return new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' })
      },
    })
    await toMaterials(f)
    f.actor.send({ type: 'material.capture', material: '婚姻状况证明' })
    await flush()
    f.actor.send({ type: 'material.remove', material: '婚姻状况证明' })
    expect(f.ctx().materials.婚姻状况证明).toBeUndefined()
    full = true
    f.actor.send({ type: 'material.capture', material: '家庭收入证明' })
    await flush()
    expect(f.ctx().error).toEqual({ code: 'materialsFull' })
    expect(f.ctx().materials.家庭收入证明).toBeUndefined()
    f.actor.send({ type: 'step.next' })
    expect(f.step()).toBe('materials')
  })
})

describe('submitting with materials (sessionEffects)', () => {
  afterEach(() => vi.unstubAllGlobals())

  const image = () => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0xff, 0xd9])], { type: 'image/jpeg' })
  const submission = () => ({
    sessionId: SESSION,
    itemCode: 'ZJ-SB-0001',
    catalogVersion: 3,
    fields: {},
    materials: [
      { material: '家庭收入证明', image: image() },
      { material: '婚姻状况证明', image: image() },
    ],
  })

  function world(capture: () => Promise<Blob> = async () => image()) {
    const queued: unknown[] = []
    const bridge = {
      terminalKey: () => 'terminal-key',
      submit: async (record: unknown) => {
        queued.push(record)
        return { state: 'queued' as const, key: 'k', localReference: 'L' }
      },
    } as unknown as TerminalBridge
    const devices = { documentCamera: { capture } } as unknown as Devices
    return { deps: createFlowDeps(bridge, devices), queued }
  }

  it('queues the captures with the record, as base64, for the sync to upload before it', async () => {
    const { deps, queued } = world()
    expect((await deps.submit(submission())).state).toBe('queued')
    const bytes = btoa(String.fromCharCode(0xff, 0xd8, 0xff, 0x00, 0xff, 0xd9))
    expect(queued).toEqual([
      {
        sessionId: SESSION,
        itemCode: 'ZJ-SB-0001',
        catalogVersion: 3,
        fields: {},
        materials: [
          { material: '家庭收入证明', data: bytes },
          { material: '婚姻状况证明', data: bytes },
        ],
      },
    ])
  })

  it('sends a record without materials as before', async () => {
    const { deps, queued } = world()
    const { materials: _none, ...plain } = submission()
    await deps.submit(plain)
    expect(queued).toEqual([plain])
  })

  it('refuses to keep a capture the storage quota cannot hold, and keeps one it can', async () => {
    vi.stubGlobal('createImageBitmap', async () => ({ width: 100, height: 100, close() {} }))
    vi.stubGlobal('document', {
      createElement: () => ({
        width: 0,
        height: 0,
        getContext: () => ({ drawImage() {} }),
        toBlob: (done: (b: Blob) => void) =>
          done(new Blob([new Uint8Array(300_000)], { type: 'image/jpeg' })),
      }),
    })
    const estimate = { quota: 1_000_000, usage: 500_000 }
    vi.stubGlobal('navigator', { storage: { estimate: async () => estimate } })
    const { deps } = world()
    await expect(deps.captureMaterial()).rejects.toBeInstanceOf(MaterialStorageFull)
    estimate.usage = 0
    expect((await deps.captureMaterial()).size).toBe(300_000)
  })
})
