/**
 * The notices nodes send each other (NodeCoordination.publish), named once. On PostgreSQL each is a LISTEN
 * channel, so the names are plain lower-case identifiers.
 */
export const NODE_TOPICS = {
  /** A catalog version was published (or rolled back): catalog caches start over. Payload: the version. */
  catalog: 'kiosk_catalog',
  /** A district published (or rolled back) its catalog overlay: effective catalogs start over. Payload: the district. */
  catalogOverlay: 'kiosk_catalog_overlay',
  /** An admin reset a terminal's counters of a day: that day's report JSON is forgotten. Payload: the day. */
  counterReset: 'kiosk_counter_reset',
  /** The admin's department fault setting changed (FAULTS=on). Payload: empty; read the settings row. */
  departmentFaults: 'kiosk_department_faults',
  /** The admin moved the backend's clock (FAULTS=on). Payload: empty; read the `clock_offset` settings row. */
  clock: 'kiosk_clock',
} as const

/** One notice's channel. */
export type NodeTopic = (typeof NODE_TOPICS)[keyof typeof NODE_TOPICS]
