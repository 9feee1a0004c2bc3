/**
 * 办件进度查询: choose number or ID card, type the case number on the on-screen keypad, and read the
 * status history and promised deadline. Offline it shows the status this terminal recorded earlier for
 * that number, says when it was recorded, and offers no rating; by ID card it says the lookup needs the
 * network. Rating buttons appear only where the answer lets this terminal rate (its own case, or a lookup by
 * ID card); after a lookup by number it says that rating needs a lookup by ID card.
 */
import type { ActorRefFrom } from 'xstate'
import type { MessageKey } from '../../i18n'
import { pick } from '../../i18n'
import {
  type CaseLookupMachine,
  isCaseNumber,
  MAX_CASE_NUMBER_LENGTH,
  passOf,
} from '../../machines/caseLookupMachine'
import type { RatingLevel } from '../../machines/sessionMachine'
import { HandoffQr } from '../../receipt/HandoffQr'
import type { CaseRatingOutcome, CaseView, LastKnownCase } from '../../sync/terminalBridge'
import { recordedWhen } from '../cases/recordedWhen'
import { useUi } from '../uiContext'
import { useActorSnapshot } from '../useActorSnapshot'
import { RATING_LEVELS } from './ResultScreen'

const KEY_ROWS = ['1234567890', 'ABCDEFGHI', 'JKLMNOPQR', 'STUVWXYZ'] as const

const STATUS_KEY: Record<string, MessageKey> = {
  已受理: 'caseStatusAccepted',
  办理中: 'caseStatusProcessing',
  办结: 'caseStatusDone',
  不予受理: 'caseStatusRefused',
}

const RATING_RESULT: Record<CaseRatingOutcome, MessageKey> = {
  rated: 'caseRated',
  queued: 'caseRateQueued',
  notRatable: 'caseNotRatable',
  grantExpired: 'caseRateExpired',
  offline: 'caseRateOffline',
  failed: 'caseRateFailed',
}

