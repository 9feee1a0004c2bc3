/**
 * One resident's visit at the terminal: attract → home → department / search → guide → flow →
 * rating → thanks → attract, with the idle countdown, language and elder mode, and the usage counters.
 * Everything a resident leaves behind is dropped when the machine returns to attract.
 */
import { assign, setup } from 'xstate'
import type { Metric } from '../../../mock-backend/src/contract'
import type { PublishedCatalog, ServiceItem } from '../../../services-catalog/src/schema'
import type { Lang } from '../i18n'
import type { TerminalBridge } from '../sync/terminalBridge'
import { type CaseLookupDeps, createCaseLookupMachine } from './caseLookupMachine'
import type { FlowDeps, FlowOutput, FlowResult } from './serviceFlowMachine'
import { createServiceFlowMachine } from './serviceFlowMachine'

/** Seconds the "are you still there?" dialog counts down before the session is reset. */
export const IDLE_COUNTDOWN_SECONDS = 20
/** Idle time before the dialog appears, in ms (normal / elder mode). */
export const IDLE_TIMEOUT_MS = { normal: 60_000, elder: 120_000 } as const
/** How many attract notices rotate. */
export const NOTICE_COUNT = 4

/** Where the guide was opened from, so "back" returns there. */
export type GuideOrigin = 'home' | 'department' | 'search'

/** A 好差评 level: 5 非常满意 … 1 非常不满意. */
export type RatingLevel = 1 | 2 | 3 | 4 | 5

