/**
 * Entry of the resident terminal (/): creates the bridge, the devices and the session actor,
 * hardens the page for kiosk use and renders the app.
 */
import './ui/styles.css'
import { render } from 'preact'
import { createDeviceLayer, deviceOptionsFromSearch } from './devices'
import { pageFlagStorage, readStoredCatalogFlag } from './storage/catalogFlag'
import { createTerminalBridge } from './sync/createTerminalBridge'
import { App } from './ui/App'
import { createCatalogGate } from './ui/catalogGate'
import { createFirstTap } from './ui/firstTap'
import { installKioskGuards } from './ui/kioskGuards'
import { installedWarmup } from './ui/sessionWarmup'
import { createKioskSession, startSessionActor } from './ui/wiring'

const firstTap = createFirstTap()
// What only a session needs loads after the first tap, once its screen is painted (not while it renders).
const bridge = createTerminalBridge({ afterFirstTap: firstTap.afterFirstScreen })
// Started before the rest is built: its IndexedDB open and reads run while the page builds and renders. What
// it announces (the catalog, settings) arrives in later tasks, after the listeners below are in place.
const started = bridge.start()
const deviceLayer = createDeviceLayer(
  {
    ...deviceOptionsFromSearch(location.search, (state) => bridge.reportPrinter(state)),
    reportDevices: (states) => bridge.reportDevices(states),
    simulationAfter: firstTap.afterFirstScreen,
    previousPairingSecret: () => bridge.agentPairingPrevious(),
  },
  () => bridge.agentPairingSecret(),
)
const devices = deviceLayer.devices
const session = createKioskSession(bridge, devices)
const actor = startSessionActor(session.machine, bridge, { actors: session.actors })
// The flow and 办件进度查询 machines load after the first tap, before a resident can reach either; an installed
// terminal loads them (and the session's screens, in App) from its precache while the attract screen is idle.
const warmup = installedWarmup(started)
Promise.race(warmup ? [warmup, firstTap.afterFirstScreen] : [firstTap.afterFirstScreen])
  .then(() => session.actors.load())
  .catch(() => {
    // Offline before the service worker cached them: the flow or lookup that needs them loads them again.
  })
// A card placed on the agent's reader reads itself on the identify step (the event is ignored elsewhere).
devices.onCardPlaced(() => actor.getSnapshot().children.flow?.send({ type: 'card.swipe' }))
firstTap.watch(actor)

installKioskGuards(() => actor.send({ type: 'user.activity' }))

// The bridge tells the session about the catalog it loads (onCatalog), so nothing more to do here.
const decideDevices = () => bridge.status().then((status) => deviceLayer.terminalKnown(status.terminalId))
started
  .then(() => {
    // Later, a new enrolment brings new settings (its pairing secret): the devices follow the terminal it made.
    bridge.onSettings(() => {
      decideDevices().catch(() => {})
    })
    return decideDevices()
  })
  .catch((error: unknown) => {
    // The terminal keeps showing the attract screen; the cause goes to the console for the technician.
    console.error('terminal start failed', error instanceof Error ? error.message : error)
    // Not known to be the demo terminal: the agent it is (unavailable without it), never an invented card.
    deviceLayer.terminalKnown(null)
  })

// Read before IndexedDB opens: a terminal that stored a catalog takes its first tap at once (the tap waits for it).
const catalogGate = createCatalogGate({
  expected: readStoredCatalogFlag(pageFlagStorage()) !== null,
  actor,
  started,
})

const root = document.getElementById('app')
if (!root) throw new Error('index.html has no #app element')
render(
  <App actor={actor} bridge={bridge} devices={devices} catalogGate={catalogGate} warmup={warmup} />,
  root,
)
