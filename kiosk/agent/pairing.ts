/**
 * The pairing secret: the page proves it belongs to this terminal by sending the secret from its enrolment answer.
 * Only a hash is stored (a file in the agent's state folder, mode 0600), compared in constant time. The first
 * secret is accepted while the agent is unpaired; afterwards only the stored one, a new one set on the terminal
 * with `--pair CODE`, or a new one presented together with the stored one (the backend derives the secret from the
 * terminal's key, so a key rotation rotates it: the page proves the old secret while handing over the new).
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The pairing store. */
export interface Pairing {
  /**
   * True when `secret` may pair: it matches the stored secret, or none is stored yet, or `previous` matches the
   * stored one (a rotation); in the last two cases `secret` is stored.
   */
  accept(secret: string, previous?: string): boolean
  /** Replaces the stored secret (`--pair CODE`). */
  set(secret: string): void
  paired(): boolean
}

const FILE = 'pairing.json'
const hash = (secret: string) => createHash('sha256').update(secret, 'utf8').digest()

/** Opens the pairing kept in `stateDir`. */
export function openPairing(stateDir: string): Pairing {
  const path = join(stateDir, FILE)
  const load = (): Buffer | null => {
    try {
      const { sha256 } = JSON.parse(readFileSync(path, 'utf8')) as { sha256?: unknown }
      return typeof sha256 === 'string' && /^[0-9a-f]{64}$/.test(sha256) ? Buffer.from(sha256, 'hex') : null
    } catch {
      return null
    }
  }
  const store = (secret: string) => {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 })
    const temp = `${path}.tmp`
    writeFileSync(temp, JSON.stringify({ sha256: hash(secret).toString('hex') }), { mode: 0o600 })
    renameSync(temp, path)
  }
  return {
    accept(secret, previous) {
      const stored = load()
      if (!stored) {
        store(secret)
        return true
      }
      if (timingSafeEqual(stored, hash(secret))) return true
      if (previous === undefined || !timingSafeEqual(stored, hash(previous))) return false
      store(secret)
      return true
    },
    set: store,
    paired: () => load() !== null,
  }
}
