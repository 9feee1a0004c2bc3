/** Restores the staff session on load (GET /api/auth/me) and drops back to the login on any 401. */
import { useEffect, useState } from 'preact/hooks'
import type { Division } from '../../../mock-backend/src/contract/divisions'
import type { MeAnswer, StaffRole } from './apiTypes'
import type { StaffClient } from './staffClient'

/** Where the console is: still asking, needs a login, or logged in as someone. */
export type SessionState =
  | { status: 'checking' }
  | { status: 'anonymous'; expired: boolean; error?: unknown; otherRole?: string }
  | { status: 'signedIn'; me: SignedInStaff }

/** Who is signed in: name, role, and the division they serve. */
export interface SignedInStaff {
  username: string
  role: StaffRole
  org: Division
}

/** Session state plus the setters the login form and logout button use. */
export function useStaffSession(client: StaffClient, staffRole: StaffRole) {
  const [state, setState] = useState<SessionState>({ status: 'checking' })
  useEffect(() => {
    let alive = true
    client
      .me()
      .then((me: MeAnswer | null) => {
        if (!alive) return
        if (!me) setState({ status: 'anonymous', expired: false })
        // The session cookie is shared by both consoles: an admin session does not open the ops page.
        else if (me.role !== staffRole)
          setState({ status: 'anonymous', expired: false, otherRole: me.username })
        else setState({ status: 'signedIn', me })
      })
      .catch((error: unknown) => alive && setState({ status: 'anonymous', expired: false, error }))
    const unsubscribe = client.onUnauthorized(() => setState({ status: 'anonymous', expired: true }))
    return () => {
      alive = false
      unsubscribe()
    }
  }, [client, staffRole])
  return {
    state,
    signedIn: (me: SignedInStaff) => setState({ status: 'signedIn', me }),
    signOut: async () => {
      await client.logout().catch(() => {})
      setState({ status: 'anonymous', expired: false })
    },
  }
}
