/**
 * The household register's route, a table of its own beside TERMINAL_ROUTES (as materialRoutes.ts is): only the
 * 为谁办理 step loads it, so the kiosk's entry chunk does not grow.
 */
import type { HouseholdAnswer, HouseholdQuery } from './household'
import { POST } from './routes'

/** The 为谁办理 routes an enrolled terminal calls. */
export const HOUSEHOLD_ROUTES = {
  // The identified resident's household register: the ID number in the body, never a URL; answers masked.
  household: POST<HouseholdQuery, HouseholdAnswer>()('/api/terminal/household'),
} as const
