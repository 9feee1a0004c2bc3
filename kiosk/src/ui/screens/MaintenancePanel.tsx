/**
 * Hidden maintenance screen (five taps top-left). Before enrolment it offers only the enrolment code;
 * afterwards it asks for the terminal's maintenance PIN (set by an admin, checked offline against its hash,
 * locked for a while after repeated wrong tries), then shows the terminal's status, re-enrolment and the
 * simulated printer's paper switch.
 */
import { useEffect, useState } from 'preact/hooks'
import { PIN_DIGITS } from '../../../../mock-backend/src/contract/constants'
import { DocumentCameraCheck } from '../../devices/DocumentCameraCheck'
import { deviceModeText } from '../../devices/deviceModeText'
import type { Devices } from '../../devices/types'
import type { PinCheck, TerminalBridge, TerminalStatus } from '../../sync/terminalBridge'
import { Keypad } from '../keyboards/Keypad'
import { LetterKeyboard } from '../keyboards/LetterKeyboard'
import { useUi } from '../uiContext'
import { enrolErrorText } from './enrolErrorText'

/** Which part the screen shows: nothing yet, enrolment only (unenrolled), the PIN, or everything. */
type Stage = 'loading' | 'enrolOnly' | 'pin' | 'unlocked'

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** Props: the bridge, the devices and the close action. */
export function MaintenancePanel(props: { bridge: TerminalBridge; devices: Devices; onClose: () => void }) {
  const { tr } = useUi()
  const [stage, setStage] = useState<Stage>('loading')
  const [pin, setPin] = useState('')
  const [gate, setGate] = useState<PinCheck | null>(null)
  const [checking, setChecking] = useState(false)
  const [nowMs, setNowMs] = useState(Date.now())
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
  /** Unenrolled: enrolment only; enrolled: the PIN first (its lock state read from the terminal). */
  const openStage = async () => {
    const now = await props.bridge.status().catch(() => null)
    if (!now?.terminalId) {
      setStage('enrolOnly')
      return
    }
    setGate(await props.bridge.pinState())
    setStage('pin')
  }
  useEffect(() => {
    void openStage()
  }, [])
  useEffect(() => {
    if (stage === 'unlocked') refresh()
  }, [stage])
  // While locked, a one-second tick keeps the remaining time current and reopens the keypad at the end.
  const lockedUntil = gate?.state === 'locked' ? gate.until : 0
  useEffect(() => {
    if (!lockedUntil) return
    const timer = setInterval(() => {
      const t = Date.now()
      setNowMs(t)
      if (t >= lockedUntil) void props.bridge.pinState().then(setGate)
    }, 1000)
    return () => clearInterval(timer)
  }, [lockedUntil])

  const submitPin = () => {
    if (pin.length < PIN_DIGITS.min || checking) return
    setChecking(true)
    props.bridge
      .checkPin(pin)
      .then((answer) => {
        setPin('')
        setNowMs(Date.now())
        setGate(answer)
        if (answer.state === 'ok') setStage('unlocked')
      })
      .finally(() => setChecking(false))
  }
  const gateText = (): string | null => {
    if (!gate) return null
    if (gate.state === 'wrong') return tr('maintPinTriesLeft', { count: gate.triesLeft })
    if (gate.state === 'locked')
      return tr('maintPinLocked', { seconds: Math.max(1, Math.ceil((gate.until - nowMs) / 1000)) })
    if (gate.state === 'noPin') return tr('maintNoPin')
    return null
  }
  const keypadOpen = gate?.state === 'ready' || gate?.state === 'wrong'

  const enrol = () => {
    setMessage('')
    props.bridge
      .enrol(code)
      .then(() => {
        setMessage(tr('maintEnrolled'))
        setCode('')
        // Enrolled from the enrolment-only screen: the terminal's own PIN guards the rest.
        if (stage === 'enrolOnly') void openStage()
        else refresh()
      })
      .catch((error: unknown) => setMessage(tr('maintEnrolFailed', { message: enrolErrorText(error, tr) })))
  }
  const row = (label: string, value: string) => (
    <div class="confirm-row" key={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
  const enrolForm = (
    <>
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
  )
  return (
    <div class="backdrop">
      <div class="dialog maintenance" role="dialog" aria-modal="true" aria-labelledby="maint-title">
        <h2 id="maint-title">{tr('maintTitle')}</h2>
        {stage === 'enrolOnly' && (
          <>
            <p>{tr('maintEnrolOnly')}</p>
            {enrolForm}
          </>
        )}
        {stage === 'pin' && (
          <>
            <p>{tr('maintPin')}</p>
            <input
              class="display"
              readOnly
              inputMode="none"
              aria-label={tr('maintPin')}
              value={'•'.repeat(pin.length)}
            />
            {gateText() && (
              <p class="field-error" role="alert">
                {gateText()}
              </p>
            )}
            {checking && <p role="status">{tr('maintPinChecking')}</p>}
            {keypadOpen && (
              <>
                <Keypad value={pin} onChange={setPin} maxLength={PIN_DIGITS.max} label={tr('maintPin')} />
                <button
                  type="button"
                  class="btn btn-primary"
                  disabled={pin.length < PIN_DIGITS.min || checking}
                  onClick={submitPin}
                >
                  {tr('maintPinOk')}
                </button>
              </>
            )}
          </>
        )}
        {stage === 'unlocked' && (
          <>
            {status && (
              <dl class="confirm">
                {row(tr('maintTerminal'), status.terminalId ?? tr('maintNone'))}
                {row(tr('maintTerminalName'), status.terminalName ?? tr('maintNone'))}
                {row(tr('maintApp'), status.appVersion)}
                {row(tr('maintDevices'), deviceModeText(props.devices, tr))}
                {row(tr('maintCatalog'), String(status.catalogVersion))}
                {row(tr('maintQueue'), String(status.queueLength))}
                {row(tr('maintDead'), String(status.deadLetters))}
                {row(tr('maintOldest'), status.oldestUnsentAt ?? tr('maintNone'))}
                {row(tr('maintLastSync'), status.lastSyncAt ?? tr('maintNone'))}
                {row(tr('maintStorage'), `${mb(status.storage.usage)} / ${mb(status.storage.quota)}`)}
                {row(tr('maintPersisted'), status.storage.persisted ? tr('maintYes') : tr('maintNo'))}
                {row(tr('statusOnline'), status.online ? tr('maintYes') : tr('maintNo'))}
                {row(
                  tr('maintIdle'),
                  tr('maintSeconds', { seconds: props.bridge.settings()?.idleSeconds ?? '—' }),
                )}
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
            <DocumentCameraCheck devices={props.devices} />
            <h3>{tr('maintEnrol')}</h3>
            {enrolForm}
          </>
        )}
        <button type="button" class="btn" onClick={props.onClose}>
          {tr('maintClose')}
        </button>
      </div>
    </div>
  )
}
