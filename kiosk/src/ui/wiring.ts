/**
 * The one place where the machines' named effects meet the terminal: the bridge and the device layer
 * are supplied with `.provide()`, so the machines stay pure and tests wire the same functions to fakes.
 */
import { type Actor, type ActorOptions, createActor, fromPromise } from 'xstate'
import type { Devices } from '../devices/types'
import { PrinterError } from '../devices/types'
import { type CaseLookupDeps, caseLookupMachine } from '../machines/caseLookupMachine'
import { type FlowDeps, serviceFlowMachine, smsCodeIssuer } from '../machines/serviceFlowMachine'
import { type SessionMachine, sessionIdIssuer, sessionMachine } from '../machines/sessionMachine'
import { uuidv7 } from '../storage/uuidv7'
import type { ActivityState, TerminalBridge } from '../sync/terminalBridge'
import { cancelSpeech } from './speech'

/** How long the resident waits for the department's answer before being told it is queued. */
export const SUBMIT_WAIT_MS = 8000

/** A random 6-digit demo SMS code. */
export function randomSmsCode(): string {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1))
  return String(n % 1_000_000).padStart(6, '0')
}

/** The flow's effects backed by the bridge (submit) and the devices (card, camera, printer). */
export function createFlowDeps(bridge: TerminalBridge, devices: Devices): FlowDeps {
  return {
    submit: (submission) => bridge.submit(submission, { waitMs: SUBMIT_WAIT_MS }),
    readIdCard: () => devices.idCardReader.read(),
    verifyFace: (idNumber) => devices.camera.verifyFace(idNumber),
    async print(request) {
      try {
        // A receipt's model loads when one prints (not in the entry chunk): one model for every printer driver.
        const job =
          'receipt' in request
            ? await import('../../agent/protocol/receipt').then((r) =>
                r.receiptDocument(r.buildReceipt(request.receipt)),
              )
            : request
        await devices.printer.print(job)
        return 'ok'
      } catch (error) {
        const state = error instanceof PrinterError ? error.state : 'offline'
        bridge.reportPrinter(state)
        return state
      }
    },
    makeSmsCode: randomSmsCode,
  }
}

/** What the session's effects are made of: the bridge, the flow's effects, ids and speech. */
export interface SessionDeps {
  bridge: Pick<
    TerminalBridge,
    'count' | 'updateWaiting' | 'applyUpdate' | 'lookupCase' | 'lookupCasesById' | 'rateCase'
  >
  flow: FlowDeps
  newSessionId(): string
  cancelSpeech(): void
}

/** Everything the session machine needs, from the bridge and the devices. */
export function createSessionDeps(bridge: TerminalBridge, devices: Devices): SessionDeps {
  return {
    bridge,
    flow: createFlowDeps(bridge, devices),
    // Time-ordered (UUIDv7) like the idempotency keys: the backend's per-day session rollup appends them.
    newSessionId: uuidv7,
    cancelSpeech,
  }
}

/** The service flow with its effects. */
export function provideFlow(deps: FlowDeps) {
  return serviceFlowMachine.provide({
    actors: {
      readIdCard: fromPromise(() => deps.readIdCard()),
      verifyFace: fromPromise<boolean, { idNumber: string }>(({ input }) => deps.verifyFace(input.idNumber)),
      submitRecord: fromPromise(({ input }) => deps.submit(input)),
      printDocument: fromPromise(({ input }) => deps.print(input)),
    },
    actions: { issueSmsCode: smsCodeIssuer(deps.makeSmsCode) },
  })
}

/** 办件进度查询 with its effects; a rating gets its idempotency key when it is sent. */
export function provideCaseLookup(deps: CaseLookupDeps) {
  return caseLookupMachine.provide({
    actors: {
      byNumber: fromPromise(({ input }) => deps.lookupByNumber(input)),
      byId: fromPromise(({ input }) => deps.lookupById(input)),
      readCard: fromPromise(() => deps.readIdCard()),
      rate: fromPromise(({ input }) => deps.rate({ ...input, key: deps.newKey() })),
    },
  })
}

/** The resident session with all its effects. */
export function provideSession(deps: SessionDeps): SessionMachine {
  const { bridge } = deps
  return sessionMachine.provide({
    actors: {
      serviceFlow: provideFlow(deps.flow),
      caseLookup: provideCaseLookup({
        lookupByNumber: (caseNumber) => bridge.lookupCase(caseNumber),
        lookupById: (idNumber) => bridge.lookupCasesById(idNumber),
        readIdCard: () => deps.flow.readIdCard(),
        rate: (rating) => bridge.rateCase(rating),
        newKey: () => deps.newSessionId(),
      }),
    },
    actions: {
      issueSessionId: sessionIdIssuer(() => deps.newSessionId()),
      count: (_, { itemCode, metric }) => {
        bridge.count(itemCode, metric).catch(() => {
          // Counters are best effort; a failed count must never break a resident's session.
        })
      },
      rateCase: (_, rating) => {
        bridge.rateCase({ ...rating, key: deps.newSessionId() }).catch(() => {
          // The rating counter is already kept; the resident can still rate the case from 办件进度查询.
        })
      },
      applyUpdateIfWaiting: () => {
        if (bridge.updateWaiting()) bridge.applyUpdate()
      },
      cancelSpeech: () => deps.cancelSpeech(),
    },
  })
}

/** The resident session machine for this terminal. */
export function createKioskMachine(bridge: TerminalBridge, devices: Devices): SessionMachine {
  return provideSession(createSessionDeps(bridge, devices))
}

/**
 * Starts the session actor and connects it to the bridge: the bridge's catalog, network and settings changes
 * go in as `catalog.updated` / `network.changed` / `settings.updated`, and the heartbeat learns whether a
 * visit is on.
 */
export function startSessionActor(
  machine: SessionMachine,
  bridge: Pick<
    TerminalBridge,
    'currentCatalog' | 'online' | 'onCatalog' | 'onNetwork' | 'reportActivity' | 'settings' | 'onSettings'
  >,
  options: Pick<ActorOptions<SessionMachine>, 'clock'> = {},
): Actor<SessionMachine> {
  const actor = createActor(machine, options).start()
  bridge.onCatalog((catalog) => actor.send({ type: 'catalog.updated', catalog }))
  bridge.onNetwork((online) => actor.send({ type: 'network.changed', online }))
  actor.send({ type: 'network.changed', online: bridge.online() })
  bridge.onSettings(({ idleSeconds }) => actor.send({ type: 'settings.updated', idleSeconds }))
  const catalog = bridge.currentCatalog()
  if (catalog) actor.send({ type: 'catalog.updated', catalog })
  const settings = bridge.settings()
  if (settings) actor.send({ type: 'settings.updated', idleSeconds: settings.idleSeconds })
  let reported: ActivityState | null = null
  actor.subscribe((snapshot) => {
    const activity = snapshot.matches('attract') ? 'idle' : 'in-session'
    if (activity !== reported) {
      reported = activity
      bridge.reportActivity(activity)
    }
  })
  return actor
}
