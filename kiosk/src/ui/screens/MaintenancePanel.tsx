/**
 * Hidden maintenance screen (five taps top-left, then a PIN): terminal status from the bridge,
 * enrolment with a one-time code, and the simulated printer's paper switch.
 */
import { useEffect, useState } from 'preact/hooks'
import type { Devices } from '../../devices/types'
import type { TerminalBridge, TerminalStatus } from '../../sync/terminalBridge'
import { Keypad } from '../keyboards/Keypad'
import { LetterKeyboard } from '../keyboards/LetterKeyboard'
import { useUi } from '../uiContext'
import { enrolErrorText } from './enrolErrorText'

/** The maintenance PIN (build-time env, default 2580). */
export const MAINTENANCE_PIN: string = import.meta.env.VITE_MAINTENANCE_PIN || '2580'

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** Props: the bridge, the devices and the close action. */
export function MaintenancePanel(props: { bridge: TerminalBridge; devices: Devices; onClose: () => void }) {
  const { tr } = useUi()
  const [pin, setPin] = useState('')
  const [unlocked, setUnlocked] = useState(false)
  const [pinWrong, setPinWrong] = useState(false)
  const [status, setStatus] = useState<TerminalStatus | null>(null)
  const [code, setCode] = useState('')
  const [upper, setUpper] = useState(true)
  const [message, setMessage] = useState('')
  const [paperOut, setPaperOut] = useState(props.devices.paperOut())

  const refresh = () => {
    props.bridge
      .status()
      .then(setStatus)
      .catch(() => setStatus(null))
  }
  useEffect(() => {
    if (unlocked) refresh()
  }, [unlocked])

  const tryPin = (value: string) => {
    setPin(value)
    setPinWrong(false)
    if (value.length === MAINTENANCE_PIN.length) {
      if (value === MAINTENANCE_PIN) setUnlocked(true)
      else {
        setPinWrong(true)
        setPin('')
      }
    }
  }
  const enrol = () => {
    setMessage('')
    props.bridge
      .enrol(code)
      .then(() => {
        setMessage(tr('maintEnrolled'))
        setCode('')
        refresh()
      })
      .catch((error: unknown) => setMessage(tr('maintEnrolFailed', { message: enrolErrorText(error, tr) })))
  }
  const row = (label: string, value: string) => (
    <div class="confirm-row" key={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
  return (
    <div class="backdrop">
      <div class="dialog maintenance" role="dialog" aria-modal="true" aria-labelledby="maint-title">
        <h2 id="maint-title">{tr('maintTitle')}</h2>
        {!unlocked ? (
          <>
            <p>{tr('maintPin')}</p>
            <input
              class="display"
              readOnly
              inputMode="none"
              aria-label={tr('maintPin')}
              value={'•'.repeat(pin.length)}
            />
            {pinWrong && (
              <p class="field-error" role="alert">
                {tr('maintPinWrong')}
              </p>
            )}
            <Keypad value={pin} onChange={tryPin} maxLength={MAINTENANCE_PIN.length} label={tr('maintPin')} />
          </>
        ) : (
          <>
            {status && (
              <dl class="confirm">
                {row(tr('maintTerminal'), status.terminalId ?? tr('maintNone'))}
                {row(tr('maintTerminalName'), status.terminalName ?? tr('maintNone'))}
                {row(tr('maintApp'), status.appVersion)}
                {row(tr('maintCatalog'), String(status.catalogVersion))}
                {row(tr('maintQueue'), String(status.queueLength))}
                {row(tr('maintDead'), String(status.deadLetters))}
                {row(tr('maintOldest'), status.oldestUnsentAt ?? tr('maintNone'))}
                {row(tr('maintLastSync'), status.lastSyncAt ?? tr('maintNone'))}
                {row(tr('maintStorage'), `${mb(status.storage.usage)} / ${mb(status.storage.quota)}`)}
                {row(tr('maintPersisted'), status.storage.persisted ? tr('maintYes') : tr('maintNo'))}
                {row(tr('statusOnline'), status.online ? tr('maintYes') : tr('maintNo'))}
              </dl>
            )}
            <label class="switch">
              <input
                type="checkbox"
                checked={paperOut}
                onChange={(e) => {
                  const next = (e.currentTarget as HTMLInputElement).checked
                  props.devices.setPaperOut(next)
                  setPaperOut(next)
                }}
              />
              {tr('maintPaperOut')}
            </label>
            <h3>{tr('maintEnrol')}</h3>
            <input class="display" readOnly inputMode="none" aria-label={tr('maintEnrolCode')} value={code} />
            <button type="button" class="btn" aria-pressed={upper} onClick={() => setUpper(!upper)}>
              Aa
            </button>
            <LetterKeyboard
              value={code}
              onChange={setCode}
              maxLength={64}
              label={tr('maintEnrolCode')}
              upperCase={upper}
            />
            <button type="button" class="btn btn-primary" disabled={code.length < 6} onClick={enrol}>
              {tr('maintEnrolSubmit')}
            </button>
            {message && <p role="status">{message}</p>}
          </>
        )}
        <button type="button" class="btn" onClick={props.onClose}>
          {tr('maintClose')}
        </button>
      </div>
    </div>
  )
}
