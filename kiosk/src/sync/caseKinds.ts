/** Which item kinds become a case (办件): the contract's one definition, for the bridge and the case side. */
export { CASE_KINDS } from '../../../mock-backend/src/contract/constants'
