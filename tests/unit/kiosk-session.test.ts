import { describe, expect, it } from 'vitest'
import type { ActorRefFrom } from 'xstate'
import type { ServiceFlowMachine } from '../../kiosk/src/machines/serviceFlowMachine'
import { flush, startSession } from '../fixtures/node/kiosk/harness'
import { sampleCatalog } from '../fixtures/node/kiosk/sampleCatalog'

const screen = (actor: ReturnType<typeof startSession>['actor']) => {
  const value = actor.getSnapshot().value
  if (typeof value === 'string') return value
  if ('attract' in value) return 'attract'
  const active = (value as { active?: { screen: string | Record<string, unknown> } }).active
  if (!active) return JSON.stringify(value)
  // A screen that waits for its child machine's module (flow, 办件进度查询) has sub-states.
  return `active.${typeof active.screen === 'string' ? active.screen : Object.keys(active.screen)[0]}`
}
/** Starts a visit and opens the flow of item `code` from home. */
function openFlow(s: ReturnType<typeof startSession>, code: string) {
  s.actor.send({ type: 'session.start' })
  s.actor.send({ type: 'item.open', code })
  s.actor.send({ type: 'flow.start' })
}
const metrics = (s: ReturnType<typeof startSession>) =>
  s.bridge.counts.map((c) => `${c.itemCode}:${c.metric}`)
/** A session a resident has started: on the home screen. */
const started = () => {
  const s = startSession()
  s.actor.send({ type: 'session.start' })
  return s
}
/** A started session inside the flow of item `code` (guide → 开始办理). */
const inFlow = (code: string) => {
  const s = startSession()
  openFlow(s, code)
  return s
}
/** Whether the idle watch is in the given state. */
const idleIs = (s: ReturnType<typeof startSession>, state: 'watching' | 'warning' | 'suspended') =>
  s.actor.getSnapshot().matches({ active: { idle: state } })

