/**
 * The phone upload page (`/m/#u=<token>`, 用手机拍照上传): a chunk of its own, loaded only for an upload link. One
 * card per material, each with a file input that opens the camera (`capture`) and takes many photos; each photo is
 * compressed here and sent at once, and the count per material says what arrived.
 */
import { render } from 'preact'
import { useCallback, useEffect, useState } from 'preact/hooks'
import { PHONE_UPLOAD_ROUTE } from '../../../mock-backend/src/contract/phoneUploads'
import { Header, usePageLanguage } from './Header'
import { PhotoInput } from './PhotoInput'
import { fill, type MobileLang } from './strings'
import {
  openUpload,
  type PhotoProblem,
  sendPhoto,
  type UploadState,
  uploadTokenFromHash,
} from './uploadRequest'
import { UPLOAD_STRINGS, type UploadStrings } from './uploadStrings'

/** `HH:mm` in Asia/Shanghai. */
const clock = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16)

const PROBLEM_TEXT: Record<PhotoProblem, keyof UploadStrings> = {
  notImage: 'errNotImage',
  tooMany: 'errTooMany',
  ended: 'endedTitle',
  expired: 'expiredTitle',
  upload: 'errUpload',
}

function UploadApp() {
  const [lang, switchLang] = usePageLanguage((l) => UPLOAD_STRINGS[l].brand)
  const [state, setState] = useState<UploadState>({ state: 'loading' })
  const t = UPLOAD_STRINGS[lang]
  const token = uploadTokenFromHash(location.hash)
  const load = useCallback(() => {
    setState({ state: 'loading' })
    void openUpload(uploadTokenFromHash(location.hash)).then(setState)
  }, [])
  useEffect(load, [])
  return (
    <>
      <Header brand={t.brand} lang={lang} switchTo={t.switchTo} onSwitch={switchLang} />
      <main>
        {state.state === 'ready' ? (
          <Materials opened={state.opened} token={token ?? ''} t={t} lang={lang} />
        ) : state.state === 'loading' ? (
          <p class="note" role="status">
            {t.loading}
          </p>
        ) : (
          <div class="card">
            <h1>{t[`${state.state}Title`]}</h1>
            <p>{t[`${state.state}Body`]}</p>
            {state.state === 'failed' && (
              <button type="button" class="retry" onClick={load}>
                {t.retry}
              </button>
            )}
          </div>
        )}
      </main>
    </>
  )
}

type Opened = Extract<UploadState, { state: 'ready' }>['opened']

function Materials(props: { opened: Opened; token: string; t: UploadStrings; lang: MobileLang }) {
  const { opened, token, t, lang } = props
  return (
    <>
      <h1>{opened.item[lang] || opened.item.zh}</h1>
      <p class="note">{t.lead}</p>
      <p class="note">{fill(t.validUntil, { time: clock(opened.expiresAt) })}</p>
      {opened.materials.map((material, index) => (
        <MaterialCard
          key={material.name.zh}
          id={`material-${index}`}
          name={material.name[lang] || material.name.zh}
          zhName={material.name.zh}
          required={material.required}
          token={token}
          phoneKey={opened.phoneKey}
          t={t}
        />
      ))}
    </>
  )
}

function MaterialCard(props: {
  id: string
  name: string
  zhName: string
  required: boolean
  token: string
  phoneKey: string
  t: UploadStrings
}) {
  const { t } = props
  const [count, setCount] = useState(0)
  const [status, setStatus] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function upload(files: File[]) {
    if (files.length === 0) return
    setBusy(true)
    setProblem(null)
    let n = 0
    for (const file of files) {
      n += 1
      const at = n
      const fields = { token: props.token, phoneKey: props.phoneKey, material: props.zhName }
      const failed = await sendPhoto(PHONE_UPLOAD_ROUTE, fields, file, (phase) =>
        setStatus(fill(phase === 'compressing' ? t.compressing : t.uploading, { n: at })),
      )
      if (failed) {
        setProblem(t[PROBLEM_TEXT[failed]])
        if (failed === 'ended' || failed === 'expired') break
      } else setCount((c) => c + 1)
    }
    setStatus(t.done)
    setBusy(false)
  }
  return (
    <section class="card" aria-labelledby={`${props.id}-name`} data-material={props.zhName}>
      <h2 id={`${props.id}-name`}>
        {props.name} <span class="note">（{props.required ? t.required : t.optional}）</span>
      </h2>
      <PhotoInput id={`${props.id}-input`} label={t.take} multiple disabled={busy} onFiles={upload} />
      <p class="uploaded" role="status">
        {count > 0 ? fill(t.uploaded, { count }) : ''} {status ?? ''}
      </p>
      {problem && (
        <p class="warn" role="alert">
          {problem}
        </p>
      )}
    </section>
  )
}

/** Renders the upload page into `root`. */
export function renderUpload(root: HTMLElement): void {
  root.textContent = ''
  render(<UploadApp />, root)
}
