/** The row types of 办件 (cases) and their follow-ups, shared by every storage implementation. */
import { endOfShanghaiDay } from '../cases/deadline'
import type { CaseChannel, CaseEvent, FollowUp, OpsCase } from '../contract'

/** A case row as the rest of the case module uses it. */
export interface CaseRow extends OpsCase {
  /** Keyed hash of the resident's ID number (never sent). */
  subjectHash: string | null
  /** Idempotency key of the rating (never sent). */
  ratingKey: string | null
}

/** What opening a case writes. */
export interface NewCase
  extends Omit<CaseRow, 'status' | 'finishedAt' | 'rating' | 'ratedAt' | 'ratingKey' | 'channel'> {
  /** Omitted: 自助终端 (TERMINAL_CHANNEL), a terminal's case. */
  channel?: CaseChannel
  /** 代办: keyed hash of the agent's ID number (the same hash as `subjectHash`); omitted when served for 本人. */
  agentHash?: string | null
  /** The simulated department's planned history (terminal cases); empty when the channel's system reports it. */
  plan: CaseEvent[]
}

/** A 差评整改 follow-up. */
export type FollowUpRow = FollowUp

/**
 * What an ops action makes of a follow-up, decided on the row read in the same unit of work
 * (`CaseStorage.changeFollowUp`): new contact, rectification and outcome, or closing it.
 */
export type FollowUpChange =
  | {
      kind: 'update'
      row: Pick<FollowUpRow, 'contactedAt' | 'contactNote' | 'rectification' | 'outcome' | 'updatedBy'>
    }
  | { kind: 'close'; at: string; by: string }

/** The districts a supervision read covers: the one rule is db/districtScope.ts. */
export type { Districts } from './districtScope'

/**
 * Cases accepted in a period counted by district, channel and rating level (null: not rated): what 好差评 is
 * figured from.
 */
export interface RatingCount {
  districtCode: string
  channel: CaseChannel
  rating: number | null
  cases: number
}

/**
 * What follows a due day in the UTC ISO text of the instant it ends (24:00 Asia/Shanghai, deadline.ts): a case
 * whose `finished_at` text is at least `due_day || DUE_DAY_END_UTC` finished after its due day, so the stores
 * compare the stored texts and leave the on-time majority of cases in the database.
 */
export const DUE_DAY_END_UTC = endOfShanghaiDay('2000-01-01').slice('2000-01-01'.length)
