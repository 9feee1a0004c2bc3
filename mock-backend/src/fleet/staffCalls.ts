/** The admin calls the fleet makes (login, clock, catalog, terminals), over the contract's route table. */
import {
  ADMIN_ROUTES,
  type AnswerOf,
  type AnyRoute,
  AUTH_ROUTES,
  fetchRoute,
  type RouteCall,
  TERMINAL_ROUTES,
} from '../contract'

/** A staff session the fleet holds. */
export interface StaffLink {
  fetch: typeof fetch
  url: string
  token: string
}

/** One staff call; anything but 2xx stops the run with the route, status and the backend's message. */
export async function staffCall<R extends AnyRoute>(
  link: Omit<StaffLink, 'token'> & { token?: string },
  route: R,
  call: RouteCall<R> = {},
): Promise<AnswerOf<R>> {
  const headers: Record<string, string> = link.token ? { Authorization: `Bearer ${link.token}` } : {}
  const res = await fetchRoute(link.fetch, link.url, route, { ...call, headers })
  const text = await res.text()
  if (!res.ok) throw new Error(`${route.method} ${route.path} answered ${res.status}: ${text.slice(0, 200)}`)
  return (text ? JSON.parse(text) : null) as AnswerOf<R>
}

/** Logs in as `username`; a wrong password stops the run with a message that says which variable to set. */
export async function login(
  link: Omit<StaffLink, 'token'>,
  username: string,
  password: string,
): Promise<StaffLink> {
  const answer = await staffCall(link, AUTH_ROUTES.login, { body: { username, password } }).catch(
    (error: Error) => {
      throw new Error(
        `cannot log in as ${username} (set ${username.toUpperCase()}_PASSWORD): ${error.message}`,
      )
    },
  )
  return { ...link, token: answer.token }
}

/** Moves the backend's clock to `at` (needs FAULTS=on on the backend: 404 otherwise). */
export function setClock(admin: StaffLink, at: string): Promise<AnswerOf<typeof ADMIN_ROUTES.setClock>> {
  return staffCall(admin, ADMIN_ROUTES.setClock, { body: { at } }).catch((error: Error) => {
    throw new Error(`cannot set the backend's clock (is it running with FAULTS=on?): ${error.message}`)
  })
}

/**
 * Enrols a terminal named `name` and answers its key: created if missing, else rotated for a new code (a virtual
 * terminal keeps no key between runs). Called with the clock at the start of its history: that is its enrolment day.
 */
export async function enrolTerminal(
  admin: StaffLink,
  existing: ReadonlyMap<string, string>,
  site: { name: string; location: string },
): Promise<string> {
  const id = existing.get(site.name)
  const { enrolCode } = id
    ? await staffCall(admin, ADMIN_ROUTES.rotateTerminal, { params: { id }, body: {} })
    : await staffCall(admin, ADMIN_ROUTES.createTerminal, {
        body: { name: site.name, location: site.location },
      })
  const enrolled = await staffCall(admin, TERMINAL_ROUTES.enrol, { body: { code: enrolCode } })
  return enrolled.token
}