/** Everything one visit knows; reset to `freshContext` at attract. */
export interface SessionContext {
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
  | { type: 'catalog.updated' }
  | { type: 'cases.open' }

/** What the session needs from the terminal: the bridge (counters, catalog, updates) and the flow's effects. */
export interface SessionDeps {
  bridge: Pick<
    TerminalBridge,
    | 'currentCatalog'
    | 'count'
    | 'online'
    | 'updateWaiting'
    | 'applyUpdate'
    | 'lookupCase'
    | 'lookupCasesById'
    | 'rateCase'
  >
  flow: FlowDeps
  newSessionId(): string
}

/** Finds an active item of the session's catalog. */
export function findItem(catalog: PublishedCatalog | null, code: string | null): ServiceItem | undefined {
  if (!catalog || !code) return undefined
  return catalog.items.find((i) => i.code === code && i.status === '有效')
}

/** A context holding nothing about any resident. */
export function freshContext(noticeIndex = 0): SessionContext {
  return {
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

/** Builds the session machine wired to the terminal's bridge and devices. */
export function createSessionMachine(deps: SessionDeps) {
  const count = (itemCode: string, metric: Metric) => {
    deps.bridge.count(itemCode, metric).catch(() => {
      // Counters are best effort; a failed count must never break a resident's session.
    })
  }
  // 办件进度查询 uses the bridge's optional case calls; without them it answers "offline".
  const caseDeps: CaseLookupDeps = {
    lookupByNumber: (n) => deps.bridge.lookupCase?.(n) ?? Promise.resolve({ state: 'offline' }),
    lookupById: (id) => deps.bridge.lookupCasesById?.(id) ?? Promise.resolve({ state: 'offline' }),
    readIdCard: () => deps.flow.readIdCard(),
    rate: (rating) => deps.bridge.rateCase?.(rating) ?? Promise.resolve('offline'),
    newKey: () => deps.newSessionId(),
  }
  return setup({
    types: { context: {} as SessionContext, events: {} as SessionEvent },
    actors: {
      serviceFlow: createServiceFlowMachine(deps.flow),
      caseLookup: createCaseLookupMachine(caseDeps),
    },
    guards: {
      hasCatalog: () => deps.bridge.currentCatalog() !== null,
      canStart: ({ context }) => {
        const item = findItem(context.catalog, context.itemCode)
        return item !== undefined && (item.network === '可离线' || deps.bridge.online())
      },
      cameFromDepartment: ({ context }) => context.origin === 'department',
      cameFromSearch: ({ context }) => context.origin === 'search',
      countdownOver: ({ context }) => context.countdown <= 1,
      flowCompleted: (_, output: FlowOutput) => output.outcome === 'completed',
      flowBack: (_, output: FlowOutput) => output.outcome === 'back',
    },
    actions: {
      resetSession: assign(({ context }) => freshContext(context.noticeIndex)),
      checkCatalog: assign(() => ({ catalogReady: deps.bridge.currentCatalog() !== null })),
      applyUpdateIfWaiting: () => {
        if (deps.bridge.updateWaiting()) deps.bridge.applyUpdate()
      },
      nextNotice: assign(({ context }) => ({ noticeIndex: (context.noticeIndex + 1) % NOTICE_COUNT })),
      beginSession: assign(() => {
        const catalog = deps.bridge.currentCatalog()
        return { catalog, sessionId: deps.newSessionId() }
      }),
      countSession: () => count('', 'sessions'),
      countView: ({ context }) => count(context.itemCode ?? '', 'views'),
      countStart: ({ context }) => count(context.itemCode ?? '', 'starts'),
      countCompletion: ({ context }) => count(context.itemCode ?? '', 'completions'),
      countAbandon: ({ context }) => count(context.itemCode ?? '', 'abandons'),
      countAbandonIfInFlow: ({ context }) => {
        if (context.flowActive) count(context.itemCode ?? '', 'abandons')
      },
      countRating: ({ context }, level: RatingLevel) => count(context.itemCode ?? '', `rating${level}`),
      /**
       * 一事一评: a 申办/预约 is a case, so its rating is stored against it too — also when the application
       * is still queued offline (the bridge keeps the rating and sends it after the transaction).
       */
      rateCase: ({ context }, level: RatingLevel) => {
        const outcome = context.result?.outcome
        const kind = context.result?.kind
        if (!outcome || outcome.state === 'rejected' || (kind !== '申办' && kind !== '预约')) return
        caseDeps
          .rate({
            transactionKey: outcome.key,
            ...(outcome.state === 'done' ? { caseNumber: outcome.result.reference } : {}),
            level,
            key: deps.newSessionId(),
          })
          .catch(() => {
            // The rating counter is already kept; the resident can still rate the case from 办件进度查询.
          })
      },
      cancelSpeech: () => {
        // Replaced by the UI with speechSynthesis.cancel(); the machine itself never speaks.
      },
    },
    delays: {
      idleTimeout: ({ context }) => (context.elder ? IDLE_TIMEOUT_MS.elder : IDLE_TIMEOUT_MS.normal),
      idleTick: 1000,
      noticeInterval: 6000,
      thanksDelay: 10_000,
    },
  }).createMachine({
    id: 'session',
    context: freshContext(),
    initial: 'attract',
    on: {
      'lang.set': { actions: assign(({ event }) => ({ lang: event.lang })) },
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
            actions: ['beginSession', 'countSession'],
          },
          'elder.toggle': { actions: assign(({ context }) => ({ elder: !context.elder })) },
          'catalog.updated': { actions: 'checkCatalog' },
        },
      },
      active: {
        type: 'parallel',
        on: {
          'elder.toggle': {
            target: '.idle.watching',
            actions: assign(({ context }) => ({ elder: !context.elder })),
          },
        },
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
                      'countView',
                    ],
                  },
                  'search.open': 'search',
                  'cases.open': 'caseLookup',
                },
              },
              caseLookup: {
                invoke: { id: 'caseLookup', src: 'caseLookup', onDone: 'home' },
                on: { 'nav.back': 'home', 'nav.home': 'home' },
              },
              department: {
                on: {
                  'item.open': {
                    target: 'guide',
                    actions: [
                      assign(({ event }) => ({ itemCode: event.code, origin: 'department' as const })),
                      'countView',
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
                      'countView',
                    ],
                  },
                  'nav.back': { target: 'home', actions: assign({ query: '' }) },
                  'nav.home': { target: 'home', actions: assign({ query: '' }) },
                },
              },
              guide: {
                entry: assign({ blocked: false }),
                on: {
                  'flow.start': [
                    { guard: 'canStart', target: 'flow' },
                    { actions: assign({ blocked: true }) },
                  ],
                  'nav.back': [
                    { guard: 'cameFromDepartment', target: 'department' },
                    { guard: 'cameFromSearch', target: 'search' },
                    { target: 'home' },
                  ],
                  'nav.home': 'home',
                },
              },
              flow: {
                entry: ['countStart', assign({ flowActive: true, result: null })],
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
                      target: 'rating',
                      actions: [
                        'countCompletion',
                        assign(({ event }) => ({
                          flowActive: false,
                          result: event.output.outcome === 'completed' ? event.output.result : null,
                        })),
                      ],
                    },
                    {
                      guard: { type: 'flowBack', params: ({ event }) => event.output },
                      target: 'guide',
                      actions: assign({ flowActive: false }),
                    },
                    { target: 'home', actions: ['countAbandon', assign({ flowActive: false })] },
                  ],
                  onError: { target: 'home', actions: ['countAbandon', assign({ flowActive: false })] },
                },
              },
              rating: {
                on: {
                  'rating.give': {
                    target: 'thanks',
                    actions: [
                      { type: 'countRating', params: ({ event }) => event.level },
                      { type: 'rateCase', params: ({ event }) => event.level },
                      assign(({ event }) => ({ rated: event.level })),
                    ],
                  },
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
                          guard: 'countdownOver',
                          target: '#session.attract',
                          actions: 'countAbandonIfInFlow',
                        },
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
            },
          },
        },
      },
    },
  })
}

/** The session machine type, for the UI. */
export type SessionMachine = ReturnType<typeof createSessionMachine>
