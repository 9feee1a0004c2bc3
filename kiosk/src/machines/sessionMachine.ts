/**
 * One resident's visit at the terminal: attract → home → department / search → guide → flow →
 * rating → thanks → attract, with the idle countdown, language and elder mode, and the usage counters.
 * Everything a resident leaves behind is dropped when the machine returns to attract.
 */
import { and, assign, setup, stateIn } from 'xstate'
import type { Metric } from '../../../mock-backend/src/contract'
import { ELDER_IDLE_FACTOR, IDLE_SECONDS } from '../../../mock-backend/src/contract/constants'
import { needsNetwork } from '../../../services-catalog/src/kinds'
import type { PublishedCatalog, ServiceItem } from '../../../services-catalog/src/schema'
import type { Lang } from '../i18n'
import type { CaseLookupMachine, CaseRatingRequest } from './caseLookupMachine'
import { actionPlaceholder, actorPlaceholder, logicPlaceholder } from './placeholders'
import type { FlowOutput, FlowResult, ServiceFlowMachine } from './serviceFlowMachine'

/** Seconds the "are you still there?" dialog counts down before the session is reset. */
export const IDLE_COUNTDOWN_SECONDS = 20
/** Idle time before the dialog appears, in ms: the terminal's setting, ELDER_IDLE_FACTOR times in elder mode. */
export const idleTimeoutMs = (context: Pick<SessionContext, 'idleSeconds' | 'elder'>): number =>
  context.idleSeconds * 1000 * (context.elder ? ELDER_IDLE_FACTOR : 1)
/** How many attract notices rotate. */
export const NOTICE_COUNT = 4

/** Where the guide was opened from, so "back" returns there. */
export type GuideOrigin = 'home' | 'department' | 'search'

/** A 好差评 level: 5 非常满意 … 1 非常不满意. */
export type RatingLevel = 1 | 2 | 3 | 4 | 5

/** What the terminal tells the session (events `catalog.updated`, `network.changed`); kept across visits. */
export interface TerminalView {
  /** The catalog a new session starts with. */
  terminalCatalog: PublishedCatalog | null
  /** Whether the backend is believed reachable (online-only items cannot start without it). */
  online: boolean
  /** Seconds without a touch before "are you still there?", as an admin set it for this terminal. */
  idleSeconds: number
  /**
   * Whether the child machines' module (`serviceFlow`, `caseLookup`) has loaded: it loads after the first tap,
   * so the entry stays small; until then a flow or a lookup first waits for `loadSessionActors`.
   */
  sessionActorsReady: boolean
}

/** Everything one visit knows; reset to `freshContext` at attract, except the terminal's view. */
export interface SessionContext extends TerminalView {
  /** The catalog this visit started with (a newer one waits for the next visit). */
  catalog: PublishedCatalog | null
  /** Whether the terminal has a catalog at all (attract shows "loading" until it has). */
  catalogReady: boolean
  sessionId: string
  lang: Lang
  elder: boolean
  departmentCode: string | null
  itemCode: string | null
  origin: GuideOrigin
  query: string
  blocked: boolean
  flowActive: boolean
  result: FlowResult | null
  rated: RatingLevel | null
  countdown: number
  noticeIndex: number
}

/** Events of the session; the UI sends them, `user.activity` on every touch. */
export type SessionEvent =
  | { type: 'session.start' }
  | { type: 'session.finish' }
  | { type: 'user.activity' }
  | { type: 'idle.continue' }
  /** A 帮办 call rings or is connected: no idle reset until `help.ended`. */
  | { type: 'help.started' }
  /** The 帮办 call ended (or its dialog closed): the idle wait starts afresh. */
  | { type: 'help.ended' }
  /**
   * A payment waits for the gateway (the resident pays on the phone, not touching the screen): no idle reset, which
   * would leave a paid order without its record, until `pay.settled` (the order's own time limit bounds the wait).
   */
  | { type: 'pay.waiting' }
  | { type: 'pay.settled' }
  | { type: 'lang.set'; lang: Lang }
  | { type: 'elder.toggle' }
  | { type: 'nav.back' }
  | { type: 'nav.home' }
  | { type: 'dept.open'; code: string }
  | { type: 'item.open'; code: string }
  | { type: 'search.open' }
  | { type: 'search.query'; text: string }
  | { type: 'flow.start' }
  | { type: 'rating.give'; level: RatingLevel }
  | { type: 'rating.skip' }
  | { type: 'cases.open' }
  /** Sent by the bridge: the catalog new sessions should use (loaded at start, or a newer version). */
  | { type: 'catalog.updated'; catalog: PublishedCatalog }
  /** Sent by the bridge when the backend becomes reachable or unreachable. */
  | { type: 'network.changed'; online: boolean }
  /** Sent by the bridge: the idle time an admin set (cached at start, or newly received); the next wait uses it. */
  | { type: 'settings.updated'; idleSeconds: number }
  /** Sent by the wiring once the child machines' module has loaded (whoever started the load). */
  | { type: 'sessionActors.loaded' }

