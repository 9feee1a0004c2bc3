import { describe, expect, it, vi } from 'vitest'
import { type ActorRefFrom, createActor, fromPromise, waitFor } from 'xstate'
import { DEMO_ID_CARD } from '../../kiosk/src/devices/simulated'
import type { CaseLookupDeps, CaseLookupMachine } from '../../kiosk/src/machines/caseLookupMachine'
import type { FlowResult, ServiceFlowMachine } from '../../kiosk/src/machines/serviceFlowMachine'
import type { CaseLookup, CaseView } from '../../kiosk/src/sync/terminalBridge'
import { provideCaseLookup } from '../../kiosk/src/ui/sessionActors'
import { provideSession, startSessionActor } from '../../kiosk/src/ui/wiring'
import { createFakeBridge, demoResult } from '../fixtures/node/kiosk/fakeBridge'
import { instantFlowDeps, instantSessionDeps } from '../fixtures/node/kiosk/harness'
import { applyItem, sampleCatalog } from '../fixtures/node/kiosk/sampleCatalog'
import { caseView } from '../fixtures/shared/caseViews'

/** A finished (办结) case of the sample catalog's pension item. */
const view = (over: Partial<CaseView> = {}): CaseView =>
  caseView({
    transactionKey: '00000000-0000-7000-8000-000000000001',
    itemCode: 'A-PENSION-01',
    itemName: { zh: '城乡居民养老保险待遇资格认证', en: 'Pension eligibility check' },
    departmentName: { zh: '人社', en: 'HRSS' },
    status: '办结',
    history: [
      { status: '已受理', at: '2026-11-23T01:00:00.000Z' },
      { status: '办理中', at: '2026-11-23T02:00:00.000Z' },
      { status: '办结', at: '2026-11-25T03:00:00.000Z' },
    ],
    finishedAt: '2026-11-25T03:00:00.000Z',
    ...over,
  })

/** The answer the terminal that took the case gets: it may rate it with no grant. */
const ownCase: CaseLookup = {
  state: 'found',
  cases: [view()],
  ratable: [{ transactionKey: view().transactionKey }],
}

function lookupDeps(answer: CaseLookup = ownCase) {
  const deps = {
    lookupByNumber: vi.fn(async (_n: string) => answer),
    lookupById: vi.fn(async (_id: string) => answer),
    readIdCard: vi.fn(async () => ({ ...DEMO_ID_CARD })),
    rate: vi.fn(async () => 'rated' as const),
    newKey: () => 'rating-key-1',
  } satisfies CaseLookupDeps
  return deps
}

