/**
 * Who this terminal is: the identity stored in IndexedDB, the demo enrolment (loopback only) and the
 * enrolment with an admin's one-time code. The backend client reads the token from here.
 */
import type { DbConnection, KioskDatabase, TerminalIdentity } from '../storage/db'
import { getMeta, setMeta } from '../storage/db'

/** The terminal's identity and how it is obtained. */
export interface TerminalIdentityHolder {
  /** The identity in use, or null while unenrolled. */
  current(): TerminalIdentity | null
  /** Reads the stored identity (at start). */
  load(db: KioskDatabase): Promise<TerminalIdentity | null>
  /** Enrols as the demo terminal unless already enrolled. */
  ensure(): Promise<TerminalIdentity>
  /** Stores and uses the identity an enrolment answered. */
  adopt(answer: TerminalIdentity): Promise<TerminalIdentity>
}

/** Creates the holder; `demoEnrol` asks the backend for the demo identity. */
export function createTerminalIdentity(
  connection: DbConnection,
  demoEnrol: () => Promise<TerminalIdentity>,
): TerminalIdentityHolder {
  let identity: TerminalIdentity | null = null
  const holder: TerminalIdentityHolder = {
    current: () => identity,
    async load(db) {
      identity = (await getMeta(db, 'identity')) ?? null
      return identity
    },
    async adopt(answer) {
      const next = { terminalId: answer.terminalId, token: answer.token, name: answer.name }
      await setMeta(await connection.get(), 'identity', next)
      identity = next
      return next
    },
    async ensure() {
      return identity ?? holder.adopt(await demoEnrol())
    },
  }
  return holder
}
