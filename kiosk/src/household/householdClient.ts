/**
 * The household register call (HOUSEHOLD_ROUTES) with the terminal's key: the identified resident's members,
 * masked and by handle, with the amount each owes for a 缴费. Loaded with the 为谁办理 step, never in the entry.
 */
import type { HouseholdMemberView } from '../../../mock-backend/src/contract/household'
import { HOUSEHOLD_ROUTES } from '../../../mock-backend/src/contract/householdRoutes'
import { keyedCaller } from '../materials/materialClient'

/** The household of `idNumber` for `itemCode` (with `fields`, a 缴费's amounts due); rejects with a BackendError. */
export function householdOf(getToken: () => string | null) {
  const call = keyedCaller(getToken)
  return async (
    idNumber: string,
    itemCode: string,
    fields?: Record<string, string>,
  ): Promise<HouseholdMemberView[]> =>
    (await call(HOUSEHOLD_ROUTES.household, { body: { idNumber, itemCode, ...(fields ? { fields } : {}) } }))
      .members
}