/** Parameters of the `count` action: one more of a usage counter ('' = the terminal itself). */
export interface CountParams {
  itemCode: string
  metric: Metric
}

/** Finds an active item of the session's catalog. */
export function findItem(catalog: PublishedCatalog | null, code: string | null): ServiceItem | undefined {
  if (!catalog || !code) return undefined
  return catalog.items.find((i) => i.code === code && i.status === '有效')
}

/** A context holding nothing about any resident (only what the terminal told the session). */
export function freshContext(
  noticeIndex = 0,
  terminal: TerminalView = {
    terminalCatalog: null,
    online: true,
    idleSeconds: IDLE_SECONDS.default,
    sessionActorsReady: false,
  },
): SessionContext {
  return {
    terminalCatalog: terminal.terminalCatalog,
    online: terminal.online,
    idleSeconds: terminal.idleSeconds,
    sessionActorsReady: terminal.sessionActorsReady,
    catalog: null,
    catalogReady: false,
    sessionId: '',
    lang: 'zh',
    elder: false,
    departmentCode: null,
    itemCode: null,
    origin: 'home',
    query: '',
    blocked: false,
    flowActive: false,
    result: null,
    rated: null,
    countdown: IDLE_COUNTDOWN_SECONDS,
    noticeIndex,
  }
}

/** A case to rate at the end of a flow: a 申办/预约 that the bridge stored (delivered or queued). */
function ratableCase(result: FlowResult | null): Omit<CaseRatingRequest, 'level'> | null {
  const outcome = result?.outcome
  if (!outcome || outcome.state === 'rejected' || (result.kind !== '申办' && result.kind !== '预约'))
    return null
  return {
    transactionKey: outcome.key,
    ...(outcome.state === 'done' ? { caseNumber: outcome.result.reference } : {}),
  }
}

/** A rating counter for the item on screen (5 非常满意 … 1 非常不满意). */
const countRating = {
  type: 'count',
  params: ({ context, event }: { context: SessionContext; event: { level: RatingLevel } }) =>
    ({ itemCode: context.itemCode ?? '', metric: `rating${event.level}` }) satisfies CountParams,
} as const

/** One more of `metric` for the item on screen. */
const countItem = (metric: Metric) =>
  ({
    type: 'count',
    params: ({ context }: { context: SessionContext }) => ({ itemCode: context.itemCode ?? '', metric }),
  }) as const

/** A flow that ended without a result (cancelled, failed, or its module would not load): home, one abandon. */
const abandonFlow = {
  target: '#session.active.screen.home',
  actions: [countItem('abandons'), 'endFlow'],
} as const

/**
 * The states before a child machine starts (`preparing` is initial): on to `ready` at once if the module is
 * there, else `loading` it first; `onError` is where a failed load leads.
 */
function untilChildLoaded<const Ready extends string, const OnError>(ready: Ready, onError: OnError) {
  return {
    preparing: { always: [{ guard: 'sessionActorsReady', target: ready }, { target: 'loading' }] },
    loading: {
      invoke: {
        src: 'loadSessionActors',
        onDone: { target: ready, actions: 'markSessionActorsReady' },
        onError,
      },
    },
  } as const
}

/**
 * The session machine. Its effects are the child machines `serviceFlow` and `caseLookup` (their module
 * loads on demand: `loadSessionActors`) and the actions `count`, `rateCase`, `applyUpdateIfWaiting`,
 * `cancelSpeech` and `issueSessionId` (see `sessionIdIssuer`); `ui/wiring.ts` provides them from the bridge
 * and the devices.
 */
