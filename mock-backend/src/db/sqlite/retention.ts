/**
 * The SQL of the retention purge (privacy/retention.ts): what of a resident is kept no longer than the
 * retention period after their case or follow-up closed. With `secure_delete` on (db/open.ts) the freed bytes
 * are zeroed, and a TRUNCATE checkpoint then drops the WAL frames that still held them.
 */
import type Database from 'better-sqlite3'

/** How many rows one purge cleared, by kind of resident data. */
export interface PurgeCounts {
  /** Case subject hashes: the case no longer answers a lookup by ID number (its case number still works). */
  subjects: number
  /** Follow-up contact notes (差评整改: who was called, what they said). */
  contactNotes: number
}

/** Clears resident data of cases finished, and follow-ups closed, before `cutoffIso` (UTC ISO 8601). */
export function purgeResidentData(db: Database.Database, cutoffIso: string): PurgeCounts {
  const counts = db.transaction(() => ({
    subjects: db
      .prepare('UPDATE cases SET subject_hash = NULL WHERE subject_hash IS NOT NULL AND finished_at < ?')
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
