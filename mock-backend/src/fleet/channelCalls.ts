/**
 * The other channels' side of a fleet run: their system account submits cases, the status changes their
 * departments report, and every channel's ratings through the intake API; an ops account works the 差评整改
 * follow-ups those ratings open. All at the backend's simulated time (the run sets the clock before each call).
 */
import {
  ADMIN_ROUTES,
  INTAKE_BATCH_MAX,
  INTAKE_ROUTES,
  type IntakeCase,
  type IntakeEvent,
  type IntakeRating,
  OPS_ROUTES,
  type StaffRole,
} from '../contract'
import { login, type StaffLink, staffCall } from './staffCalls'
import type { IntakePlan } from './year/channels'

/** The system account the fleet's channels use, and the ops account that closes follow-ups. */
export const FLEET_INTAKE_ACCOUNT = 'fleet-channels'
export const FLEET_OPS_ACCOUNT = 'fleet-ops'

/** What the other channels did in a run. */
export interface ChannelTally {
  cases: number
  finished: number
  ratings: number
  followUpsClosed: number
}

/** Logs in as `username` of `role`: created by the admin if missing, else given a new password (none is kept). */
export async function accountLink(admin: StaffLink, username: string, role: StaffRole): Promise<StaffLink> {
  const existing = (await staffCall(admin, ADMIN_ROUTES.accounts)).some((a) => a.username === username)
  const { password } = existing
    ? await staffCall(admin, ADMIN_ROUTES.resetPassword, { params: { username }, body: {} })
    : await staffCall(admin, ADMIN_ROUTES.createAccount, { body: { username, role } })
  return login(admin, username, password)
}

async function pages<T>(list: readonly T[], send: (page: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < list.length; i += INTAKE_BATCH_MAX) await send(list.slice(i, i + INTAKE_BATCH_MAX))
}

/** The other channels at one moment of simulated time: what they submit and report then. */
export class ChannelDesk {
  /** Planned finishes not yet reported, oldest first once sorted. */
  private pending: IntakePlan[] = []
  /** Follow-ups opened by bad ratings, closed at the next moment (well within their 15 working days). */
  private openFollowUps: number[] = []
  readonly tally: ChannelTally = { cases: 0, finished: 0, ratings: 0, followUpsClosed: 0 }

  constructor(
    private readonly system: StaffLink,
    private readonly ops: StaffLink,
  ) {}

  /** Submits cases the channels accepted since the last moment. */
  async submit(plans: readonly IntakePlan[]): Promise<void> {
    await pages(
      plans.map((p) => p.case),
      async (cases: IntakeCase[]) => {
        await staffCall(this.system, INTAKE_ROUTES.cases, { body: { cases } })
      },
    )
    this.tally.cases += plans.length
    this.pending.push(...plans)
  }

  /** Reports every planned 办结 up to `nowMs`. */
  async finishUpTo(nowMs: number): Promise<void> {
    const due = this.pending.filter((p) => Date.parse(p.finishAt) <= nowMs)
    this.pending = this.pending.filter((p) => Date.parse(p.finishAt) > nowMs)
    await pages(
      due.map((p): IntakeEvent => ({ key: p.case.key, status: '办结', at: p.finishAt })),
      async (events) => {
        await staffCall(this.system, INTAKE_ROUTES.caseEvents, { body: { events } })
      },
    )
    this.tally.finished += due.length
  }

  /** Closes the follow-ups opened before, then sends these ratings (the bad ones open new follow-ups). */
  async rate(ratings: readonly IntakeRating[]): Promise<void> {
    for (const id of this.openFollowUps.splice(0)) await this.closeFollowUp(id)
    await pages(ratings, async (page) => {
      const answer = await staffCall(this.system, INTAKE_ROUTES.ratings, { body: { ratings: page } })
      for (const o of answer.outcomes)
        if (o.followUpId !== null && o.status === 'stored') this.openFollowUps.push(o.followUpId)
    })
    this.tally.ratings += ratings.length
  }

  /** Closes whatever follow-up is still open (the run's closing moment). */
  async closeFollowUps(): Promise<void> {
    for (const id of this.openFollowUps.splice(0)) await this.closeFollowUp(id)
  }

  /** How many yellow cards ops see for the months `from` … `to` (the run's check of its late cases). */
  async yellowCards(from: string, to: string): Promise<number> {
    return (await staffCall(this.ops, OPS_ROUTES.yellowCards, { query: { from, to } })).rows.length
  }

  /** Planned finishes still to report. */
  get unfinished(): number {
    return this.pending.length
  }

  private async closeFollowUp(id: number): Promise<void> {
    const params = { id: String(id) }
    await staffCall(this.ops, OPS_ROUTES.updateFollowUp, {
      params,
      body: {
        contactNote: '已电话回访办事人，了解不满意原因',
        rectification: '窗口已按流程整改并向办事人说明办理结果',
        outcome: '办事人对整改结果表示认可',
      },
    })
    await staffCall(this.ops, OPS_ROUTES.closeFollowUp, { params, body: {} })
    this.tally.followUpsClosed += 1
  }
}
