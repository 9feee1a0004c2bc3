/**
 * The resident terminal: header (hidden maintenance corner, status), one screen in <main>,
 * footer with back/home, language and elder mode, the idle dialog and an aria-live region.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { Actor, ActorRefFrom } from 'xstate'
import { DeviceNotice } from '../devices/DeviceNotice'
import type { Devices } from '../devices/types'
import type { KioskCall as KioskCallType } from '../help/KioskCall'
import { englishReady, loadChinese, loadEnglish, translator } from '../i18n'
import type { ServiceFlowMachine } from '../machines/serviceFlowMachine'
import type { SessionMachine } from '../machines/sessionMachine'
import type { TerminalBridge } from '../sync/terminalBridge'
import type { CatalogGate } from './catalogGate'
import type { SessionScreenName } from './SessionBody'
import { AttractScreen } from './screens/AttractScreen'
import { bottombarView, topbarView } from './screens/barsView'
import type { MaintenancePanel as MaintenancePanelType } from './screens/MaintenancePanel'
import { RevokedNotice } from './screens/RevokedNotice'
import type * as SessionScreens from './sessionScreens'
import { cancelSpeech, mainText, speak } from './speech'
import { createTapCounter } from './tapCounter'
import { UiContext } from './uiContext'
import { useActorSnapshot } from './useActorSnapshot'
import { useLanguageSwitch } from './useLanguageSwitch'

/** Props: the running session actor and the terminal's services; `catalogGate` lets a tap in before the catalog read. */
export interface AppProps {
  actor: Actor<SessionMachine>
  bridge: TerminalBridge
  devices: Devices
  catalogGate?: CatalogGate
  /** Settles when the session's screens may load before the first tap (an installed terminal: `sessionWarmup.ts`). */
  warmup?: Promise<void> | null
}

type Screen = 'attract' | SessionScreenName

/** Where the flow is (state and step), as a string. */
function flowStepKey(flow: ActorRefFrom<ServiceFlowMachine>): string {
  const snapshot = flow.getSnapshot()
  return `${JSON.stringify(snapshot.value)}:${snapshot.context.stepIndex}`
}

/**
 * The flow's step key, so speech and the live region follow the flow too. The caller re-renders when the
 * step changes, not on every keypress inside a step (the flow screen renders those itself).
 */
function useFlowStepKey(flow: ActorRefFrom<ServiceFlowMachine> | undefined): string {
  const [, setShown] = useState('')
  useEffect(() => {
    if (!flow) return
    const sub = flow.subscribe(() => setShown(flowStepKey(flow)))
    return () => sub.unsubscribe()
  }, [flow])
  return flow ? flowStepKey(flow) : ''
}

