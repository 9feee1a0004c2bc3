/** 帮办 call records and call-back tasks on PostgreSQL (migrations/0007-help-desk.sql), as db/sqlite/helpDeskStore.ts. */
import type { Sql } from 'postgres'
import type { CallbackOutcome } from '../../contract/helpDeskRules'
import type { Districts } from '../districtScope'
import type {
  CallbackTaskRef,
  CallbackTaskRow,
  HelpCallRow,
  HelpDeskStorage,
  NewCallbackTask,
} from '../helpDeskRows'
import { inDistricts } from './districtSql'

/** Call records and call-back tasks over one pooled `sql`. */
export class PostgresHelpDeskStorage implements HelpDeskStorage {
  constructor(private readonly sql: Sql) {}

  async recordCall(c: HelpCallRow): Promise<void> {
    await this.sql`
      INSERT INTO help_calls (call_id, terminal_id, district_code, day, started_at, wait_ms, duration_ms, answered,
        missed_reason, helper, item_code)
      VALUES (${c.callId}, ${c.terminalId}, ${c.districtCode}, ${c.day}, ${c.startedAt}, ${c.waitMs}, ${c.durationMs},
        ${c.answered}, ${c.missedReason}, ${c.helper}, ${c.itemCode})
      ON CONFLICT (district_code, call_id) DO NOTHING`
  }
  async callsBetween(from: string, to: string, districts?: Districts): Promise<HelpCallRow[]> {
    return this.sql<HelpCallRow[]>`
      SELECT call_id, terminal_id, district_code, day, started_at, wait_ms, duration_ms, answered, missed_reason,
        helper, item_code
      FROM help_calls WHERE day BETWEEN ${from} AND ${to}
        ${inDistricts(this.sql, districts)}
      ORDER BY started_at`
  }
  async addCallback(t: NewCallbackTask): Promise<boolean> {
    const rows = await this.sql`
      INSERT INTO callback_tasks (district_code, key, terminal_id, item_code, requested_at, masked_phone, phone_sealed)
      VALUES (${t.districtCode}, ${t.key}, ${t.terminalId}, ${t.itemCode}, ${t.requestedAt}, ${t.maskedPhone},
        ${t.phoneSealed})
      ON CONFLICT DO NOTHING RETURNING key`
    return rows.length === 1
  }
  async callbacks(closedSince: string): Promise<CallbackTaskRow[]> {
    return this.sql<CallbackTaskRow[]>`
      SELECT key, terminal_id, district_code, item_code, requested_at, masked_phone, phone_sealed, taken_by, taken_at, closed_at, outcome
      FROM callback_tasks WHERE closed_at IS NULL OR closed_at >= ${closedSince}
      ORDER BY requested_at DESC, key`
  }
  async callback(key: string): Promise<CallbackTaskRow | undefined> {
    const [row] = await this.sql<CallbackTaskRow[]>`
      SELECT key, terminal_id, district_code, item_code, requested_at, masked_phone, phone_sealed, taken_by, taken_at, closed_at, outcome
      FROM callback_tasks WHERE key = ${key}`
    return row
  }
  async takeCallback(task: CallbackTaskRef, helper: string, at: string): Promise<boolean> {
    const rows = await this.sql`
      UPDATE callback_tasks SET taken_by = ${helper}, taken_at = ${at}
      WHERE district_code = ${task.districtCode} AND key = ${task.key} AND taken_by IS NULL AND closed_at IS NULL
      RETURNING key`
    return rows.length === 1
  }
  async closeCallback(
    task: CallbackTaskRef,
    helper: string,
    outcome: CallbackOutcome,
    at: string,
  ): Promise<boolean> {
    const rows = await this.sql`
      UPDATE callback_tasks SET closed_at = ${at}, outcome = ${outcome}
      WHERE district_code = ${task.districtCode} AND key = ${task.key} AND taken_by = ${helper} AND closed_at IS NULL
      RETURNING key`
    return rows.length === 1
  }
  async purgeNumbers(cutoffIso: string): Promise<number> {
    const rows = await this.sql`
      UPDATE callback_tasks SET phone_sealed = NULL WHERE phone_sealed IS NOT NULL AND closed_at < ${cutoffIso}
      RETURNING key`
    return rows.length
  }
}
