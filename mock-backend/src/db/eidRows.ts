/**
 * The storage of 电子身份证 codes (store.eid): which token ids have identified, kept until their code expires so a
 * code identifies once on whichever node it is shown (the store is what the nodes share, never a node's memory),
 * and how many codes were accepted or refused per day, district and outcome (ops figures). The code itself, the
 * resident's number and name are never stored here.
 */
import type { EidAttemptRow, EidOutcome } from '../contract/eid'
import type { Districts } from './districtScope'

/** 电子身份证 codes used and attempts counted. */
export interface EidStorage {
  /**
   * Records a code's token id until `expiresAt` (epoch ms): true the first time, false when it was recorded
   * before (a replay), on any node. Ids whose codes expired before `now` are forgotten on the way.
   */
  useOnce(jti: string, expiresAt: number, now: number): Promise<boolean>
  /** Counts one presented code under its outcome. */
  countAttempt(day: string, districtCode: string, outcome: EidOutcome): Promise<void>
  /** The counts of the days from `from` to `to` (inclusive) in `districts` (db/districtScope.ts). */
  attempts(from: string, to: string, districts: Districts): Promise<EidAttemptRow[]>
}
