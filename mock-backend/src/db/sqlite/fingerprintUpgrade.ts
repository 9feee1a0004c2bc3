/**
 * The one-time rewrite of an older database when it first meets a fingerprint key (privacy/fingerprintKey.ts):
 * unkeyed payload hashes and peppered subject hashes become keyed, and department answers stored in the clear
 * are sealed. One transaction, so a crash leaves the database as it was and the next start does it again.
 */
import type Database from 'better-sqlite3'

import type { FingerprintRewrite } from '../unitsOfWork'

const CHUNK = 2000

/** Rewrites every stored fingerprint and clear answer with the key; returns how many rows it touched. */
export function rewriteFingerprints(db: Database.Database, f: FingerprintRewrite): number {
  const transactions = db.prepare(
    'SELECT rowid AS id, payload_hash AS hash, result_json AS result FROM transactions WHERE rowid > ? ORDER BY rowid LIMIT ?',
  )
  const updateTransaction = db.prepare(
    'UPDATE transactions SET payload_hash = ?, result_json = ? WHERE rowid = ?',
  )
  const cases = db.prepare(
    'SELECT transaction_key AS key, subject_hash AS hash FROM cases WHERE subject_hash IS NOT NULL AND transaction_key > ? ORDER BY transaction_key LIMIT ?',
  )
  const updateCase = db.prepare('UPDATE cases SET subject_hash = ? WHERE transaction_key = ?')
  let touched = 0
  for (let after = 0; ; ) {
    const rows = transactions.all(after, CHUNK) as { id: number; hash: string; result: string }[]
    for (const r of rows)
      updateTransaction.run(f.payload(r.hash), f.isSealed(r.result) ? r.result : f.seal(r.result), r.id)
    touched += rows.length
    if (rows.length < CHUNK) break
    after = rows[rows.length - 1]!.id
  }
  for (let after = ''; ; ) {
    const rows = cases.all(after, CHUNK) as { key: string; hash: string }[]
    for (const r of rows) updateCase.run(f.subject(r.hash), r.key)
    touched += rows.length
    if (rows.length < CHUNK) break
    after = rows[rows.length - 1]!.key
  }
  return touched
}
