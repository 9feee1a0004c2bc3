/**
 * The flow and 办件进度查询 machines load after the first tap (issue 18 item 2): a flow or a lookup opened
 * before their module is there waits for it, a failed load sends the resident home (the flow counted as
 * abandoned) and is tried again next time, and once loaded every later visit starts them at once.
 */
import { describe, expect, it } from 'vitest'
import type { ActorRefFrom } from 'xstate'
import type { ServiceFlowMachine } from '../../kiosk/src/machines/serviceFlowMachine'
import { provideSessionActors } from '../../kiosk/src/ui/sessionActors'
import { type SessionActors, sessionActorsLoader } from '../../kiosk/src/ui/sessionActorsLoader'
import { createCaseLookupDeps } from '../../kiosk/src/ui/sessionEffects'
import { provideSession, startSessionActor } from '../../kiosk/src/ui/wiring'
import { createFakeBridge } from '../fixtures/node/kiosk/fakeBridge'
import { flush, instantFlowDeps } from '../fixtures/node/kiosk/harness'
import { sampleCatalog } from '../fixtures/node/kiosk/sampleCatalog'

/** A session whose child machines load only when the test says so (`arrive`) or fail (`fail`). */
function lazySession() {
  const bridge = createFakeBridge(sampleCatalog())
  const { deps } = instantFlowDeps(bridge)
  const newSessionId = () => crypto.randomUUID()
  const pending: Array<{ resolve: (a: SessionActors) => void; reject: (e: Error) => void }> = []
  let imports = 0
  const actors = sessionActorsLoader(() => {
    imports += 1
    return new Promise<SessionActors>((resolve, reject) => pending.push({ resolve, reject }))
  })
  const machine = provideSession({ bridge, actors, newSessionId, cancelSpeech: () => {} })
  const actor = startSessionActor(machine, bridge, { actors })
  const loaded = provideSessionActors(deps, createCaseLookupDeps(bridge, deps, newSessionId))
  return {
    actor,
    actors,
    bridge,
    imports: () => imports,
    arrive: async () => {
      pending.shift()?.resolve(loaded)
      await flush()
    },
    fail: async () => {
      pending.shift()?.reject(new Error('offline, chunk not cached'))
      await flush()
    },
    metrics: () => bridge.counts.map((c) => `${c.itemCode}:${c.metric}`),
  }
}

const openFlow = (s: ReturnType<typeof lazySession>) => {
  s.actor.send({ type: 'item.open', code: 'Q-HOSP-001' })
  s.actor.send({ type: 'flow.start' })
}

describe('the session waits for its child machines', () => {
  it('a flow opened before the module is there starts once it arrives; the next one starts at once', async () => {
    const s = lazySession()
    s.actor.send({ type: 'session.start' })
    openFlow(s)
    expect(s.actor.getSnapshot().matches({ active: { screen: { flow: 'loading' } } })).toBe(true)
    expect(s.actor.getSnapshot().children.flow).toBeUndefined()
    expect(s.imports()).toBe(1)
    await s.arrive()
    expect(s.actor.getSnapshot().matches({ active: { screen: { flow: 'running' } } })).toBe(true)
    const flow = s.actor.getSnapshot().children.flow as ActorRefFrom<ServiceFlowMachine> | undefined
    expect(flow?.getSnapshot().context.item.code).toBe('Q-HOSP-001')
    s.actor.send({ type: 'nav.home' })
    openFlow(s)
    expect(s.actor.getSnapshot().matches({ active: { screen: { flow: 'running' } } })).toBe(true)
    expect(s.imports()).toBe(1)
  })

  it('a load started elsewhere (the first tap) is heard of, so the flow needs no load of its own', async () => {
    const s = lazySession()
    void s.actors.load()
    await s.arrive()
    expect(s.actor.getSnapshot().context.sessionActorsReady).toBe(true)
    s.actor.send({ type: 'session.start' })
    openFlow(s)
    expect(s.actor.getSnapshot().children.flow).toBeDefined()
    expect(s.imports()).toBe(1)
  })

  it('a failed load sends the resident home with the flow abandoned, and the next flow loads again', async () => {
    const s = lazySession()
    s.actor.send({ type: 'session.start' })
    openFlow(s)
    await s.fail()
    expect(s.actor.getSnapshot().matches({ active: { screen: 'home' } })).toBe(true)
    expect(s.actor.getSnapshot().context.flowActive).toBe(false)
    expect(s.metrics()).toEqual([':sessions', 'Q-HOSP-001:views', 'Q-HOSP-001:starts', 'Q-HOSP-001:abandons'])
    openFlow(s)
    expect(s.imports()).toBe(2)
    await s.arrive()
    expect(s.actor.getSnapshot().children.flow).toBeDefined()
  })

  it('办件进度查询 waits for the module too, and goes home if it cannot load', async () => {
    const s = lazySession()
    s.actor.send({ type: 'session.start' })
    s.actor.send({ type: 'cases.open' })
    expect(s.actor.getSnapshot().matches({ active: { screen: { caseLookup: 'loading' } } })).toBe(true)
    await s.fail()
    expect(s.actor.getSnapshot().matches({ active: { screen: 'home' } })).toBe(true)
    s.actor.send({ type: 'cases.open' })
    await s.arrive()
    expect(s.actor.getSnapshot().matches({ active: { screen: { caseLookup: 'open' } } })).toBe(true)
    expect(s.actor.getSnapshot().children.caseLookup).toBeDefined()
  })

  it('leaving while the module loads leaves no child behind when it arrives', async () => {
    const s = lazySession()
    s.actor.send({ type: 'session.start' })
    s.actor.send({ type: 'cases.open' })
    s.actor.send({ type: 'nav.home' })
    await s.arrive()
    expect(s.actor.getSnapshot().matches({ active: { screen: 'home' } })).toBe(true)
    expect(s.actor.getSnapshot().children.caseLookup).toBeUndefined()
    expect(s.actor.getSnapshot().context.sessionActorsReady).toBe(true)
  })
})