describe('case lookup machine', () => {
  it('types a case number on the keypad (letters and digits only, bounded) and looks it up', async () => {
    const deps = lookupDeps()
    const actor = createActor(provideCaseLookup(deps)).start()
    actor.send({ type: 'lookup.byNumber' })
    for (const key of ['S', 'B', '-', 'a', ...'2026112300001']) actor.send({ type: 'lookup.key', key })
    expect(actor.getSnapshot().context.input).toBe('SB2026112300001')
    actor.send({ type: 'lookup.delete' })
    actor.send({ type: 'lookup.key', key: '1' })
    for (let i = 0; i < 30; i++) actor.send({ type: 'lookup.key', key: '9' })
    expect(actor.getSnapshot().context.input).toHaveLength(20)
    actor.send({ type: 'lookup.clear' })
    actor.send({ type: 'lookup.submit' }) // empty: refused
    expect(actor.getSnapshot().matches('number')).toBe(true)
    for (const key of 'SB2026112300001') actor.send({ type: 'lookup.key', key })
    actor.send({ type: 'lookup.submit' })
    await waitFor(actor, (s) => s.matches('showing'))
    expect(deps.lookupByNumber).toHaveBeenCalledWith('SB2026112300001')
    expect(actor.getSnapshot().context.answer).toMatchObject({ state: 'found' })
  })

  it('rates a finished case once; the machine refuses a second rating of the same case', async () => {
    const deps = lookupDeps()
    const actor = createActor(provideCaseLookup(deps)).start()
    actor.send({ type: 'lookup.byNumber' })
    for (const key of 'SB2026112300001') actor.send({ type: 'lookup.key', key })
    actor.send({ type: 'lookup.submit' })
    await waitFor(actor, (s) => s.matches('showing'))
    const transactionKey = view().transactionKey
    actor.send({ type: 'lookup.rate', transactionKey, level: 2 })
    await waitFor(actor, (s) => s.matches('showing') && s.context.rating?.outcome === 'rated')
    expect(deps.rate).toHaveBeenCalledWith({ transactionKey, level: 2, key: 'rating-key-1' })
    const answer = actor.getSnapshot().context.answer
    expect(answer?.state === 'found' && answer.cases[0]?.rated).toBe(true)
    actor.send({ type: 'lookup.rate', transactionKey, level: 5 })
    expect(actor.getSnapshot().matches('showing')).toBe(true)
    expect(deps.rate).toHaveBeenCalledTimes(1)
  })

  it('refuses to rate a case the answer gives no pass for (a lookup by number on another terminal)', async () => {
    const deps = lookupDeps({ state: 'found', cases: [view()], ratable: [] })
    const actor = createActor(provideCaseLookup(deps)).start()
    actor.send({ type: 'lookup.byNumber' })
    for (const key of 'SB2026112300001') actor.send({ type: 'lookup.key', key })
    actor.send({ type: 'lookup.submit' })
    await waitFor(actor, (s) => s.matches('showing'))
    actor.send({ type: 'lookup.rate', transactionKey: view().transactionKey, level: 4 })
    expect(actor.getSnapshot().matches('showing')).toBe(true)
    expect(deps.rate).not.toHaveBeenCalled()
  })

  it('rates a case found by ID card with the grant of that answer', async () => {
    const transactionKey = view().transactionKey
    const grant = { token: '1764900000000.signature', expiresAt: '2026-11-25T03:15:00.000Z' }
    const deps = lookupDeps({ state: 'found', cases: [view()], ratable: [{ transactionKey, grant }] })
    const actor = createActor(provideCaseLookup(deps)).start()
    actor.send({ type: 'lookup.byId' })
    await waitFor(actor, (s) => s.matches('showing'))
    actor.send({ type: 'lookup.rate', transactionKey, level: 3 })
    await waitFor(actor, (s) => s.context.rating?.outcome === 'rated')
    expect(deps.rate).toHaveBeenCalledWith({
      transactionKey,
      level: 3,
      grant: grant.token,
      key: 'rating-key-1',
    })
  })

  it('looks up by ID card and forgets the ID number once answered', async () => {
    const deps = lookupDeps()
    const actor = createActor(provideCaseLookup(deps)).start()
    actor.send({ type: 'lookup.byId' })
    await waitFor(actor, (s) => s.matches('showing'))
    expect(deps.lookupById).toHaveBeenCalledWith(DEMO_ID_CARD.idNumber)
    expect(JSON.stringify(actor.getSnapshot().context)).not.toContain(DEMO_ID_CARD.idNumber)
  })

  it('offline: answers "offline" with no case data at all', async () => {
    const deps = lookupDeps({ state: 'offline' })
    const actor = createActor(provideCaseLookup(deps)).start()
    actor.send({ type: 'lookup.byNumber' })
    for (const key of 'SB2026112300001') actor.send({ type: 'lookup.key', key })
    actor.send({ type: 'lookup.submit' })
    await waitFor(actor, (s) => s.matches('showing'))
    expect(actor.getSnapshot().context.answer).toEqual({ state: 'offline' })
  })

  it('offline with a recorded status: the answer carries it unchanged, and it cannot be rated', async () => {
    const recorded = { view: view({ status: '办结' }), recordedAt: '2026-11-23T02:05:00.000Z' }
    const deps = lookupDeps({ state: 'offline', lastKnown: [recorded] })
    const actor = createActor(provideCaseLookup(deps)).start()
    actor.send({ type: 'lookup.byNumber' })
    for (const key of 'SB2026112300001') actor.send({ type: 'lookup.key', key })
    actor.send({ type: 'lookup.submit' })
    await waitFor(actor, (s) => s.matches('showing'))
    expect(actor.getSnapshot().context.answer).toEqual({ state: 'offline', lastKnown: [recorded] })
    actor.send({ type: 'lookup.rate', transactionKey: recorded.view.transactionKey, level: 5 })
    expect(actor.getSnapshot().matches('showing')).toBe(true)
    expect(deps.rate).not.toHaveBeenCalled()
  })

  it('a card that cannot be read shows the error and allows another try', async () => {
    const deps = lookupDeps()
    deps.readIdCard.mockRejectedValueOnce(new Error('no card'))
    const actor = createActor(provideCaseLookup(deps)).start()
    actor.send({ type: 'lookup.byId' })
    await waitFor(actor, (s) => s.matches('cardError'))
    actor.send({ type: 'lookup.byId' })
    await waitFor(actor, (s) => s.matches('showing'))
  })
})

