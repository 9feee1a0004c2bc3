/** The mobile case page's body: the case's facts in the chosen language, or why the link does not open. */
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { MobileCaseAnswer } from '../../../mock-backend/src/contract/handoff'
import type { CaseState, LinkState } from './caseRequest'
import type { SupplementProps } from './SupplementCard'
import { fill, type MobileLang, type MobileStrings, UNIT_EN } from './strings'

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
export const minute = (iso: string) => {
  const ms = Date.parse(iso)
  return Number.isNaN(ms) ? iso : new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}

function Row(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="row">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  )
}

function statusClass(status: string) {
  return status === '办结' ? 'status done' : status === '不予受理' ? 'status refused' : 'status'
}

/** The 补正 card with its upload, a chunk of its own: loaded only while a request is open. */
function LazySupplement(props: SupplementProps) {
  const [Card, setCard] = useState<((p: SupplementProps) => ComponentChildren) | null>(null)
  useEffect(() => {
    void import('./SupplementCard').then((m) => setCard(() => m.SupplementCard))
  }, [])
  return Card ? <Card {...props} /> : null
}

function Found(props: { c: MobileCaseAnswer; t: MobileStrings; lang: MobileLang; onAnswered: () => void }) {
  const { c, t, lang, onAnswered } = props
  const pick = (text: { zh: string; en: string } | null) => (text ? text[lang] || text.zh : '')
  const limit = c.limit
    ? c.limit.days === 0
      ? t.limitImmediate
      : fill(t.limitDays, {
          days: c.limit.days,
          unit: lang === 'en' ? (UNIT_EN[c.limit.unit] ?? c.limit.unit) : c.limit.unit,
        })
    : null
  return (
    <>
      <h1>{pick(c.item) || c.document?.title || t.title}</h1>
      {c.status && <p class={statusClass(c.status)}>{t.statuses[c.status] ?? c.status}</p>}
      {c.payment && <p class="status done">{t.paid}</p>}
      <section class="card" aria-label={t.title}>
        <dl>
          <Row label={t.reference}>{c.reference}</Row>
          {c.department && <Row label={t.department}>{pick(c.department)}</Row>}
          {c.acceptedAt && <Row label={t.accepted}>{minute(c.acceptedAt)}</Row>}
          {limit && <Row label={t.limit}>{limit}</Row>}
          {c.dueDay && <Row label={t.due}>{c.dueDay}</Row>}
          {c.finishedAt && <Row label={t.finished}>{minute(c.finishedAt)}</Row>}
          {c.appointment && <Row label={t.appointment}>{minute(c.appointment.at)}</Row>}
          {c.appointment && <Row label={t.place}>{c.appointment.place}</Row>}
          {c.payment && (
            <Row label={t.payment}>{fill(t.amount, { yuan: (c.payment.amountFen / 100).toFixed(2) })}</Row>
          )}
        </dl>
        {c.overdue && <p class="warn">{t.overdue}</p>}
      </section>
      {c.document && (
        <section class="card" aria-label={c.document.title}>
          {c.document.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </section>
      )}
      {c.supplement?.answeredAt && (
        <section class="card">
          <h2>{t.supplementTitle}</h2>
          <p>{pick(c.supplement.material)}</p>
          <p>{fill(t.supplementAnswered, { time: minute(c.supplement.answeredAt) })}</p>
        </section>
      )}
      {c.supplement && c.supplement.answeredAt === null && (
        <LazySupplement c={c} t={t} lang={lang} onAnswered={onAnswered} />
      )}
      {(c.bring || c.where) && (
        <section class="card">
          {c.bring && (
            <>
              <h2>{t.bringTitle}</h2>
              <p>{pick(c.bring)}</p>
            </>
          )}
          {c.where && (
            <>
              <h2>{t.whereTitle}</h2>
              <p>{pick(c.where)}</p>
            </>
          )}
        </section>
      )}
      {c.materials.length > 0 && (
        <section class="card">
          <h2>{t.materialsTitle}</h2>
          <ul class="materials">
            {c.materials.map((m) => (
              <li key={m.name.zh}>
                {fill(t.materialLine, {
                  name: pick(m.name),
                  how: m.licence ? fill(t.materialReused, { licence: m.licence }) : t.materialUploaded,
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {c.history.length > 0 && (
        <section class="card">
          <h2>{t.history}</h2>
          <ol>
            {c.history.map((h) => (
              <li key={`${h.status}-${h.at}`}>
                {minute(h.at)} {t.statuses[h.status] ?? h.status}
              </li>
            ))}
          </ol>
        </section>
      )}
      {c.validUntil && <p class="note">{fill(t.validUntil, { day: c.validUntil })}</p>}
    </>
  )
}

/** The page's main content for one state. */
export function CasePage(props: {
  state: CaseState
  t: MobileStrings
  lang: MobileLang
  onRetry: () => void
}) {
  const { state, t } = props
  return state.state === 'found' ? (
    <Found c={state.found} t={t} lang={props.lang} onAnswered={props.onRetry} />
  ) : (
    <LinkProblem state={state} t={t} expiredBody={t.expiredBody} onRetry={props.onRetry} />
  )
}

/** Any link's state but found: loading, refused, expired (in the link kind's words) or a failure to retry. */
export function LinkProblem(props: {
  state: Exclude<LinkState<unknown>, { state: 'found' }>
  t: MobileStrings
  expiredBody: string
  onRetry: () => void
}) {
  const { state, t } = props
  switch (state.state) {
    case 'loading':
      return (
        <p class="note" role="status">
          {t.loading}
        </p>
      )
    case 'refused':
    case 'expired':
      return (
        <section class="card" role="alert">
          <h1>{state.state === 'refused' ? t.refusedTitle : t.expiredTitle}</h1>
          <p>{state.state === 'refused' ? t.refusedBody : props.expiredBody}</p>
        </section>
      )
    case 'failed':
      return (
        <section class="card" role="alert">
          <h1>{t.failedTitle}</h1>
          <p>{t.failedBody}</p>
          <button type="button" class="retry" onClick={props.onRetry}>
            {t.retry}
          </button>
        </section>
      )
  }
}