const sessionSetup = setup({
  types: { context: {} as SessionContext, events: {} as SessionEvent },
  actors: {
    serviceFlow: logicPlaceholder<ServiceFlowMachine>('serviceFlow'),
    caseLookup: logicPlaceholder<CaseLookupMachine>('caseLookup'),
    /** Loads the module of the two child machines (a chunk of its own, fetched after the first tap). */
    loadSessionActors: actorPlaceholder<void>('loadSessionActors'),
  },
  guards: {
    hasCatalog: ({ context }) => context.terminalCatalog !== null,
    sessionActorsReady: ({ context }) => context.sessionActorsReady,
    canStart: ({ context }) => {
      const item = findItem(context.catalog, context.itemCode)
      return item !== undefined && (!needsNetwork(item) || context.online)
    },
    cameFromDepartment: ({ context }) => context.origin === 'department',
    cameFromSearch: ({ context }) => context.origin === 'search',
    countdownOver: ({ context }) => context.countdown <= 1,
    inFlow: ({ context }) => context.flowActive,
    /** 一事一评: a 申办/预约 is a case, so its rating is stored against it too (also while queued offline). */
    resultIsCase: ({ context }) => ratableCase(context.result) !== null,
    flowCompleted: (_, output: FlowOutput) => output.outcome === 'completed',
    flowBack: (_, output: FlowOutput) => output.outcome === 'back',
  },
  actions: {
    resetSession: assign(({ context }) => freshContext(context.noticeIndex, context)),
    checkCatalog: assign(({ context }) => ({ catalogReady: context.terminalCatalog !== null })),
    markSessionActorsReady: assign({ sessionActorsReady: true }),
    endFlow: assign({ flowActive: false }),
    nextNotice: assign(({ context }) => ({ noticeIndex: (context.noticeIndex + 1) % NOTICE_COUNT })),
    beginSession: assign(({ context }) => ({ catalog: context.terminalCatalog })),
    /** Sets a new session id; provided as `sessionIdIssuer(newSessionId)`. */
    issueSessionId: actionPlaceholder('issueSessionId'),
    /** Adds one to a usage counter; best effort, it must never break a resident's session. */
    count: actionPlaceholder<CountParams>('count'),
    /** Stores the case's rating; the effect adds the idempotency key. */
    rateCase: actionPlaceholder<CaseRatingRequest>('rateCase'),
    /** Activates a waiting app version (only ever entered at attract). */
    applyUpdateIfWaiting: actionPlaceholder('applyUpdateIfWaiting'),
    /** Stops reading aloud; the machine itself never speaks. */
    cancelSpeech: actionPlaceholder('cancelSpeech'),
  },
  delays: {
    idleTimeout: ({ context }) => idleTimeoutMs(context),
    idleTick: 1000,
    noticeInterval: 6000,
    thanksDelay: 10_000,
  },
})

