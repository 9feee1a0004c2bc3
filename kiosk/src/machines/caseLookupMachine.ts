/**
 * 办件进度查询: the resident finds a case by its number (on-screen keypad) or by ID card, sees the status
 * history and the promised deadline, and may rate a finished case once (一事一评) where the answer's
 * `ratable` allows it: a case this terminal took, or one found by ID card (the backend's grant, kept here
 * with the answer). A lookup by number grants nothing. Runs as a child of the session, so everything it
 * learnt (grants included) disappears when the session ends. The terminal keeps only each case's last known
 * status (no name, ID number or fingerprint; see storage/knownCaseStore.ts) to answer by number offline.
 */
import { assign, setup } from 'xstate'
import type { IdCard } from '../devices/types'
import type { CaseLookup, CaseRating, CaseRatingOutcome, RatingPass } from '../sync/terminalBridge'
import { actorPlaceholder } from './placeholders'

/** Longest case number the keypad accepts. */
export const MAX_CASE_NUMBER_LENGTH = 20
/** Keys of the case-number keypad: digits first, then the letters of reference prefixes and the rest. */
export const CASE_KEYPAD_KEYS = [...'1234567890', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'] as const

/** The effects the lookup needs; `ui/wiring.ts` provides them from the bridge and the devices, tests from fakes. */
export interface CaseLookupDeps {
  lookupByNumber(caseNumber: string): Promise<CaseLookup>
  lookupById(idNumber: string): Promise<CaseLookup>
  readIdCard(): Promise<IdCard>
  rate(rating: CaseRating): Promise<CaseRatingOutcome>
  /** The rating's idempotency key, made when it is sent. */
  newKey(): string
}

/** A rating as the lookup asks for it; the effect adds the idempotency key. */
export type CaseRatingRequest = Omit<CaseRating, 'key'>

/** What the lookup knows; dropped with the actor. */
export interface CaseLookupContext {
  input: string
  /** Held only between the card read and the answer. */
  idNumber: string | null
  answer: CaseLookup | null
  cardFailed: boolean
  rating: { transactionKey: string; outcome: CaseRatingOutcome | 'pending' } | null
}

/** Events, sent by the lookup screen. */
export type CaseLookupEvent =
  | { type: 'lookup.byNumber' }
  | { type: 'lookup.byId' }
  | { type: 'lookup.key'; key: string }
  | { type: 'lookup.delete' }
  | { type: 'lookup.clear' }
  | { type: 'lookup.submit' }
  | { type: 'lookup.again' }
  | { type: 'lookup.rate'; transactionKey: string; level: CaseRating['level'] }
  | { type: 'lookup.close' }

/** True for a case number the backend may know (letters and digits, at least 4). */
export function isCaseNumber(text: string): boolean {
  return /^[A-Z0-9]{4,20}$/.test(text)
}

/** The answer's permission to rate this case from this terminal, if any. */
export function passOf(answer: CaseLookup | null, transactionKey: string): RatingPass | undefined {
  return answer?.state === 'found'
    ? answer.ratable.find((p) => p.transactionKey === transactionKey)
    : undefined
}

const fresh = (): CaseLookupContext => ({
  input: '',
  idNumber: null,
  answer: null,
  cardFailed: false,
  rating: null,
})

/** The lookup machine; its effects are the actors `byNumber`, `byId`, `readCard` and `rate`. */
export const caseLookupMachine = setup({
  types: { context: {} as CaseLookupContext, events: {} as CaseLookupEvent },
  actors: {
    byNumber: actorPlaceholder<CaseLookup, string>('byNumber'),
    byId: actorPlaceholder<CaseLookup, string>('byId'),
    readCard: actorPlaceholder<IdCard>('readCard'),
    rate: actorPlaceholder<CaseRatingOutcome, CaseRatingRequest>('rate'),
  },
  guards: {
    validNumber: ({ context }) => isCaseNumber(context.input),
    roomForKey: ({ context, event }) =>
      event.type === 'lookup.key' &&
      context.input.length < MAX_CASE_NUMBER_LENGTH &&
      (CASE_KEYPAD_KEYS as readonly string[]).includes(event.key),
    mayRate: ({ context, event }) =>
      event.type === 'lookup.rate' &&
      context.answer?.state === 'found' &&
      context.answer.cases.some((c) => c.transactionKey === event.transactionKey && !c.rated) &&
      passOf(context.answer, event.transactionKey) !== undefined,
  },
}).createMachine({
  id: 'caseLookup',
  context: fresh,
  initial: 'choose',
  on: { 'lookup.close': '.closed' },
  states: {
    choose: {
      entry: assign(fresh),
      on: { 'lookup.byNumber': 'number', 'lookup.byId': 'readingCard' },
    },
    number: {
      on: {
        'lookup.key': {
          guard: 'roomForKey',
          actions: assign(({ context, event }) => ({ input: context.input + event.key })),
        },
        'lookup.delete': { actions: assign(({ context }) => ({ input: context.input.slice(0, -1) })) },
        'lookup.clear': { actions: assign({ input: '' }) },
        'lookup.submit': { guard: 'validNumber', target: 'searching' },
        'lookup.again': 'choose',
      },
    },
    readingCard: {
      entry: assign({ cardFailed: false }),
      invoke: {
        src: 'readCard',
        onDone: {
          target: 'searchingById',
          actions: assign(({ event }) => ({ idNumber: event.output.idNumber })),
        },
        onError: { target: 'cardError', actions: assign({ cardFailed: true }) },
      },
      on: { 'lookup.again': 'choose' },
    },
    cardError: {
      on: { 'lookup.byId': 'readingCard', 'lookup.again': 'choose' },
    },
    searching: {
      invoke: {
        src: 'byNumber',
        input: ({ context }) => context.input,
        onDone: { target: 'showing', actions: assign(({ event }) => ({ answer: event.output })) },
        onError: {
          target: 'showing',
          actions: assign({ answer: { state: 'offline' } as CaseLookup }),
        },
      },
    },
    searchingById: {
      invoke: {
        src: 'byId',
        input: ({ context }) => context.idNumber ?? '',
        onDone: {
          target: 'showing',
          actions: assign(({ event }) => ({ answer: event.output, idNumber: null })),
        },
        onError: {
          target: 'showing',
          actions: assign({ answer: { state: 'offline' } as CaseLookup, idNumber: null }),
        },
      },
    },
    showing: {
      on: {
        'lookup.again': 'choose',
        'lookup.rate': {
          guard: 'mayRate',
          target: 'rating',
          actions: assign(({ event }) => ({
            rating: { transactionKey: event.transactionKey, outcome: 'pending' as const },
          })),
        },
      },
    },
    rating: {
      invoke: {
        src: 'rate',
        input: ({ context, event }) => {
          const level = event.type === 'lookup.rate' ? event.level : 3
          const transactionKey = context.rating?.transactionKey ?? ''
          const grant = passOf(context.answer, transactionKey)?.grant?.token
          return { transactionKey, level, ...(grant ? { grant } : {}) }
        },
        onDone: {
          target: 'showing',
          actions: assign(({ context, event }) => {
            const key = context.rating?.transactionKey ?? ''
            const done = event.output === 'rated'
            const answer =
              done && context.answer?.state === 'found'
                ? {
                    ...context.answer,
                    cases: context.answer.cases.map((c) =>
                      c.transactionKey === key ? { ...c, rated: true } : c,
                    ),
                  }
                : context.answer
            return { answer, rating: { transactionKey: key, outcome: event.output } }
          }),
        },
        onError: {
          target: 'showing',
          actions: assign(({ context }) => ({
            rating: { transactionKey: context.rating?.transactionKey ?? '', outcome: 'failed' as const },
          })),
        },
      },
    },
    closed: { type: 'final' },
  },
})

/** The lookup machine type, for the screen. */
export type CaseLookupMachine = typeof caseLookupMachine
