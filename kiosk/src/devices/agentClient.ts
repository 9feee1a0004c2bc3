/**
 * The agent half of the device layer, in its own chunk: the layer (index.ts) imports it dynamically once the
 * terminal turns out to be a real one, so the demo terminal's first screen never fetches the agent client.
 */

import { type AgentConnection, createAgentConnection } from './agentConnection'
import { createAgentDevices } from './agentDevices'
import type { DeviceOptions } from './index'
import type { Devices } from './types'

/** A stopped connection to the agent and the devices over it. */
export interface AgentClient {
  connection: AgentConnection
  devices: Devices
}

/** Builds the client; `pairingSecret` and `WebSocketImpl` are the layer's (see createDeviceLayer). */
export function createAgentClient(
  options: Pick<DeviceOptions, 'agentUrl' | 'reportPrinter' | 'reportDevices' | 'previousPairingSecret'>,
  pairingSecret: () => string | null,
  WebSocketImpl?: typeof WebSocket,
): AgentClient {
  const connection = createAgentConnection({
    url: options.agentUrl,
    secret: pairingSecret,
    ...(options.previousPairingSecret ? { previousSecret: options.previousPairingSecret } : {}),
    ...(WebSocketImpl ? { WebSocketImpl } : {}),
  })
  return { connection, devices: createAgentDevices(connection, options.reportPrinter, options.reportDevices) }
}
