/**
 * The 缴费 hand-off on an offline kiosk's guide (contract/paymentHandoff.ts): a QR code that continues this payment
 * on the resident's phone, signed here without the network; and where else to pay. Without a hand-off key in the
 * terminal's settings (a server with no PUBLIC_BASE_URL) only the other ways are named.
 */
import { useEffect, useState } from 'preact/hooks'
import { PAYMENT_HANDOFF_VALID_MINUTES } from '../../../../mock-backend/src/contract/paymentHandoff'
import type { ServiceItem } from '../../../../services-catalog/src/schema'
import { pick } from '../../i18n'
import type { TerminalBridge } from '../../sync/terminalBridge'
import { QrCode } from '../QrCode'
import { useUi } from '../uiContext'

/** What the hand-off reads of the terminal: its cached settings and its id. */
export type HandoffSource = Pick<TerminalBridge, 'settings' | 'status'>

/** Props: the 缴费 item and where the terminal's settings and id come from. */
export function PaymentHandoff(props: { item: ServiceItem; source: HandoffSource }) {
  const { tr, lang } = useUi()
  const [link, setLink] = useState<string | null>(null)
  const code = props.item.code
  useEffect(() => {
    let alive = true
    const signing = props.source.settings()?.paymentHandoff
    if (!signing) return
    void (async () => {
      const { terminalId } = await props.source.status()
      if (!terminalId) return
      const { paymentHandoffLink } = await import('../../payments/handoffLink')
      const drawn = await paymentHandoffLink({ ...signing, terminalId }, code, Date.now())
      if (alive) setLink(drawn)
    })().catch((error: unknown) => console.warn('payment hand-off not drawn', error))
    return () => {
      alive = false
    }
  }, [props.source, code])
  return (
    <section class="handoff" aria-labelledby="pay-handoff-title">
      <h2 id="pay-handoff-title">{tr('payHandoffTitle')}</h2>
      {link && (
        <>
          <QrCode text={link} label={tr('payHandoffQrLabel', { item: pick(props.item.name, lang) })} />
          <p class="hint">{tr('payHandoffHint', { minutes: PAYMENT_HANDOFF_VALID_MINUTES })}</p>
        </>
      )}
      <p class="hint">{tr('payHandoffElsewhere')}</p>
    </section>
  )
}
