/**
 * A year of cases for the supervision bench: the fleet's profile `district-2023` (mock-backend/src/fleet/year/),
 * all channels, written in-process into a SQLite DATA_DIR through the backend's own services (createAppDeps), not
 * HTTP: the terminals' transactions and the cases they open (yearSeed.ts), and each day, at the channels' moment,
 * what the fleet's ChannelDesk sends through the intake API — the other channels' cases, the 办结 their departments
 * report, every channel's ratings (ratingOf) and the 差评整改 follow-ups an ops account closes at the next moment —
 * called as the intake routes call them. The state is the year's last evening (`asOf`), which the bench backend's
 * case clock then shows (FAKE_NOW): ops look at 2023 on 2023-12-31.
 */

import { intakeCases, intakeEvents, intakeRatings } from '../../mock-backend/src/cases/intake'
import { loadConfig } from '../../mock-backend/src/config'
import { openDatabase } from '../../mock-backend/src/db/sqlite/open'
import { SqliteStorage } from '../../mock-backend/src/db/sqlite/store'
import type { AppDeps } from '../../mock-backend/src/deps'
import { FLEET_INTAKE_ACCOUNT, FLEET_OPS_ACCOUNT } from '../../mock-backend/src/fleet/channelCalls'
import type { IntakeDay, IntakePlan } from '../../mock-backend/src/fleet/year/channels'
import * as yearChannels from '../../mock-backend/src/fleet/year/channels'
import { district2023, type YearProfile } from '../../mock-backend/src/fleet/year/profile'
import { seed } from '../../mock-backend/src/seed'
import { createAppDeps } from '../../mock-backend/src/server'
import { BENCH_STAFF } from './backendProcess'
import { loadDefaultCatalog } from './benchData'
import { type WrittenYear, writeYear } from './yearSeed'

/** When the fleet's other channels submit and report each day (mock-backend/src/fleet/run.ts CHANNEL_HOUR). */
const CHANNEL_TIME = '23:30:00+08:00'
/** The instant the seeded state is taken at: the profile's last day, after its channels' moment. */
const AS_OF_TIME = '23:45:00+08:00'

/** What the seed wrote, all channels. */
export interface SupervisionYear extends WrittenYear {
  /** The instant the state is taken at (the bench backend's FAKE_NOW). */
  asOf: string
  /** The profile's first and last day. */
  from: string
  to: string
  /** Cases the other channels submitted. */
  intakeCases: number
  /** Their 办结 reported by `asOf`. */
  intakeFinished: number
  ratings: number
  followUpsClosed: number
}

/** The other channels, in-process: ChannelDesk's steps (fleet/channelCalls.ts) through the intake functions. */
class InProcessChannels {
  private readonly days: Generator<IntakeDay>
  private pending: IntakePlan[] = []
  private openFollowUps: number[] = []
  /** Cases of every channel so far: the index ratingOf decides by (terminal cases of a day first, as the fleet). */
  private counted = 0
  readonly tally = { intakeCases: 0, intakeFinished: 0, ratings: 0, followUpsClosed: 0 }

  constructor(
    private readonly deps: AppDeps,
    private readonly profile: YearProfile,
  ) {
    this.days = yearChannels.intakeDays(profile, yearChannels.terminalCaseCount(profile))
  }

  /** The channels' moment of `day`: its intake cases, the finishes due, follow-ups closed, the day's ratings. */
  async day(day: string, terminalCaseKeys: readonly string[]): Promise<void> {
    const next = this.days.next()
    if (next.done || next.value.day !== day) throw new Error(`other channels out of step on ${day}`)
    const plans = next.value.cases
    const at = `${day}T${CHANNEL_TIME}`
    this.deps.clock.set({ at })
    if (plans.length > 0)
      await intakeCases(this.deps, FLEET_INTAKE_ACCOUNT, { cases: plans.map((p) => p.case) })
    this.tally.intakeCases += plans.length
    this.pending.push(...plans)
    await this.finishUpTo(Date.parse(at))
    for (const id of this.openFollowUps.splice(0)) await this.closeFollowUp(id)
    const ratings = [...terminalCaseKeys, ...plans.map((p) => p.case.key)].flatMap((caseKey) => {
      const level = yearChannels.ratingOf(this.profile, this.counted++, caseKey)
      return level === null ? [] : [{ caseKey, level, key: yearChannels.ratingKey(this.profile, caseKey) }]
    })
    if (ratings.length === 0) return
    const answer = await intakeRatings(this.deps, { ratings })
    for (const o of answer.outcomes) if (o.followUpId !== null) this.openFollowUps.push(o.followUpId)
    this.tally.ratings += ratings.length
  }

  /** Reports every planned 办结 up to `nowMs`. */
  async finishUpTo(nowMs: number): Promise<void> {
    const due = this.pending.filter((p) => Date.parse(p.finishAt) <= nowMs)
    if (due.length === 0) return
    this.pending = this.pending.filter((p) => Date.parse(p.finishAt) > nowMs)
    await intakeEvents(this.deps, {
      events: due.map((p) => ({ key: p.case.key, status: '办结' as const, at: p.finishAt })),
    })
    this.tally.intakeFinished += due.length
  }

  private async closeFollowUp(id: number): Promise<void> {
    const patch = {
      contactNote: '已电话回访办事人，了解不满意原因',
      rectification: '窗口已按流程整改并向办事人说明办理结果',
      outcome: '办事人对整改结果表示认可',
    }
    await this.deps.cases.updateFollowUp(id, patch, FLEET_OPS_ACCOUNT)
    await this.deps.cases.closeFollowUp(id, FLEET_OPS_ACCOUNT)
    this.tally.followUpsClosed += 1
  }
}

/** Writes the district's 2023, all channels, into DATA_DIR's SQLite file (terminal ids T-SV-…). */
export async function writeSupervisionYear(dataDir: string): Promise<SupervisionYear> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ADMIN_PASSWORD: BENCH_STAFF.admin.password,
    OPS_PASSWORD: BENCH_STAFF.ops.password,
    // As the fleet runs its backend: only the profile decides which cases finish late (channels.ts).
    CASE_LATE_RATE: '0',
  })
  const db = openDatabase(dataDir)
  try {
    const store = new SqliteStorage(db)
    const deps = await createAppDeps(config, store)
    // The accounts and the default catalog (department names for the cases), as the backend's first start seeds.
    await seed(store, config, deps.logger, deps.fingerprints, deps.now().getTime())
    const profile = district2023(loadDefaultCatalog())
    const channels = new InProcessChannels(deps, profile)
    const written = await writeYear(store, profile, {
      prefix: 'T-SV',
      deps,
      afterDay: (day, caseKeys) => channels.day(day, caseKeys),
    })
    const asOf = `${profile.to}T${AS_OF_TIME}`
    deps.clock.set({ at: asOf })
    // The terminals' departments' planned histories up to that evening, as the first ops request would reveal.
    await deps.cases.refresh()
    return { ...written, ...channels.tally, asOf, from: profile.from, to: profile.to }
  } finally {
    db.close()
  }
}