describe('session: 办件进度查询 and the end-of-flow case rating', () => {
  function session(result?: FlowResult) {
    const bridge = createFakeBridge(sampleCatalog())
    const lookupCase = vi.fn(async () => ownCase)
    const rateCase = vi.fn(async () => 'rated' as const)
    Object.assign(bridge, { lookupCase, rateCase })
    const { deps } = instantFlowDeps(bridge)
    const sessionDeps = instantSessionDeps(bridge, deps, () => crypto.randomUUID())
    let machine = provideSession(sessionDeps)
    if (result) {
      machine = machine.provide({
        // A flow that completes at once with the given result (the flow itself is tested elsewhere).
        actors: {
          serviceFlow: fromPromise(async () => ({
            outcome: 'completed' as const,
            result,
          })) as unknown as ServiceFlowMachine,
        },
      })
    }
    const actor = startSessionActor(machine, bridge, { actors: sessionDeps.actors })
    actor.send({ type: 'session.start' })
    return { actor, lookupCase, rateCase }
  }

  it('opens the lookup from home; leaving drops everything it learnt', async () => {
    const { actor, lookupCase } = session()
    actor.send({ type: 'cases.open' })
    expect(actor.getSnapshot().matches({ active: { screen: 'caseLookup' } })).toBe(true)
    const child = actor.getSnapshot().children.caseLookup as ActorRefFrom<CaseLookupMachine>
    child.send({ type: 'lookup.byNumber' })
    for (const key of 'SB2026112300001') child.send({ type: 'lookup.key', key })
    child.send({ type: 'lookup.submit' })
    await waitFor(child, (s) => s.matches('showing'))
    expect(lookupCase).toHaveBeenCalledWith('SB2026112300001')
    actor.send({ type: 'nav.home' })
    expect(actor.getSnapshot().matches({ active: { screen: 'home' } })).toBe(true)
    expect(actor.getSnapshot().children.caseLookup).toBeUndefined()
    actor.send({ type: 'cases.open' })
    const again = actor.getSnapshot().children.caseLookup as ActorRefFrom<CaseLookupMachine>
    expect(again.getSnapshot().context.answer).toBeNull()
  })

  const flowResult = (state: 'done' | 'queued'): FlowResult => ({
    itemCode: applyItem.code,
    kind: '申办',
    outcome:
      state === 'done'
        ? { state: 'done', key: 'k-1', result: demoResult('申办') }
        : { state: 'queued', key: 'k-1', localReference: 'L-1' },
    print: 'none',
    printerState: 'ok',
    documentUrl: null,
  })

  it('the rating at the end of a delivered 申办 is stored against its case', async () => {
    const { actor, rateCase } = session(flowResult('done'))
    actor.send({ type: 'item.open', code: applyItem.code })
    actor.send({ type: 'flow.start' })
    await waitFor(actor, (s) => s.matches({ active: { screen: 'rating' } }))
    actor.send({ type: 'rating.give', level: 2 })
    expect(rateCase).toHaveBeenCalledWith(
      expect.objectContaining({ transactionKey: 'k-1', caseNumber: 'GD2026-000123', level: 2 }),
    )
  })

  it('a queued (offline) submission is rated by its transaction key, for the bridge to send after it', async () => {
    const { actor, rateCase } = session(flowResult('queued'))
    actor.send({ type: 'item.open', code: applyItem.code })
    actor.send({ type: 'flow.start' })
    await waitFor(actor, (s) => s.matches({ active: { screen: 'rating' } }))
    actor.send({ type: 'rating.give', level: 5 })
    expect(rateCase).toHaveBeenCalledTimes(1)
    const [rating] = rateCase.mock.calls[0] as unknown as [Record<string, unknown>]
    expect(rating).toMatchObject({ transactionKey: 'k-1', level: 5 })
    // The local reference is not a case number the backend knows.
    expect(rating).not.toHaveProperty('caseNumber')
  })
})
