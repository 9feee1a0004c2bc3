/**
 * "设备暂不可用": shown while the terminal's device agent cannot be reached, so the resident knows the card reader
 * and printer are out and types the ID number instead. Simulated devices never show it.
 */
import { useEffect, useState } from 'preact/hooks'
import { useUi } from '../ui/uiContext'
import type { DeviceAvailability, Devices } from './types'

/** The notice, following the devices' availability. */
export function DeviceNotice(props: { devices: Devices }) {
  const { tr } = useUi()
  const [availability, setAvailability] = useState<DeviceAvailability>(props.devices.availability())
  useEffect(() => {
    setAvailability(props.devices.availability())
    return props.devices.onAvailability(setAvailability)
  }, [props.devices])
  if (availability !== 'unavailable') return null
  return (
    <div class="device-notice" role="alert">
      <strong>{tr('devicesUnavailable')}</strong> <span>{tr('devicesUnavailableHint')}</span>
    </div>
  )
}
