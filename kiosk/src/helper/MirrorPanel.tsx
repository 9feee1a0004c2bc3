/**
 * The resident's screen on the helper console, from the kiosk's structured mirror: screen, item, step, language,
 * elder mode, the masked details when the resident consented, and every tappable element as a button that points
 * at it on the kiosk. Nothing here is a picture of the screen, and nothing personal arrives without consent.
 */
import type { HelpMirror } from '../../../mock-backend/src/contract/helpMirror'
import { useMessages } from '../consoles/i18n'
import { helperMessages } from './messages'

/** Props: the latest mirror, the kiosk's answer to the last pointer, and how to point. */
export function MirrorPanel(props: {
  mirror: HelpMirror | null
  pointed: { target: string; found: boolean } | null
  onPoint: (target: string) => void
}) {
  const m = useMessages(helperMessages)
  const { mirror, pointed } = props
  if (!mirror) {
    return (
      <section aria-labelledby="mirror-title" class="mirror">
        <h3 id="mirror-title">{m.mirrorTitle}</h3>
        <p>{m.mirrorWaiting}</p>
      </section>
    )
  }
  const facts: Array<[string, string]> = [
    [m.mirrorScreen, mirror.screen],
    [m.mirrorItem, mirror.item ? `${mirror.item.name}（${mirror.item.code}）` : '—'],
    [m.mirrorStep, mirror.step ? m.stepOf(mirror.step.index + 1, mirror.step.count, mirror.step.kind) : '—'],
    [m.mirrorLang, mirror.lang === 'zh' ? '中文' : 'English'],
    [m.mirrorElder, mirror.elder ? m.yes : m.no],
  ]
  const details = mirror.details
  return (
    <section aria-labelledby="mirror-title" class="mirror" data-mirror-screen={mirror.screen}>
      <h3 id="mirror-title">{m.mirrorTitle}</h3>
      <dl class="mirror-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="mirror-details" class="mirror-details">
        <h4 id="mirror-details">{m.mirrorDetails}</h4>
        {details ? (
          <dl class="mirror-facts" data-testid="mirror-details">
            {details.name && (
              <div>
                <dt>{m.detailName}</dt>
                <dd>{details.name}</dd>
              </div>
            )}
            {details.idNumber && (
              <div>
                <dt>{m.detailId}</dt>
                <dd>{details.idNumber}</dd>
              </div>
            )}
            {details.phone && (
              <div>
                <dt>{m.detailPhone}</dt>
                <dd>{details.phone}</dd>
              </div>
            )}
          </dl>
        ) : (
          <p>{m.mirrorNoConsent}</p>
        )}
      </section>
      <p aria-live="polite" class="mirror-pointed">
        {pointed && (pointed.found ? m.pointedShown(pointed.target) : m.pointedMissing(pointed.target))}
      </p>
      <ul class="mirror-elements" aria-label={m.mirrorElements}>
        {mirror.elements.map((element, i) => (
          <li key={`${element.id}:${i}`}>
            <button type="button" data-point={element.id} onClick={() => props.onPoint(element.id)}>
              <span>{element.label || m.privateLabel}</span>
              <code>{element.id}</code>
              {element.role === 'input' && <span>{m.filled(element.filled ?? 0)}</span>}
              {!element.enabled && <span>{m.disabled}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
