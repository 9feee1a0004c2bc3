/**
 * SQL of 帮办 call records and call-back tasks (migration 16), beside store.ts as `store.helpDesk`. The purge
 * runs with `secure_delete` on (open.ts) and truncates the WAL after, as the resident-data purge does (retention.ts).
 */
import type Database from 'better-sqlite3'
import type { CallbackOutcome } from '../../contract/helpDeskRules'
import { type Districts, districtJsonPredicate } from '../districtScope'
import type {
  CallbackTaskRef,
  CallbackTaskRow,
  HelpCallRow,
  HelpDeskStorage,
  NewCallbackTask,
} from '../helpDeskRows'

const CALL_COLUMNS =
  'call_id AS callId, terminal_id AS terminalId, district_code AS districtCode, day, started_at AS startedAt, ' +
  'wait_ms AS waitMs, duration_ms AS durationMs, answered, missed_reason AS missedReason, helper, item_code AS itemCode'
const TASK_COLUMNS =
  'key, terminal_id AS terminalId, district_code AS districtCode, item_code AS itemCode, requested_at AS requestedAt, masked_phone AS maskedPhone, ' +
  'phone_sealed AS phoneSealed, taken_by AS takenBy, taken_at AS takenAt, closed_at AS closedAt, outcome'

/** Call records and call-back tasks on SQLite. */
export class HelpDeskStore implements HelpDeskStorage {
  private readonly q
  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql)
    this.q = {
      recordCall: p(
        'INSERT INTO help_calls (call_id, terminal_id, district_code, day, started_at, wait_ms, duration_ms, answered, ' +
          'missed_reason, helper, item_code) VALUES (@callId, @terminalId, @districtCode, @day, @startedAt, @waitMs, ' +
          '@durationMs, @answered, @missedReason, @helper, @itemCode) ON CONFLICT (district_code, call_id) DO NOTHING',
      ),
      // A task key sent again is refused by either key (its district's, or the province-wide key alone).
      addCallback: p(
        'INSERT INTO callback_tasks (district_code, key, terminal_id, item_code, requested_at, masked_phone, ' +
          'phone_sealed) VALUES (@districtCode, @key, @terminalId, @itemCode, @requestedAt, @maskedPhone, ' +
          '@phoneSealed) ON CONFLICT DO NOTHING',
      ),
      callbacks: p(
        `SELECT ${TASK_COLUMNS} FROM callback_tasks WHERE closed_at IS NULL OR closed_at >= ? ORDER BY requested_at DESC, key`,
      ),
      callback: p(`SELECT ${TASK_COLUMNS} FROM callback_tasks WHERE key = ?`),
      take: p(
        'UPDATE callback_tasks SET taken_by = ?, taken_at = ? ' +
          'WHERE district_code = ? AND key = ? AND taken_by IS NULL AND closed_at IS NULL',
      ),
      close: p(
        'UPDATE callback_tasks SET closed_at = ?, outcome = ? ' +
          'WHERE district_code = ? AND key = ? AND taken_by = ? AND closed_at IS NULL',
      ),
      purge: p(
        'UPDATE callback_tasks SET phone_sealed = NULL WHERE phone_sealed IS NOT NULL AND closed_at < ?',
      ),
    }
  }

  async recordCall(call: HelpCallRow): Promise<void> {
    this.q.recordCall.run({ ...call, answered: call.answered ? 1 : 0 })
  }
  async callsBetween(from: string, to: string, districts?: Districts): Promise<HelpCallRow[]> {
    const within = districtJsonPredicate(districts)
    const rows = this.db
      .prepare(
        `SELECT ${CALL_COLUMNS} FROM help_calls WHERE day BETWEEN ? AND ?${within.sql} ORDER BY started_at`,
      )
      .all(from, to, ...within.params) as (Omit<HelpCallRow, 'answered'> & { answered: number })[]
    return rows.map((r) => ({ ...r, answered: r.answered === 1 }))
  }
  async addCallback(task: NewCallbackTask): Promise<boolean> {
    return this.q.addCallback.run(task).changes === 1
  }
  async callbacks(closedSince: string): Promise<CallbackTaskRow[]> {
    return this.q.callbacks.all(closedSince) as CallbackTaskRow[]
  }
  async callback(key: string): Promise<CallbackTaskRow | undefined> {
    return this.q.callback.get(key) as CallbackTaskRow | undefined
  }
  async takeCallback(task: CallbackTaskRef, helper: string, at: string): Promise<boolean> {
    return this.q.take.run(helper, at, task.districtCode, task.key).changes === 1
  }
  async closeCallback(
    task: CallbackTaskRef,
    helper: string,
    outcome: CallbackOutcome,
    at: string,
  ): Promise<boolean> {
    return this.q.close.run(at, outcome, task.districtCode, task.key, helper).changes === 1
  }
  async purgeNumbers(cutoffIso: string): Promise<number> {
    const purged = this.q.purge.run(cutoffIso).changes
    if (purged > 0) this.db.pragma('wal_checkpoint(TRUNCATE)')
    return purged
  }
}