/** The session machine (see `sessionSetup` for its named effects). */
export const sessionMachine = sessionSetup.createMachine({
  id: 'session',
  context: freshContext(),
  initial: 'attract',
  on: {
    'lang.set': { actions: assign(({ event }) => ({ lang: event.lang })) },
    'catalog.updated': {
      actions: [assign(({ event }) => ({ terminalCatalog: event.catalog })), 'checkCatalog'],
    },
    'network.changed': { actions: assign(({ event }) => ({ online: event.online })) },
    'settings.updated': { actions: assign(({ event }) => ({ idleSeconds: event.idleSeconds })) },
    'sessionActors.loaded': { actions: 'markSessionActorsReady' },
  },
  states: {
    attract: {
      entry: ['resetSession', 'checkCatalog', 'cancelSpeech', 'applyUpdateIfWaiting'],
      initial: 'rotating',
      states: {
        rotating: {
          after: {
            noticeInterval: {
              target: 'rotating',
              reenter: true,
              actions: ['nextNotice', 'applyUpdateIfWaiting'],
            },
          },
        },
      },
      on: {
        'session.start': {
          guard: 'hasCatalog',
          target: 'active',
          actions: [
            'beginSession',
            'issueSessionId',
            { type: 'count', params: { itemCode: '', metric: 'sessions' } },
          ],
        },
        'elder.toggle': { actions: assign(({ context }) => ({ elder: !context.elder })) },
      },
    },
    active: {
      type: 'parallel',
      states: {
        screen: {
          initial: 'home',
          states: {
            home: {
              on: {
                'dept.open': {
                  target: 'department',
                  actions: assign(({ event }) => ({ departmentCode: event.code })),
                },
                'item.open': {
                  target: 'guide',
                  actions: [
                    assign(({ event }) => ({ itemCode: event.code, origin: 'home' as const })),
                    countItem('views'),
                  ],
                },
                'search.open': 'search',
                'cases.open': 'caseLookup',
              },
            },
            caseLookup: {
              // The lookup machine's module may still be loading (see `sessionActorsReady`).
              initial: 'preparing',
              states: {
                ...untilChildLoaded('open', '#session.active.screen.home'),
                open: {
                  invoke: { id: 'caseLookup', src: 'caseLookup', onDone: '#session.active.screen.home' },
                },
              },
              on: { 'nav.back': 'home', 'nav.home': 'home' },
            },
            department: {
              on: {
                'item.open': {
                  target: 'guide',
                  actions: [
                    assign(({ event }) => ({ itemCode: event.code, origin: 'department' as const })),
                    countItem('views'),
                  ],
                },
                'nav.back': 'home',
                'nav.home': 'home',
              },
            },
            search: {
              on: {
                'search.query': { actions: assign(({ event }) => ({ query: event.text })) },
                'item.open': {
                  target: 'guide',
                  actions: [
                    assign(({ event }) => ({ itemCode: event.code, origin: 'search' as const })),
                    countItem('views'),
                  ],
                },
                'nav.back': { target: 'home', actions: assign({ query: '' }) },
                'nav.home': { target: 'home', actions: assign({ query: '' }) },
              },
            },
            guide: {
              entry: assign({ blocked: false }),
              on: {
                'flow.start': [{ guard: 'canStart', target: 'flow' }, { actions: assign({ blocked: true }) }],
                'nav.back': [
                  { guard: 'cameFromDepartment', target: 'department' },
                  { guard: 'cameFromSearch', target: 'search' },
                  { target: 'home' },
                ],
                'nav.home': 'home',
              },
            },
            flow: {
              entry: [countItem('starts'), assign({ flowActive: true, result: null })],
              // The flow machine's module may still be loading (see `sessionActorsReady`).
              initial: 'preparing',
              states: {
                ...untilChildLoaded('running', abandonFlow),
                running: {
                  invoke: {
                    id: 'flow',
                    src: 'serviceFlow',
                    input: ({ context }) => {
                      const item = findItem(context.catalog, context.itemCode)
                      if (!item)
                        throw new Error(`item ${context.itemCode ?? ''} is not in the session's catalog`)
                      return {
                        item,
                        sessionId: context.sessionId,
                        catalogVersion: context.catalog?.version ?? 0,
                      }
                    },
                    onDone: [
                      {
                        guard: { type: 'flowCompleted', params: ({ event }) => event.output },
                        target: '#session.active.screen.rating',
                        actions: [
                          countItem('completions'),
                          assign(({ event }) => ({
                            flowActive: false,
                            result: event.output.outcome === 'completed' ? event.output.result : null,
                          })),
                        ],
                      },
                      {
                        guard: { type: 'flowBack', params: ({ event }) => event.output },
                        target: '#session.active.screen.guide',
                        actions: 'endFlow',
                      },
                      abandonFlow,
                    ],
                    onError: abandonFlow,
                  },
                },
              },
            },
            rating: {
              on: {
                'rating.give': [
                  {
                    guard: 'resultIsCase',
                    target: 'thanks',
                    actions: [
                      countRating,
                      {
                        type: 'rateCase',
                        params: ({ context, event }) => ({
                          ...ratableCase(context.result),
                          level: event.level,
                        }),
                      },
                      assign(({ event }) => ({ rated: event.level })),
                    ],
                  },
                  {
                    target: 'thanks',
                    actions: [countRating, assign(({ event }) => ({ rated: event.level }))],
                  },
                ],
                'rating.skip': 'thanks',
              },
            },
            thanks: {
              after: { thanksDelay: '#session.attract' },
              on: { 'session.finish': '#session.attract' },
            },
          },
        },
        idle: {
          initial: 'watching',
          // On the idle region itself, not on `active`: a transition of the parallel state exits and enters every
          // region, so the screen region (a running flow, the step the resident is on) would start over at home.
          on: {
            'pay.waiting': '.suspended',
            'help.started': '.suspended',
            'elder.toggle': [
              {
                // During a 帮办 call or a payment the idle wait stays suspended.
                guard: stateIn({ active: { idle: 'suspended' } }),
                actions: assign(({ context }) => ({ elder: !context.elder })),
              },
              // Otherwise the tap is activity: a fresh idle wait (`watching` is left and entered again; `idle` is not,
              // since re-entering it would make `active` the transition's domain and restart the screen region too).
              { target: '.watching', actions: assign(({ context }) => ({ elder: !context.elder })) },
            ],
          },
          states: {
            watching: {
              after: { idleTimeout: 'warning' },
              on: { 'user.activity': { target: 'watching', reenter: true } },
            },
            warning: {
              entry: assign({ countdown: IDLE_COUNTDOWN_SECONDS }),
              initial: 'counting',
              states: {
                counting: {
                  after: {
                    idleTick: [
                      {
                        guard: and(['countdownOver', 'inFlow']),
                        target: '#session.attract',
                        actions: countItem('abandons'),
                      },
                      { guard: 'countdownOver', target: '#session.attract' },
                      {
                        target: 'counting',
                        reenter: true,
                        actions: assign(({ context }) => ({ countdown: context.countdown - 1 })),
                      },
                    ],
                  },
                },
              },
              on: { 'idle.continue': 'watching' },
            },
            /** A 帮办 call rings or is connected, or a payment waits: no countdown; its end starts a fresh wait. */
            suspended: {
              on: { 'help.ended': 'watching', 'pay.settled': 'watching' },
            },
          },
        },
      },
    },
  },
})

/** The session machine type, for the UI. */
export type SessionMachine = typeof sessionMachine

/** The `issueSessionId` action for `.provide()`: each visit gets `newSessionId()`. */
export function sessionIdIssuer(newSessionId: () => string) {
  return assign<SessionContext, SessionEvent, unknown, SessionEvent, never>(() => ({
    sessionId: newSessionId(),
  }))
}
