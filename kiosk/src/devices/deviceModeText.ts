/**
 * The maintenance screen's line saying which devices the terminal uses: the agent (with its connection state) or
 * the in-page simulation.
 */
import type { UiContextValue } from '../ui/uiContext'
import type { Devices } from './types'

/** The text of the device-mode line. */
export function deviceModeText(
  devices: Pick<Devices, 'mode' | 'availability'>,
  tr: UiContextValue['tr'],
): string {
  if (devices.mode() === 'simulated') return tr('maintDevicesSimulated')
  return tr('maintDevicesAgent', { availability: devices.availability() })
}
