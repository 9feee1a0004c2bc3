import { describe, expect, it } from 'vitest'
import { hotItems, itemsOfDepartment } from '../../kiosk/src/ui/catalogView'
import { sameSnapshot } from '../../kiosk/src/ui/useActorSnapshot'
import { startSession } from '../fixtures/node/kiosk/harness'

describe('kiosk tap latency: no re-render for touches, no recomputed catalog views', () => {
  it('treats the idle-timer re-entry on a touch as showing nothing new', () => {
    const { actor } = startSession()
    actor.send({ type: 'session.start' })
    const before = actor.getSnapshot()
    actor.send({ type: 'user.activity' })
    const after = actor.getSnapshot()
    expect(sameSnapshot(before, after)).toBe(true)
    // A fresh snapshot object with the same value, context and children shows nothing new either.
    expect(sameSnapshot(before, { ...after, value: structuredClone(after.value) })).toBe(true)
  })

  it('sees a screen change, a context change and a new child actor', () => {
    const { actor } = startSession()
    actor.send({ type: 'session.start' })
    const home = actor.getSnapshot()
    actor.send({ type: 'dept.open', code: 'renshe' })
    const department = actor.getSnapshot()
    expect(sameSnapshot(home, department)).toBe(false)
    actor.send({ type: 'elder.toggle' })
    expect(sameSnapshot(department, actor.getSnapshot())).toBe(false)
    const ref = {}
    expect(sameSnapshot({ value: 'a', children: {} }, { value: 'a', children: { flow: ref } })).toBe(false)
    expect(
      sameSnapshot({ value: 'a', children: { flow: ref } }, { value: 'a', children: { flow: {} } }),
    ).toBe(false)
    expect(sameSnapshot({ value: { a: 'x' } }, { value: { a: 'y' } })).toBe(false)
  })

  it('computes department and hot-item lists once per catalog, in sort order', () => {
    const { actor } = startSession()
    actor.send({ type: 'session.start' })
    const catalog = actor.getSnapshot().context.catalog
    if (!catalog) throw new Error('session has no catalog')
    const items = itemsOfDepartment(catalog, 'renshe')
    expect(items.length).toBeGreaterThan(0)
    expect(itemsOfDepartment(catalog, 'renshe')).toBe(items)
    expect(items.every((i) => i.department === 'renshe' && i.status === '有效')).toBe(true)
    const sorts = items.map((i) => i.sort)
    expect(sorts).toEqual([...sorts].sort((a, b) => a - b))
    expect(hotItems(catalog)).toBe(hotItems(catalog))
    // A new catalog object (a new published version) gets fresh views.
    const next = { ...catalog, items: catalog.items.filter((i) => i.department !== 'renshe') }
    expect(itemsOfDepartment(next, 'renshe')).toEqual([])
  })
})
