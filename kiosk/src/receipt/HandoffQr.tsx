/** 扫码续办 on a kiosk screen: the mobile case page's QR code with what it is for, on results and case lookups. */
import { QrCode } from '../ui/QrCode'
import { useUi } from '../ui/uiContext'

/** Props: the case's link (PUBLIC_BASE_URL/m/#t=…) and its reference number, for the code's accessible name. */
export function HandoffQr(props: { link: string; reference: string }) {
  const { tr } = useUi()
  return (
    // Not a labelled region: a lookup shows one per case, and landmarks must be told apart (axe landmark-unique).
    <div class="handoff">
      <h2>{tr('handoffTitle')}</h2>
      <QrCode text={props.link} label={tr('handoffQrLabel', { reference: props.reference })} />
      <p class="hint">{tr('handoffHint')}</p>
    </div>
  )
}