/** `2026-11-27 10:05` in Asia/Shanghai, whatever the terminal's clock zone. */
export function shanghaiMinute(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/** Props: the lookup actor (a child of the session). */
export function CaseLookupScreen(props: { lookup: ActorRefFrom<CaseLookupMachine> }) {
  const { tr } = useUi()
  const snapshot = useActorSnapshot(props.lookup)
  const ctx = snapshot.context
  const send = props.lookup.send.bind(props.lookup)
  const again = (
    <button
      type="button"
      class="btn"
      data-help-id="lookup.again"
      onClick={() => send({ type: 'lookup.again' })}
    >
      {tr('caseAgain')}
    </button>
  )

  let body = null
  if (snapshot.matches('choose') || snapshot.matches('cardError')) {
    body = (
      <>
        <p class="lead">{tr('caseChoose')}</p>
        {snapshot.matches('cardError') && (
          <p class="field-error" role="alert">
            {tr('errCard')}
          </p>
        )}
        <div class="grid">
          <button
            type="button"
            class="tile"
            data-help-id="lookup.byNumber"
            onClick={() => send({ type: 'lookup.byNumber' })}
          >
            {tr('caseByNumber')}
          </button>
          <button
            type="button"
            class="tile"
            data-help-id="lookup.byId"
            onClick={() => send({ type: 'lookup.byId' })}
          >
            {tr('caseById')}
          </button>
        </div>
        <p class="hint">{tr('caseSwipe')}</p>
      </>
    )
  } else if (snapshot.matches('readingCard')) {
    body = (
      <p class="hint" role="status">
        {tr('identifyReading')}
      </p>
    )
  } else if (snapshot.matches('number')) {
    body = (
      <>
        <p class="hint">{tr('caseNumberHint')}</p>
        <input
          class="display"
          readOnly
          inputMode="none"
          aria-label={tr('caseNumberLabel')}
          maxLength={MAX_CASE_NUMBER_LENGTH}
          value={ctx.input}
        />
        <div class="letters">
          {KEY_ROWS.map((row) => (
            <div class="letters-row" key={row}>
              {[...row].map((key) => (
                <button
                  type="button"
                  class="key"
                  key={key}
                  data-help-id={`lookup.key.${key}`}
                  onClick={() => send({ type: 'lookup.key', key })}
                >
                  {key}
                </button>
              ))}
            </div>
          ))}
          <div class="letters-row">
            <button
              type="button"
              class="key key-wide"
              data-help-id="lookup.delete"
              onClick={() => send({ type: 'lookup.delete' })}
            >
              {tr('keyDelete')}
            </button>
            <button
              type="button"
              class="key key-wide"
              data-help-id="lookup.clear"
              onClick={() => send({ type: 'lookup.clear' })}
            >
              {tr('keyClear')}
            </button>
          </div>
        </div>
        <div class="actions">
          {again}
          <button
            type="button"
            class="btn btn-primary"
            data-help-id="lookup.submit"
            disabled={!isCaseNumber(ctx.input)}
            onClick={() => send({ type: 'lookup.submit' })}
          >
            {tr('caseSearch')}
          </button>
        </div>
      </>
    )
  } else if (snapshot.matches('searching') || snapshot.matches('searchingById')) {
    body = (
      <p class="hint" role="status">
        {tr('caseSearching')}
      </p>
    )
  } else if (ctx.answer) {
    const answer = ctx.answer
    body = (
      <>
        {answer.state === 'offline' && <LastKnown cases={answer.lastKnown ?? []} />}
        {answer.state === 'needsNetwork' && (
          <p class="warning" role="alert">
            {tr('caseByIdNeedsNetwork')}
          </p>
        )}
        {answer.state === 'rateLimited' && (
          <p class="warning" role="alert">
            {tr('caseRateLimited')}
          </p>
        )}
        {answer.state === 'notFound' && (
          <p class="warning" role="status">
            {tr('caseNotFound')}
          </p>
        )}
        {answer.state === 'failed' && (
          <p class="warning" role="alert">
            {tr('caseFailed')}
          </p>
        )}
        {answer.state === 'found' && (
          <>
            <p class="lead" role="status">
              {tr('caseCount', { count: answer.cases.length })}
            </p>
            {answer.cases.some((c) => !c.rated && !passOf(answer, c.transactionKey)) && (
              <p class="hint rate-needs-id">{tr('caseRateNeedsId')}</p>
            )}
            {answer.cases.map((c) => (
              <CaseCard
                key={c.transactionKey}
                item={c}
                caseLink={answer.caseLinks?.[c.transactionKey]}
                ratable={passOf(answer, c.transactionKey) !== undefined}
                busy={snapshot.matches('rating')}
                ratingResult={
                  ctx.rating?.transactionKey === c.transactionKey && ctx.rating.outcome !== 'pending'
                    ? ctx.rating.outcome
                    : null
                }
                onRate={(level) => send({ type: 'lookup.rate', transactionKey: c.transactionKey, level })}
              />
            ))}
          </>
        )}
        <div class="actions">{again}</div>
      </>
    )
  }

  return (
    <div class="screen case-lookup">
      <h1>{tr('caseTitle')}</h1>
      {body}
    </div>
  )
}

/** The offline answer: the statuses recorded on this terminal, labelled with when, or why there are none. */
function LastKnown(props: { cases: LastKnownCase[] }) {
  const { tr, lang } = useUi()
  const { cases } = props
  if (cases.length === 0) {
    return (
      <>
        <p class="warning" role="alert">
          {tr('caseOffline')}
        </p>
        <p class="hint">{tr('caseOfflineNone')}</p>
      </>
    )
  }
  const oneTime = cases.every((c) => c.recordedAt === cases[0]?.recordedAt)
  return (
    <>
      <p class="warning last-known" role="alert">
        {oneTime
          ? tr('caseLastKnown', { when: recordedWhen(cases[0]?.recordedAt ?? '', lang) })
          : tr('caseLastKnownMany')}
      </p>
      {cases.map((c) => (
        <CaseCard key={c.view.transactionKey} item={c.view} recordedAt={oneTime ? undefined : c.recordedAt} />
      ))}
    </>
  )
}

function CaseCard(props: {
  item: CaseView
  /** Set for a last-known status shown offline (read only: no rating). */
  recordedAt?: string
  busy?: boolean
  /** Whether this terminal may rate the case (the answer's `ratable`). */
  ratable?: boolean
  /** 扫码续办: the case's mobile page link, from a live answer only. */
  caseLink?: string | undefined
  ratingResult?: CaseRatingOutcome | null
  onRate?: (level: RatingLevel) => void
}) {
  const { tr, lang } = useUi()
  const c = props.item
  const live = props.onRate !== undefined
  const limit = c.limit.immediate
    ? tr('caseLimitImmediate')
    : tr(c.limit.unit === '自然日' ? 'caseLimitDays' : 'caseLimitWorkdays', { days: c.limit.days })
  const status = (s: string) => (STATUS_KEY[s] ? tr(STATUS_KEY[s]) : s)
  const canRate = live && props.ratable === true && c.status === '办结' && !c.rated
  return (
    <section class="confirm case-card" aria-label={`${tr('caseNumberLabel')} ${c.caseNumber}`}>
      <dl>
        <div class="confirm-row">
          <dt>{tr('caseNumberLabel')}</dt>
          <dd>{c.caseNumber}</dd>
        </div>
        <div class="confirm-row">
          <dt>{tr('caseItem')}</dt>
          <dd>{pick(c.itemName, lang)}</dd>
        </div>
        <div class="confirm-row">
          <dt>{tr('caseDepartment')}</dt>
          <dd>{pick(c.departmentName, lang)}</dd>
        </div>
        <div class="confirm-row">
          <dt>{tr('caseAccepted')}</dt>
          <dd>{shanghaiMinute(c.acceptedAt)}</dd>
        </div>
        <div class="confirm-row">
          <dt>{tr('caseLimit')}</dt>
          <dd>{limit}</dd>
        </div>
        <div class="confirm-row">
          <dt>{tr('caseDue')}</dt>
          <dd>{c.dueDay || tr('caseDueUnknown')}</dd>
        </div>
        <div class="confirm-row">
          <dt>{tr('caseStatus')}</dt>
          <dd class="case-status">{status(c.status)}</dd>
        </div>
        {props.recordedAt && (
          <div class="confirm-row">
            <dt>{tr('caseRecordedAt')}</dt>
            <dd>{recordedWhen(props.recordedAt, lang)}</dd>
          </div>
        )}
      </dl>
      {c.supplement && (
        <section
          class={c.supplement.answeredAt ? 'case-supplement success' : 'case-supplement warning'}
          aria-label={tr('caseSupplementTitle')}
        >
          <h2>
            {c.supplement.answeredAt
              ? tr('caseSupplementAnswered', { at: shanghaiMinute(c.supplement.answeredAt) })
              : tr('caseSupplementAsked', { material: pick(c.supplement.materialName, lang) })}
          </h2>
          {c.supplement.answeredAt === null && (
            <>
              <p>{pick(c.supplement.reason, lang)}</p>
              <p class="hint">{tr('caseSupplementHow')}</p>
            </>
          )}
        </section>
      )}
      {!c.calendarCovered && <p class="hint">{tr('caseCalendarNote')}</p>}
      {c.overdue && <p class="warning">{tr('caseOverdue')}</p>}
      <h2>{tr('caseHistory')}</h2>
      <ol class="case-history">
        {c.history.map((h) => (
          <li key={`${h.status}-${h.at}`}>
            {shanghaiMinute(h.at)} {status(h.status)}
          </li>
        ))}
      </ol>
      {props.caseLink && <HandoffQr link={props.caseLink} reference={c.caseNumber} />}
      {canRate && (
        <section class="rating" aria-label={tr('caseRateTitle')}>
          <h2>{tr('caseRateTitle')}</h2>
          <div class="rating-buttons">
            {RATING_LEVELS.map(({ level, key }) => (
              <button
                type="button"
                key={level}
                class={`tile rating-btn rating-${level}`}
                data-help-id={`rating.${level}`}
                disabled={props.busy}
                onClick={() => props.onRate?.(level)}
              >
                {tr(key)}
              </button>
            ))}
          </div>
        </section>
      )}
      {props.busy && !props.ratingResult && canRate && (
        <p class="hint" role="status">
          {tr('caseRating')}
        </p>
      )}
      {props.ratingResult && (
        <p class={props.ratingResult === 'rated' ? 'success' : 'warning'} role="status">
          {tr(RATING_RESULT[props.ratingResult])}
        </p>
      )}
    </section>
  )
}