/** The resident app root. */
export function App({ actor, bridge, devices, catalogGate, warmup }: AppProps) {
  const snapshot = useActorSnapshot(actor)
  const ctx = snapshot.context
  const [englishLoaded, setEnglishLoaded] = useState(englishReady())
  const tr = useMemo(() => translator(ctx.lang), [ctx.lang, englishLoaded])
  const ui = useMemo(() => ({ lang: ctx.lang, elder: ctx.elder, tr }), [ctx.lang, ctx.elder, tr])
  const [maintenance, setMaintenance] = useState(false)
  // A revoked terminal shows its notice instead of any service until it is enrolled again.
  const [hold, setHold] = useState(() => bridge.syncHold())
  useEffect(() => bridge.onSyncHold(setHold), [bridge])
  // The maintenance screen is rare: its code is loaded on the first secret tap sequence.
  const [Panel, setPanel] = useState<typeof MaintenancePanelType | null>(null)
  // The 帮办 call's code is loaded on the tap on the help button (the entry stays within its budget).
  const [Call, setCall] = useState<typeof KioskCallType | null>(null)
  const tap = useRef(createTapCounter())
  // The bridge tells the session (`network.changed`); the header and the guide read it from there.
  const online = ctx.online

  const screen: Screen = snapshot.matches('attract')
    ? 'attract'
    : ((['home', 'department', 'search', 'guide', 'flow', 'rating', 'thanks', 'caseLookup'] as const).find(
        (s) => snapshot.matches({ active: { screen: s } }),
      ) ?? 'home')
  const warning = snapshot.matches({ active: { idle: 'warning' } })
  const flow = snapshot.children.flow as ActorRefFrom<ServiceFlowMachine> | undefined

  // The session's screens load at the first tap (started on its pointerdown); the session starts once they are here.
  const [screens, setScreens] = useState<typeof SessionScreens | null>(null)
  // The last tap could not load them (offline before the service worker cached them): the attract screen says so.
  const [startFailed, setStartFailed] = useState(false)
  const screensLoading = useRef<Promise<typeof SessionScreens> | null>(null)
  // A stored catalog noted at the last start enables the button before IndexedDB answers; the tap waits for it.
  const [catalogExpected, setCatalogExpected] = useState(catalogGate?.expected ?? false)
  useEffect(() => void catalogGate?.broken.then(() => setCatalogExpected(false)), [catalogGate])
  const loadScreens = () => {
    screensLoading.current ??= Promise.all([import('./sessionScreens'), loadChinese()]).then(
      ([m]) => {
        setScreens(() => m)
        return m
      },
      (error: unknown) => {
        // Retried on the next tap (e.g. offline before the service worker had cached the chunk).
        screensLoading.current = null
        throw error
      },
    )
    return screensLoading.current
  }
  useEffect(() => {
    if (screen !== 'attract' && !screens) void loadScreens().catch(() => undefined)
  })
  // An installed terminal loads them from its precache while the attract screen is idle (a failure waits for the tap).
  useEffect(() => void warmup?.then(() => loadScreens()).catch(() => undefined), [warmup])

  // An idle reset (or the session's end) leaves no call behind: the dialog unmounts and closes its media.
  useEffect(() => {
    if (screen === 'attract') setCall(null)
  }, [screen])

  const flowKey = useFlowStepKey(flow)
  const screenKey = `${screen}:${ctx.departmentCode ?? ''}:${ctx.itemCode ?? ''}:${flowKey}`
  // The live region is written directly: a state update here would re-render the whole app after every tap.
  const live = useRef<HTMLDivElement>(null)

  // Announce every screen change (its h1) and read it aloud in elder mode.
  useEffect(() => {
    const heading = document.querySelector('main h1')
    if (live.current) live.current.textContent = heading?.textContent ?? ''
    // Read-aloud ends every screen, the attract screen too, with how to get help (the 视频帮办 button).
    if (ctx.elder) speak(`${mainText()} ${tr('helpSpoken')}`, ctx.lang)
    else cancelSpeech()
  }, [screenKey, ctx.lang, ctx.elder])

  useEffect(() => {
    if (ctx.lang === 'en' && !englishLoaded) loadEnglish().then(() => setEnglishLoaded(true))
  }, [ctx.lang, englishLoaded])

  // Elder type scale and the document language follow the session.
  useEffect(() => {
    document.documentElement.lang = ctx.lang === 'zh' ? 'zh-CN' : 'en'
    document.documentElement.classList.toggle('elder', ctx.elder)
  }, [ctx.lang, ctx.elder])

  const send = actor.send.bind(actor)
  const language = useLanguageSwitch(ctx.lang, (lang) => send({ type: 'lang.set', lang }))
  const showBackHome =
    screen === 'department' || screen === 'search' || screen === 'guide' || screen === 'caseLookup'

  /** Starts the session once its screens (and a catalog) are here: true when it started. */
  const startSession = (): Promise<boolean> =>
    loadScreens().then(
      async () => {
        setStartFailed(false)
        // Without a catalog after all, the button is back to waiting (`broken`) and the tap does nothing.
        if (!ctx.catalogReady && catalogGate) await catalogGate.untilCatalog().catch(() => undefined)
        send({ type: 'session.start' })
        return true
      },
      (error: unknown) => {
        console.error('session screens failed to load', error instanceof Error ? error.message : error)
        setStartFailed(true)
        if (ctx.elder) speak(tr('attractStartFailed'), ctx.lang)
        return false
      },
    )

  /** Loads the call's code on the tap on 视频帮办 (the entry stays within its budget) and shows the call. */
  const openCall = () => void import('../help/KioskCall').then((m) => setCall(() => m.KioskCall))

  const body =
    screen === 'attract' ? (
      <AttractScreen
        noticeIndex={ctx.noticeIndex}
        ready={ctx.catalogReady || catalogExpected}
        onPrepare={() => void loadScreens().catch(() => undefined)}
        startFailed={startFailed}
        onStart={() => void startSession()}
      />
    ) : screens ? (
      <screens.SessionBody
        screen={screen}
        snapshot={snapshot}
        send={send}
        demoCard={devices.mode() === 'simulated'}
        handoff={bridge}
      />
    ) : null

  const crumb =
    screens && ctx.catalog && screen === 'department' && ctx.departmentCode
      ? screens.departmentCrumb(ctx.catalog, ctx.departmentCode, ctx.lang)
      : ''

  return (
    <UiContext.Provider value={ui}>
      <div class={`kiosk ${ctx.elder ? 'is-elder' : ''}`}>
        {topbarView(
          {
            online,
            crumb,
            onCornerPointerDown: () => {
              if (tap.current(Date.now())) {
                setMaintenance(true)
                bridge.reportActivity('maintenance')
                Promise.all([import('./screens/MaintenancePanel'), loadChinese()]).then(([m]) =>
                  setPanel(() => m.MaintenancePanel),
                )
              }
            },
          },
          tr,
        )}
        <DeviceNotice devices={devices} />
        <main id="main">{hold === 'revoked' ? <RevokedNotice /> : body}</main>
        {bottombarView(
          {
            backHome: showBackHome,
            // On the attract screen the tap starts the session first: the call then keeps it from idling.
            help: screen === 'attract' || screens !== null,
            elder: ctx.elder,
            lang: ctx.lang,
            languagePending: language.pending,
            languageSpinner: language.spinner,
            onBack: () => send({ type: 'nav.back' }),
            onHome: () => send({ type: 'nav.home' }),
            onHelp: () =>
              screen === 'attract'
                ? void startSession().then((started) => started && openCall())
                : openCall(),
            onReadAgain: () => speak(mainText(), ctx.lang),
            onLanguage: language.toggle,
            onElder: () => send({ type: 'elder.toggle' }),
          },
          tr,
        )}
        <div ref={live} class="sr-only" aria-live="polite" role="status" />
        {warning && screen !== 'attract' && screens && (
          <screens.IdleDialog seconds={ctx.countdown} onContinue={() => send({ type: 'idle.continue' })} />
        )}
        {Call && screen !== 'attract' && (
          <Call
            terminalKey={bridge.terminalKey()}
            session={actor}
            screen={screen}
            onActive={() => send({ type: 'help.started' })}
            onEnded={() => send({ type: 'help.ended' })}
            onClose={() => setCall(null)}
            noAnswer={{
              help: bridge.helpSettings() ?? undefined,
              itemCode: ctx.itemCode,
              onCallback: (phone) => bridge.requestCallback(phone, ctx.itemCode),
            }}
          />
        )}
        {maintenance && Panel && (
          <Panel
            bridge={bridge}
            devices={devices}
            onClose={() => {
              setMaintenance(false)
              bridge.reportActivity(screen === 'attract' ? 'idle' : 'in-session')
            }}
          />
        )}
      </div>
    </UiContext.Provider>
  )
}
