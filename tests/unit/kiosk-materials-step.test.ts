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

describe('用手机拍照上传 on the materials step', () => {
  const PHOTO = { contentHash: 'aa11', mediaType: 'image/jpeg' as const, bytes: 300_000 }
  const KEY = '0190a1b2-c3d4-7e5f-8a9b-00000000abcd'

  /** A flow whose phone watcher is a stand-in: what it was started with, what it was told, whether it stopped. */
  function withWatcher() {
    const seen = { inputs: [] as unknown[], commands: [] as unknown[], stopped: 0 }
    let sendBack: Parameters<FlowDeps['watchPhoneUpload']>[1] = () => {}
    const f = startFlow({
      watchPhoneUpload: (input, back, receive) => {
        seen.inputs.push(input)
        sendBack = back
        receive((command) => seen.commands.push(command))
        return () => {
          seen.stopped += 1
        }
      },
    })
    return { f, seen, back: (event: Parameters<typeof sendBack>[0]) => sendBack(event) }
  }

  it('lists the phone’s photos per material, replaces a capture with them, and sends the record under the session’s key', async () => {
    const { f, seen, back } = withWatcher()
    await toMaterials(f)
    f.actor.send({ type: 'material.capture', material: '家庭收入证明' })
    await flush()
    f.actor.send({ type: 'phone.start' })
    expect(seen.inputs).toEqual([{ itemCode: 'ZJ-SB-0001', recordKey: null }])
    expect(f.ctx().phoneUpload?.state).toBe('starting')
    // A second tap while it starts starts nothing more.
    f.actor.send({ type: 'phone.start' })
    expect(seen.inputs).toHaveLength(1)
    back({
      type: 'phone.started',
      recordKey: KEY,
      url: 'https://x.example/m/#u=t',
      expiresAt: '2026-12-06T12:10:00Z',
    })
    expect(f.ctx().phoneUpload).toMatchObject({ recordKey: KEY, state: 'open', opened: false })
    const image = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' })
    back({
      type: 'phone.photos',
      answer: {
        opened: true,
        state: 'open',
        photos: [
          { ...PHOTO, material: '家庭收入证明' },
          { ...PHOTO, contentHash: 'bb22', material: '家庭收入证明' },
        ],
      },
      images: { aa11: image },
    })
    const income = f.ctx().materials.家庭收入证明
    expect(income?.via).toBe('phone')
    expect(income?.via === 'phone' && income.photos.map((p) => [p.contentHash, p.image])).toEqual([
      ['aa11', image],
      ['bb22', null],
    ])
    // The 电子证照 stays whatever the phone sends for it.
    back({
      type: 'phone.photos',
      answer: { opened: true, state: 'open', photos: [{ ...PHOTO, material: '家庭成员户口簿' }] },
      images: {},
    })
    expect(f.ctx().materials.家庭成员户口簿?.via).toBe('licence')
    expect(f.ctx().materials.家庭收入证明).toBeUndefined()
    back({
      type: 'phone.photos',
      answer: { opened: true, state: 'open', photos: [{ ...PHOTO, material: '家庭收入证明' }] },
      images: {},
    })
    f.actor.send({ type: 'phone.remove', contentHash: 'aa11' })
    expect(seen.commands).toEqual([{ type: 'phone.remove', contentHash: 'aa11' }])

    f.actor.send({ type: 'step.next' })
    f.actor.send({ type: 'flow.submit' })
    await flush()
    // Submitting ends the session; the record goes under its key with the 电子证照 it reused, and no capture to
    // upload (the phone's photo is on the backend already).
    expect(seen.stopped).toBe(1)
    expect(f.submitted[0]!.key).toBe(KEY)
    expect(f.submitted[0]!.materials).toEqual([{ material: '家庭成员户口簿', licence: '居民户口簿' }])
  })

  it('makes a new code after one expired for the same record, and the flow’s end stops the watcher', async () => {
    const { f, seen, back } = withWatcher()
    await toMaterials(f)
    f.actor.send({ type: 'phone.start' })
    back({ type: 'phone.started', recordKey: KEY, url: 'u', expiresAt: 'e' })
    back({ type: 'phone.photos', answer: { opened: true, state: 'expired', photos: [] }, images: {} })
    f.actor.send({ type: 'phone.start' })
    expect(seen.stopped).toBe(1)
    expect(seen.inputs).toEqual([
      { itemCode: 'ZJ-SB-0001', recordKey: null },
      { itemCode: 'ZJ-SB-0001', recordKey: KEY },
    ])
    // The idle reset stops the flow: its watcher stops with it (and so ends the session on the backend).
    f.actor.stop()
    expect(seen.stopped).toBe(2)
  })
})
