/**
 * The materials step (申请材料): one card per material the kiosk collects, 电子证照 offered first where the
 * resident holds one, else the document camera with a preview and a retake; paper-only materials listed under
 * 请携带原件到窗口 and not collected. A chunk of its own, loaded when a flow reaches the step.
 */
import './materials.css'
import { useEffect, useState } from 'preact/hooks'
import { pick } from '../../i18n'
import type { FlowContext, FlowEvent } from '../../machines/serviceFlowMachine'
import { collectedMaterials, paperMaterials, type SuppliedMaterial } from '../../materials/materialPlan'
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

/** A capture's preview (an object URL revoked when it leaves the screen), its size, and retake / remove. */
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
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    const next = URL.createObjectURL(supplied.image)
    setUrl(next)
    return () => URL.revokeObjectURL(next)
  }, [supplied.image])
  return (
    <div class="material-captured">
      {url && <img class="material-preview" src={url} alt={tr('materialPreview', { name: label })} />}
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
