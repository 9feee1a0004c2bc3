/**
 * The materials step (申请材料): one card per material the kiosk collects, 电子证照 offered first where the
 * resident holds one, else the document camera with a preview and a retake, or photos from the resident's phone
 * (用手机拍照上传: a QR code, the photos listed under their material); paper-only materials listed under
 * 请携带原件到窗口 and not collected. A chunk of its own, loaded when a flow reaches the step.
 */
import './materials.css'
import { useEffect, useState } from 'preact/hooks'
import { PHONE_UPLOAD_MINUTES } from '../../../../mock-backend/src/contract/phoneUploads'
import { pick } from '../../i18n'
import type { FlowContext, FlowEvent } from '../../machines/serviceFlowMachine'
import {
  collectedMaterials,
  paperMaterials,
  type ShownPhoto,
  type SuppliedMaterial,
} from '../../materials/materialPlan'
import { QrCode } from '../QrCode'
import { useUi } from '../uiContext'

/** Props: the flow's context, its send, and what it is busy with (asking for licences, capturing). */
export interface MaterialsStepProps {
  ctx: FlowContext
  send: (event: FlowEvent) => void
  checkingLicences: boolean
  capturing: string | null
}

/** The step's body (the flow screen adds the navigation and the error line). */
export function MaterialsStep({ ctx, send, checkingLicences, capturing }: MaterialsStepProps) {
  const { tr, lang } = useUi()
  const paper = paperMaterials(ctx.item)
  return (
    <>
      <h1>{tr('materialsTitle')}</h1>
      <p class="hint">{tr('materialsHint')}</p>
      {checkingLicences && (
        <p class="hint" role="status">
          {tr('materialsChecking')}
        </p>
      )}
      <ul class="materials">
        {collectedMaterials(ctx.item).map((material) => {
          const name = material.name.zh
          const supplied = ctx.materials[name]
          const label = pick(material.name, lang)
          return (
            <li class={`material-card${supplied ? ' material-done' : ''}`} key={name} data-material={name}>
              <h2 class="material-name">
                {label}
                <span class={material.required ? 'material-badge' : 'material-badge material-optional'}>
                  {tr(material.required ? 'materialRequired' : 'materialIsOptional')}
                </span>
              </h2>
              {supplied?.via === 'licence' ? (
                <p class="material-licence">
                  <strong>{tr('materialLicence')}</strong>
                  <br />
                  {tr('materialLicenceOf', { licence: supplied.licence, number: supplied.maskedNumber })}
                </p>
              ) : supplied?.via === 'phone' ? (
                <FromPhone
                  photos={supplied.photos}
                  label={label}
                  onRemove={(contentHash) => send({ type: 'phone.remove', contentHash })}
                />
              ) : capturing === name ? (
                <p class="busy" role="status">
                  <span class="spinner" aria-hidden="true" />
                  {tr('materialCapturing')}
                </p>
              ) : supplied?.via === 'camera' ? (
                <Captured
                  supplied={supplied}
                  label={label}
                  disabled={capturing !== null}
                  onRetake={() => send({ type: 'material.capture', material: name })}
                  onRemove={
                    material.required ? undefined : () => send({ type: 'material.remove', material: name })
                  }
                />
              ) : (
                <>
                  <p class="hint">{tr('materialPlace')}</p>
                  <button
                    type="button"
                    class="btn btn-secondary btn-big"
                    data-help-id="material.capture"
                    disabled={capturing !== null || checkingLicences}
                    onClick={() => send({ type: 'material.capture', material: name })}
                  >
                    {tr('materialCapture')}
                  </button>
                </>
              )}
            </li>
          )
        })}
      </ul>
      <PhoneUpload ctx={ctx} send={send} />
      {paper.length > 0 && (
        <section class="materials-paper" aria-labelledby="materials-paper-title">
          <h2 id="materials-paper-title">{tr('materialsPaperTitle')}</h2>
          <p class="hint">{tr('materialsPaperHint')}</p>
          <ul>
            {paper.map((m) => (
              <li key={m.name.zh}>{pick(m.name, lang)}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  )
}

/** A capture's preview, its size, and retake / remove. */
function Captured({
  supplied,
  label,
  disabled,
  onRetake,
  onRemove,
}: {
  supplied: Extract<SuppliedMaterial, { via: 'camera' }>
  label: string
  disabled: boolean
  onRetake: () => void
  onRemove: (() => void) | undefined
}) {
  const { tr } = useUi()
  return (
    <div class="material-captured">
      <Preview image={supplied.image} alt={tr('materialPreview', { name: label })} />
      <p class="material-size">
        {tr('materialCaptured', { size: Math.max(1, Math.round(supplied.image.size / 1000)) })}
      </p>
      <div class="material-actions">
        <button
          type="button"
          class="btn"
          data-help-id="material.retake"
          disabled={disabled}
          onClick={onRetake}
        >
          {tr('materialRetake')}
        </button>
        {onRemove && (
          <button
            type="button"
            class="btn btn-danger-outline"
            data-help-id="material.remove"
            disabled={disabled}
            onClick={onRemove}
          >
            {tr('materialRemove')}
          </button>
        )}
      </div>
    </div>
  )
}

/** 用手机拍照上传: the button that makes the code, the code while it works, and why it does not. */
function PhoneUpload({ ctx, send }: Pick<MaterialsStepProps, 'ctx' | 'send'>) {
  const { tr } = useUi()
  const upload = ctx.phoneUpload
  const start = (text: 'phoneUploadStart' | 'phoneUploadAgain') => (
    <button
      type="button"
      class="btn btn-secondary btn-big"
      data-help-id="phone.start"
      onClick={() => send({ type: 'phone.start' })}
    >
      {tr(text)}
    </button>
  )
  let body: preact.ComponentChildren
  if (upload === null)
    body = (
      <>
        <p class="hint">{tr('phoneUploadHint')}</p>
        {start('phoneUploadStart')}
      </>
    )
  else if (upload.state === 'starting')
    body = (
      <p class="busy" role="status">
        <span class="spinner" aria-hidden="true" />
        {tr('phoneUploadStarting')}
      </p>
    )
  else if (upload.state === 'open' && upload.url)
    body = (
      <div class="phone-upload-code">
        <QrCode text={upload.url} label={tr('phoneUploadQrLabel')} />
        <div>
          <p>{tr('phoneUploadScan', { minutes: PHONE_UPLOAD_MINUTES })}</p>
          <p class="phone-upload-status" role="status">
            {tr(upload.opened ? 'phoneUploadOpened' : 'phoneUploadWaiting')}
          </p>
        </div>
      </div>
    )
  else
    body = (
      <>
        <p class="hint" role="status">
          {tr(upload.state === 'failed' ? 'phoneUploadFailed' : 'phoneUploadExpired')}
        </p>
        {start('phoneUploadAgain')}
      </>
    )
  return (
    <section class="phone-upload" aria-labelledby="phone-upload-title">
      <h2 id="phone-upload-title">{tr('phoneUploadTitle')}</h2>
      {body}
    </section>
  )
}

/** The photos a material received from the phone, each with its size and a remove button. */
function FromPhone({
  photos,
  label,
  onRemove,
}: {
  photos: readonly ShownPhoto[]
  label: string
  onRemove: (contentHash: string) => void
}) {
  const { tr } = useUi()
  return (
    <div class="material-phone">
      <p class="material-size">{tr('materialFromPhone', { count: photos.length })}</p>
      <ul class="phone-photos">
        {photos.map((photo, index) => (
          <li key={photo.contentHash}>
            {photo.image && (
              <Preview
                image={photo.image}
                alt={tr('phonePhotoPreview', { n: index + 1, name: label })}
                extra=" phone-preview"
              />
            )}
            <span>
              {tr('phonePhoto', { n: index + 1, size: Math.max(1, Math.round(photo.bytes / 1000)) })}
            </span>
            <button
              type="button"
              class="btn btn-danger-outline"
              data-help-id="phone.remove"
              aria-label={tr('phonePhotoRemove', { n: index + 1, name: label })}
              onClick={() => onRemove(photo.contentHash)}
            >
              {tr('materialRemove')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** An image from memory, by an object URL revoked when it leaves the screen. */
function Preview({ image, alt, extra = '' }: { image: Blob; alt: string; extra?: string }) {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    const next = URL.createObjectURL(image)
    setUrl(next)
    return () => URL.revokeObjectURL(next)
  }, [image])
  return url ? <img class={`material-preview${extra}`} src={url} alt={alt} /> : null
}
