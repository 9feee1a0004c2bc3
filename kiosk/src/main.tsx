/**
 * Entry of the resident terminal (/): creates the bridge, the devices and the session actor,
 * hardens the page for kiosk use and renders the app.
 */
import './ui/styles.css'
import { render } from 'preact'
import { createDevices, deviceOptionsFromSearch } from './devices'
import { createTerminalBridge } from './sync/createTerminalBridge'
import { App } from './ui/App'
import { createFirstTap } from './ui/firstTap'
import { installKioskGuards } from './ui/kioskGuards'
import { createKioskMachine, startSessionActor } from './ui/wiring'

const firstTap = createFirstTap()
const bridge = createTerminalBridge({ afterFirstTap: firstTap.promise })
const devices = createDevices(
  deviceOptionsFromSearch(location.search, (state) => bridge.reportPrinter(state)),
)
const actor = startSessionActor(createKioskMachine(bridge, devices), bridge)
firstTap.watch(actor)

installKioskGuards(() => actor.send({ type: 'user.activity' }))

// The bridge tells the session about the catalog it loads (onCatalog), so nothing more to do here.
bridge.start().catch((error: unknown) => {
  // The terminal keeps showing the attract screen; the cause goes to the console for the technician.
  console.error('terminal start failed', error instanceof Error ? error.message : error)
})

const root = document.getElementById('app')
if (!root) throw new Error('index.html has no #app element')
render(<App actor={actor} bridge={bridge} devices={devices} />, root)
