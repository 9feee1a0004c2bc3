/** 办事指南: what the item does, who may use it, materials, time limit, fee, what to bring, and "开始办理". */
import { needsNetwork } from '../../../../services-catalog/src/kinds'
import type { ServiceItem } from '../../../../services-catalog/src/schema'
import { pick } from '../../i18n'
import { useUi } from '../uiContext'
import { type HandoffSource, PaymentHandoff } from './PaymentHandoff'

/**
 * Props: the item, network state, whether a start was refused, the start action, and where an offline 缴费's
 * hand-off reads the terminal's settings and id.
 */
export function GuideScreen(props: {
  item: ServiceItem
  online: boolean
  blocked: boolean
  onStart: () => void
  handoff: HandoffSource
}) {
  const { tr, lang } = useUi()
  const { item } = props
  const onlineOnly = needsNetwork(item)
  const time =
    item.timeLimit.days === 0
      ? tr('timeImmediate')
      : tr('timeDays', {
          days: item.timeLimit.days,
          unit: tr(item.timeLimit.unit === '工作日' ? 'unitWorkdays' : 'unitCalendarDays'),
        })
  const fee = item.fee.charged
    ? item.fee.standard
      ? pick(item.fee.standard, lang)
      : tr('feeCharged')
    : tr(item.kind === '缴费' ? 'feeNoHandling' : 'feeFree')
  return (
    <div class="screen">
      <h1>{pick(item.name, lang)}</h1>
      <dl class="guide">
        <dt>{tr('guideSummary')}</dt>
        <dd>{pick(item.guide.summary, lang)}</dd>
        <dt>{tr('guideEligibility')}</dt>
        <dd>{pick(item.guide.eligibility, lang)}</dd>
        <dt>{tr('guideMaterials')}</dt>
        <dd>
          {item.materials.length === 0 ? (
            tr('guideNoMaterials')
          ) : (
            <ul>
              {item.materials.map((m) => (
                <li key={m.name.zh}>
                  {pick(m.name, lang)}（
                  {tr('materialCopies', {
                    form: tr(m.form === '纸质' ? 'formPaper' : 'formElectronic'),
                    copies: m.copies,
                  })}
                  ）{m.required ? '' : tr('materialOptional')}
                  {m.form === '纸质' && ` · ${tr('materialBringOriginal')}`}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{tr('guideTimeLimit')}</dt>
        <dd>{time}</dd>
        <dt>{tr('guideFee')}</dt>
        <dd>{fee}</dd>
        <dt>{tr('guideBring')}</dt>
        <dd>{pick(item.guide.bring, lang)}</dd>
      </dl>
      {item.kind === '缴费' && props.online && <p class="hint">{tr('guidePaymentOnline')}</p>}
      {!props.online && (
        <p class={onlineOnly ? 'warning' : 'hint'} role={props.blocked ? 'alert' : undefined}>
          {onlineOnly
            ? tr(item.kind === '缴费' ? 'guidePaymentOffline' : 'guideOnlineOnly')
            : tr('guideOfflineQueue')}
        </p>
      )}
      {!props.online && item.kind === '缴费' && <PaymentHandoff item={item} source={props.handoff} />}
      <button type="button" class="btn btn-primary btn-big" data-help-id="flow.start" onClick={props.onStart}>
        {tr('guideStart')}
      </button>
    </div>
  )
}
