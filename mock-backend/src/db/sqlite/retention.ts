/**
 * The SQL of the retention purge (privacy/retention.ts): what of a resident is kept no longer than the
 * retention period after their case or follow-up closed. With `secure_delete` on (db/open.ts) the freed bytes
 * are zeroed, and a TRUNCATE checkpoint then drops the WAL frames that still held them.
 */
import type Database from 'better-sqlite3'

import type { PurgeCounts } from '../unitsOfWork'

/** Clears resident data of cases finished, and follow-ups closed, before `cutoffIso` (UTC ISO 8601). */
export function purgeResidentData(db: Database.Database, cutoffIso: string): PurgeCounts {
  const counts = db.transaction(() => ({
    subjects: db
      .prepare(
        'UPDATE cases SET subject_hash = NULL, agent_hash = NULL ' +
          'WHERE (subject_hash IS NOT NULL OR agent_hash IS NOT NULL) AND finished_at < ?',
      )
      .run(cutoffIso).changes,
    contactNotes: db
      .prepare(
        'UPDATE case_follow_ups SET contact_note = NULL WHERE contact_note IS NOT NULL AND closed_at < ?',
      )
      .run(cutoffIso).changes,
  }))()
  if (counts.subjects + counts.contactNotes > 0) db.pragma('wal_checkpoint(TRUNCATE)')
  return counts
}
