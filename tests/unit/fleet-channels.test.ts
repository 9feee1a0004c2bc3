/**
 * The other channels of the year generator, without a backend: the terminals' 申办/预约 transactions and the
 * intake cases make exactly the report's 58,072 cases; the 17 late cases are the report's departments and finish
 * after their due day, every other case within it; ratings and bad ratings are chosen exactly; same seed, same
 * cases. CI time: one pass over the terminals' year (~1.5 s) and the intake year (~0.6 s).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { promisedDeadline } from '../../mock-backend/src/cases/deadline'
import { IntakeCase } from '../../mock-backend/src/contract'
import { chosenEvenly } from '../../mock-backend/src/fleet/year/apportion'
import {
  type IntakePlan,
  intakeDays,
  ratingKey,
  ratingOf,
  terminalCaseCount,
} from '../../mock-backend/src/fleet/year/channels'
import {
  DISTRICT_BAD_RATINGS,
  DISTRICT_CASES,
  DISTRICT_RATINGS,
  DISTRICT_YELLOW_CARDS,
} from '../../mock-backend/src/fleet/year/figures'
import { district2023, readCatalog } from '../../mock-backend/src/fleet/year/profile'
import { shanghaiDay } from '../../mock-backend/src/time'

const profile = district2023(
  readCatalog(join(import.meta.dirname, '../../services-catalog/data/catalog.json')),
)
const items = new Map(profile.items.map((i) => [i.code, i]))

describe('chosenEvenly', () => {
  it('chooses exactly `chosen` of `total`, spread out', () => {
    const picks = (chosen: number, total: number) =>
      Array.from({ length: total }, (_, i) => i).filter((i) => chosenEvenly(i, chosen, total))
    expect(picks(2, 10)).toEqual([4, 9])
    expect(picks(0, 5)).toEqual([])
    expect(picks(5, 5)).toEqual([0, 1, 2, 3, 4])
    expect(() => chosenEvenly(0, 6, 5)).toThrow('chosenEvenly: 6 of 5')
  })
})

describe('the district’s other channels', () => {
  const terminalCases = terminalCaseCount(profile)
  const plans: IntakePlan[] = [...intakeDays(profile, terminalCases)].flatMap((d) => d.cases)

  it('make the report’s cases together with the terminals’ 申办/预约, every intake case valid on the wire', () => {
    expect(terminalCases).toBeGreaterThan(20_000)
    expect(terminalCases + plans.length).toBe(DISTRICT_CASES)
    expect(new Set(plans.map((p) => p.case.key)).size).toBe(plans.length)
    expect(new Set(plans.map((p) => p.case.caseNumber)).size).toBe(plans.length)
    for (const p of plans.slice(0, 500)) expect(IntakeCase.parse(p.case)).toEqual(p.case)
    const channels = new Set(plans.map((p) => p.case.channel))
    expect([...channels].sort()).toEqual(['窗口', '网上'])
  })

  it('finish the report’s late cases after their due day, at its departments, and every other within it', () => {
    const late: Record<string, number> = {}
    for (const p of plans) {
      const item = items.get(p.case.itemCode)!
      const deadline = promisedDeadline(new Date(p.case.acceptedAt), item.timeLimit)
      const finishDay = shanghaiDay(p.finishAt)
      expect(Date.parse(p.finishAt)).toBeGreaterThan(Date.parse(p.case.acceptedAt))
      expect(finishDay > deadline.dueDay).toBe(p.late)
      if (p.late) {
        late[item.department] = (late[item.department] ?? 0) + 1
        // The card (the day after the due day) falls in the year.
        expect(deadline.dueDay < '2023-12-31').toBe(true)
      }
    }
    expect(late).toEqual(DISTRICT_YELLOW_CARDS)
  })

  it('rate exactly the report’s cases, 5 of them badly, the same every run', () => {
    const levels = Array.from({ length: DISTRICT_CASES }, (_, i) => ratingOf(profile, i, `case-${i}`))
    const rated = levels.filter((l) => l !== null)
    expect(rated).toHaveLength(DISTRICT_RATINGS)
    expect(rated.filter((l) => l! <= 2)).toHaveLength(DISTRICT_BAD_RATINGS)
    expect(ratingOf(profile, 7, 'case-7')).toBe(levels[7])
    expect(ratingKey(profile, 'case-1')).toBe(ratingKey(profile, 'case-1'))
    expect(ratingKey(profile, 'case-1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    const again = [...intakeDays(profile, terminalCases)].flatMap((d) => d.cases)
    expect(again.map((p) => p.case.key)).toEqual(plans.map((p) => p.case.key))
  })
})
