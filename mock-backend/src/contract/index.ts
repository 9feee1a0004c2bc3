/**
 * The contract between terminals, consoles, the CLI and the service centre's API: the only part of
 * mock-backend the other parts may import. Run-time imports that must stay free of zod (the kiosk) go
 * to `./constants` and `./fetchRoute` directly; this index also re-exports the zod wire schemas.
 */
export * from './cases'
export * from './clock'
export * from './constants'
export * from './counterQuarantine'
export * from './dailyCounts'
export * from './districtCatalog'
export * from './divisions'
export * from './fetchRoute'
export * from './handoff'
export * from './helpCall'
export * from './helpDesk'
export * from './helpDeskRules'
export * from './household'
export * from './householdRoutes'
export * from './intake'
export * from './materialRoutes'
export * from './materials'
export * from './paymentRoutes'
export * from './paymentRules'
export * from './payments'
export * from './routes'
export * from './staff'
export * from './staffRoutes'
export * from './wire'
