/**
 * Where the fingerprint key comes from, and the guard that it is the database's own. The key lives outside the
 * database: `FINGERPRINT_KEY`, or the file `DATA_DIR/fingerprint.key` (mode 0600) made on a new database's first
 * start. A check value in `settings` lets the server refuse to start with a key that is not the one the data
 * was written with, instead of silently failing every replay and lookup.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { Storage } from '../db/storage'
import { decodeFingerprintKey, FINGERPRINT_KEY_BYTES, Fingerprints, isSealed } from './fingerprints'

/** The key file's name inside DATA_DIR. */
export const FINGERPRINT_KEY_FILE = 'fingerprint.key'
/** The `settings` row that holds the key's check value. */
const CHECK_SETTING = 'fingerprint_check'

function readKeyFile(path: string): Buffer | null {
  if (!existsSync(path)) return null
  // A key readable by others would undo the point of keeping it apart: narrow an older or copied file.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600)
  return decodeFingerprintKey(readFileSync(path, 'utf8'), path)
}

function writeKeyFile(path: string, key: Buffer): void {
  const fd = openSync(path, 'wx', 0o600)
  try {
    writeSync(fd, `${key.toString('base64url')}\n`)
  } finally {
    closeSync(fd)
  }
}

/**
 * The fingerprints of one server's database. A new database gets a new key file; an older one (no check
 * value yet) is rewritten under the key once; a database with a check value needs its own key, or start fails.
 */
export async function bindFingerprints(
  store: Storage,
  dataDir: string,
  envKey: Buffer | undefined,
): Promise<Fingerprints> {
  const file = join(dataDir, FINGERPRINT_KEY_FILE)
  // An in-memory database (tests, benches) keeps nothing, so neither does its key.
  const given = envKey ?? (store.ephemeral ? randomBytes(FINGERPRINT_KEY_BYTES) : readKeyFile(file))
  const check = await store.getSetting(CHECK_SETTING)
  if (check) {
    if (!given)
      throw new Error(
        `${file} is missing (and FINGERPRINT_KEY is not set): this database was written with a fingerprint key; restore the key backed up with it`,
      )
    const fingerprints = new Fingerprints(given)
    if (fingerprints.check() !== check)
      throw new Error(
        `the fingerprint key (${envKey ? 'FINGERPRINT_KEY' : file}) is not the one this database was written with; restore the key backed up with it`,
      )
    return fingerprints
  }
  const key = given ?? randomBytes(FINGERPRINT_KEY_BYTES)
  if (!given) writeKeyFile(file, key)
  const fingerprints = new Fingerprints(key)
  // The rewrite and the check value commit together: a crash between them would key the hashes twice.
  await store.rewriteFingerprints(
    {
      payload: (h) => fingerprints.payload(h),
      subject: (h) => fingerprints.subject(h),
      seal: (t) => fingerprints.seal(t),
      isSealed,
    },
    { setting: CHECK_SETTING, value: fingerprints.check() },
  )
  return fingerprints
}
