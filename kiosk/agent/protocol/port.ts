/**
 * The agent's default port, alone in its module so the kiosk's entry can build the agent's address without
 * taking in the rest of the protocol (messages.ts re-exports it; the client that uses the rest loads later).
 */

/** The port the agent listens on when AGENT_PORT is not set. */
export const AGENT_DEFAULT_PORT = 17345