describe('kiosk session machine', () => {
  it('starts a session, counts it and captures the catalog version', () => {
    const s = startSession()
    expect(screen(s.actor)).toBe('attract')
    s.actor.send({ type: 'session.start' })
    expect(screen(s.actor)).toBe('active.home')
    expect(s.actor.getSnapshot().context.catalog?.version).toBe(3)
    expect(metrics(s)).toEqual([':sessions'])
    // a newer catalog arriving mid-session does not change the session's version
    s.bridge.publish({ ...s.bridge.catalog!, version: 4 })
    s.actor.send({ type: 'dept.open', code: 'renshe' })
    expect(s.actor.getSnapshot().context.catalog?.version).toBe(3)
  })

  it('does not start without a catalog', () => {
    const s = startSession({ catalog: null })
    s.actor.send({ type: 'session.start' })
    expect(screen(s.actor)).toBe('attract')
  })

  it('shows the idle dialog after 60 s, counts down 20 s and resets to attract', () => {
    const s = started()
    s.actor.send({ type: 'lang.set', lang: 'en' })
    s.actor.send({ type: 'dept.open', code: 'gongan' })
    s.advance(59_000)
    expect(idleIs(s, 'watching')).toBe(true)
    s.actor.send({ type: 'user.activity' })
    s.advance(59_000)
    expect(idleIs(s, 'watching')).toBe(true)
    s.advance(1_000)
    expect(idleIs(s, 'warning')).toBe(true)
    expect(s.actor.getSnapshot().context.countdown).toBe(20)
    s.advance(5_000)
    expect(s.actor.getSnapshot().context.countdown).toBe(15)
    s.advance(15_000)
    expect(screen(s.actor)).toBe('attract')
    const ctx = s.actor.getSnapshot().context
    expect(ctx.lang).toBe('zh')
    expect(ctx.departmentCode).toBeNull()
    expect(ctx.sessionId).toBe('')
    expect(ctx.catalog).toBeNull()
  })

  it('continue keeps the session and restarts the idle timer', () => {
    const s = started()
    s.advance(60_000 + 10_000)
    expect(idleIs(s, 'warning')).toBe(true)
    s.actor.send({ type: 'idle.continue' })
    expect(idleIs(s, 'watching')).toBe(true)
    s.advance(59_999)
    expect(screen(s.actor)).toBe('active.home')
  })

  it('suspends the idle reset while a 帮办 call rings or is connected, and starts a fresh wait when it ends', () => {
    const s = started()
    s.advance(60_000 + 5_000)
    expect(idleIs(s, 'warning')).toBe(true)
    s.actor.send({ type: 'help.started' })
    expect(idleIs(s, 'suspended')).toBe(true)
    s.advance(600_000)
    s.actor.send({ type: 'elder.toggle' })
    s.advance(600_000)
    expect(idleIs(s, 'suspended')).toBe(true)
    expect(screen(s.actor)).toBe('active.home')
    s.actor.send({ type: 'help.ended' })
    expect(idleIs(s, 'watching')).toBe(true)
    s.advance(119_999)
    expect(idleIs(s, 'watching')).toBe(true)
    s.advance(1 + 20_000)
    expect(screen(s.actor)).toBe('attract')
  })

  it('suspends the idle reset while a payment waits for the gateway, so a paid order never loses its record', () => {
    const s = startSession()
    openFlow(s, 'F-INSUR-001')
    expect(screen(s.actor)).toBe('active.flow')
    s.actor.send({ type: 'pay.waiting' })
    expect(idleIs(s, 'suspended')).toBe(true)
    expect(screen(s.actor)).toBe('active.flow')
    s.advance(300_000)
    expect(screen(s.actor)).toBe('active.flow')
    s.actor.send({ type: 'pay.settled' })
    expect(idleIs(s, 'watching')).toBe(true)
    s.advance(60_000 + 20_000)
    expect(screen(s.actor)).toBe('attract')
  })

  it('keeps the resident where they are in a flow when elder mode is switched or a 帮办 call starts', () => {
    const s = startSession()
    openFlow(s, 'F-INSUR-001')
    const flow = () => s.actor.getSnapshot().children.flow as ActorRefFrom<ServiceFlowMachine> | undefined
    flow()?.send({ type: 'step.next' })
    const step = flow()?.getSnapshot().context.stepIndex
    expect(step).toBeGreaterThan(0)
    s.actor.send({ type: 'elder.toggle' })
    expect(screen(s.actor)).toBe('active.flow')
    expect(s.actor.getSnapshot().context.elder).toBe(true)
    expect(flow()?.getSnapshot().context.stepIndex).toBe(step)
    s.actor.send({ type: 'help.started' })
    expect(idleIs(s, 'suspended')).toBe(true)
    expect(screen(s.actor)).toBe('active.flow')
    expect(flow()?.getSnapshot().context.stepIndex).toBe(step)
    s.actor.send({ type: 'elder.toggle' })
    expect([screen(s.actor), idleIs(s, 'suspended')]).toEqual(['active.flow', true])
    expect(flow()?.getSnapshot().context.stepIndex).toBe(step)
  })

  it('uses 120 s in elder mode and resets elder mode at the end', () => {
    const s = started()
    s.actor.send({ type: 'elder.toggle' })
    s.advance(100_000)
    expect(idleIs(s, 'watching')).toBe(true)
    s.advance(20_000)
    expect(idleIs(s, 'warning')).toBe(true)
    s.advance(20_000)
    expect(screen(s.actor)).toBe('attract')
    expect(s.actor.getSnapshot().context.elder).toBe(false)
  })

  it('counts an abandon when the idle reset happens during a flow', async () => {
    const s = inFlow('P-HUJI-001')
    expect(screen(s.actor)).toBe('active.flow')
    s.advance(80_000)
    expect(screen(s.actor)).toBe('attract')
    expect(metrics(s)).toEqual([':sessions', 'P-HUJI-001:views', 'P-HUJI-001:starts', 'P-HUJI-001:abandons'])
    expect(s.actor.getSnapshot().children.flow).toBeUndefined()
  })

  it('blocks online-only items while offline but lets queueable ones start', () => {
    const s = startSession()
    s.bridge.setOnline(false)
    openFlow(s, 'Q-HOSP-001')
    expect(screen(s.actor)).toBe('active.guide')
    expect(s.actor.getSnapshot().context.blocked).toBe(true)
    s.actor.send({ type: 'nav.back' })
    s.actor.send({ type: 'item.open', code: 'A-PENSION-01' })
    expect(s.actor.getSnapshot().context.blocked).toBe(false)
    s.actor.send({ type: 'flow.start' })
    expect(screen(s.actor)).toBe('active.flow')
  })

  it('blocks a 缴费 while offline even when its catalog entry says 可离线: a payment needs the network', () => {
    const catalog = sampleCatalog()
    catalog.items = catalog.items.map((i) => (i.code === 'F-INSUR-001' ? { ...i, network: '可离线' } : i))
    const s = startSession({ catalog })
    s.bridge.setOnline(false)
    openFlow(s, 'F-INSUR-001')
    expect(screen(s.actor)).toBe('active.guide')
    expect(s.actor.getSnapshot().context.blocked).toBe(true)
    s.bridge.setOnline(true)
    s.actor.send({ type: 'flow.start' })
    expect(screen(s.actor)).toBe('active.flow')
  })

  it('back from the guide returns to where it was opened', () => {
    const s = started()
    s.actor.send({ type: 'dept.open', code: 'renshe' })
    s.actor.send({ type: 'item.open', code: 'F-INSUR-001' })
    s.actor.send({ type: 'nav.back' })
    expect(screen(s.actor)).toBe('active.department')
    s.actor.send({ type: 'nav.back' })
    s.actor.send({ type: 'search.open' })
    s.actor.send({ type: 'search.query', text: 'hy' })
    s.actor.send({ type: 'item.open', code: 'B-MARRY-001' })
    s.actor.send({ type: 'nav.back' })
    expect(screen(s.actor)).toBe('active.search')
    expect(s.actor.getSnapshot().context.query).toBe('hy')
    s.actor.send({ type: 'nav.home' })
    expect(screen(s.actor)).toBe('active.home')
  })

  it('runs the thin path: query item → result → rating → thanks → attract', async () => {
    const s = inFlow('Q-HOSP-001')
    const flow = () => s.actor.getSnapshot().children.flow!
    flow().send({ type: 'step.next' })
    flow().send({ type: 'flow.submit' })
    await flush()
    expect(screen(s.actor)).toBe('active.rating')
    expect(s.actor.getSnapshot().context.result?.outcome.state).toBe('done')
    s.actor.send({ type: 'rating.give', level: 5 })
    s.actor.send({ type: 'rating.give', level: 1 })
    expect(screen(s.actor)).toBe('active.thanks')
    expect(metrics(s)).toEqual([
      ':sessions',
      'Q-HOSP-001:views',
      'Q-HOSP-001:starts',
      'Q-HOSP-001:completions',
      'Q-HOSP-001:rating5',
    ])
    s.actor.send({ type: 'session.finish' })
    expect(screen(s.actor)).toBe('attract')
    expect(s.actor.getSnapshot().context.result).toBeNull()
  })

  it('cancel confirmed inside the flow goes home and counts an abandon', () => {
    const s = inFlow('Q-HOSP-001')
    s.actor.getSnapshot().children.flow!.send({ type: 'flow.cancel' })
    s.actor.getSnapshot().children.flow!.send({ type: 'cancel.confirm' })
    expect(screen(s.actor)).toBe('active.home')
    expect(metrics(s).at(-1)).toBe('Q-HOSP-001:abandons')
  })

  it('back on the first flow step returns to the guide without an abandon', () => {
    const s = inFlow('Q-HOSP-001')
    s.actor.getSnapshot().children.flow!.send({ type: 'nav.back' })
    expect(screen(s.actor)).toBe('active.guide')
    expect(metrics(s)).toEqual([':sessions', 'Q-HOSP-001:views', 'Q-HOSP-001:starts'])
  })

  it('an idle reset after the result is not an abandon, and drops the result', async () => {
    const s = inFlow('Q-HOSP-001')
    s.actor.getSnapshot().children.flow!.send({ type: 'step.next' })
    s.actor.getSnapshot().children.flow!.send({ type: 'flow.submit' })
    await flush()
    expect(screen(s.actor)).toBe('active.rating')
    s.advance(80_000)
    expect(screen(s.actor)).toBe('attract')
    expect(metrics(s)).not.toContain('Q-HOSP-001:abandons')
    expect(s.actor.getSnapshot().context.result).toBeNull()
    expect(s.actor.getSnapshot().context.itemCode).toBeNull()
  })

  it('applies a waiting update only at attract', () => {
    const s = started()
    s.bridge.waiting = true
    s.advance(30_000)
    expect(s.bridge.applied).toBe(0)
    s.advance(50_000)
    expect(screen(s.actor)).toBe('attract')
    expect(s.bridge.applied).toBeGreaterThanOrEqual(1)
  })
})

describe('thanks screen', () => {
  it('returns to attract by itself after 10 s', async () => {
    const s = inFlow('Q-HOSP-001')
    s.actor.getSnapshot().children.flow!.send({ type: 'step.next' })
    s.actor.getSnapshot().children.flow!.send({ type: 'flow.submit' })
    await flush()
    s.actor.send({ type: 'rating.skip' })
    expect(screen(s.actor)).toBe('active.thanks')
    s.advance(9_999)
    expect(screen(s.actor)).toBe('active.thanks')
    s.advance(1)
    expect(screen(s.actor)).toBe('attract')
    expect(metrics(s).some((m) => m.includes('rating'))).toBe(false)
  })
})
