/**
 * What the kiosk shows when no helper can be reached — nobody answered in time, it is out of the centre's hours,
 * or the terminal is offline: the centre's phone, opening hours and nearest hall (read aloud in elder mode), and a
 * call-back: the resident types a number on the keypad, it is checked (a mainland mobile or landline) and queued
 * (durably stored on the terminal before the screen says so), and from then on the screen shows it masked only.
 */
import { useEffect, useState } from 'preact/hooks'
import {
  callbackNumberProblem,
  type HelpContact,
  maskPhone,
} from '../../../mock-backend/src/contract/helpDeskRules'
import { Keypad } from '../ui/keyboards/Keypad'
import { speak } from '../ui/speech'
import { useUi } from '../ui/uiContext'
import { hoursText } from './hoursText'

/** Why nobody can be reached. */
export type NoAnswerReason = 'noAnswer' | 'closed' | 'offline'

/** Longest number the keypad takes (a landline with a 4-digit area code). */
const PHONE_MAX_DIGITS = 12

/** Props: why, the centre's contact (null until an admin set it), and where a typed number goes. */
export interface NoAnswerProps {
  reason: NoAnswerReason
  contact: HelpContact | null
  /** Resolves once the call-back is durably stored (only then does the screen say it is queued). */
  onCallback: (phone: string) => Promise<void>
}

/** The phone information and the call-back offer. */
export function NoAnswer({ reason, contact, onCallback }: NoAnswerProps) {
  const { tr, lang, elder } = useUi()
  const [typing, setTyping] = useState(false)
  const [phone, setPhone] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [sent, setSent] = useState<string | null>(null)
  const headline = tr(
    reason === 'closed' ? 'helpClosed' : reason === 'offline' ? 'helpOffline' : 'helpNoAnswer',
  )
  const contactText = contact
    ? tr('helpContactSpoken', {
        phone: contact.phone,
        hours: hoursText(contact.hours, lang),
        hall: contact.hall.name,
        address: contact.hall.address,
      })
    : tr('helpNoContact')

  useEffect(() => {
    if (elder) speak(`${headline} ${contactText} ${tr('helpCallbackOffer')}`, lang)
  }, [elder, lang])

  const [saving, setSaving] = useState(false)
  const submit = async () => {
    const wrong = callbackNumberProblem(phone)
    if (wrong) return setProblem(tr(wrong === 'empty' ? 'helpPhoneEmpty' : 'helpPhoneWrong'))
    setSaving(true)
    try {
      await onCallback(phone)
    } catch {
      // Not stored (a full disk …): say so, keep the number typed so the resident can try again.
      setProblem(tr('helpCallbackFailed'))
      return
    } finally {
      setSaving(false)
    }
    setSent(maskPhone(phone))
    setPhone('')
    setTyping(false)
    if (elder) speak(tr('helpCallbackQueued', { phone: maskPhone(phone) }), lang)
  }

  return (
    <section class="no-answer" data-testid="help-no-answer" data-reason={reason}>
      <p class="help-status" role="status">
        {headline}
      </p>
      {contact ? (
        <dl class="help-contact">
          <dt>{tr('helpPhoneLabel')}</dt>
          <dd data-testid="help-centre-phone">{contact.phone}</dd>
          <dt>{tr('helpHoursLabel')}</dt>
          <dd>{hoursText(contact.hours, lang)}</dd>
          <dt>{tr('helpHallLabel')}</dt>
          <dd>
            {contact.hall.name}
            <br />
            {contact.hall.address}
          </dd>
        </dl>
      ) : (
        <p>{contactText}</p>
      )}
      {sent ? (
        <p class="help-callback-done" role="status" data-testid="help-callback-queued">
          {tr('helpCallbackQueued', { phone: sent })}
        </p>
      ) : typing ? (
        <div class="help-callback">
          <p class="hint" id="help-callback-hint">
            {tr('helpCallbackHint')}
          </p>
          <input
            class="display"
            readOnly
            inputMode="none"
            aria-label={tr('helpCallbackLabel')}
            aria-describedby="help-callback-hint"
            aria-invalid={problem ? true : undefined}
            value={phone}
            data-testid="help-callback-phone"
          />
          {problem && (
            <p class="error" role="alert">
              {problem}
            </p>
          )}
          <Keypad
            value={phone}
            onChange={(value) => {
              setPhone(value)
              setProblem(null)
            }}
            maxLength={PHONE_MAX_DIGITS}
            label={tr('helpCallbackLabel')}
          />
          <button
            type="button"
            class="btn btn-primary"
            data-testid="help-callback-submit"
            disabled={saving}
            onClick={() => void submit()}
          >
            {tr('helpCallbackSubmit')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          class="btn btn-primary"
          data-testid="help-callback-start"
          onClick={() => setTyping(true)}
        >
          {tr('helpCallbackOffer')}
        </button>
      )}
    </section>
  )
}
