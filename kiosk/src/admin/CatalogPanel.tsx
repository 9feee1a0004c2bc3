/** Import section: upload → progress → validation report → diff → publish (with confirmation). */
import { useEffect, useRef, useState } from 'preact/hooks'
import { ConfirmDialog } from '../consoles/ConfirmDialog'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { formatDateTime } from '../consoles/format'
import { useMessages } from '../consoles/i18n'
import { DiffView } from './DiffView'
import { adminMessages } from './messages'
import { canPublish } from './problems'
import { UploadArea } from './UploadArea'
import { contentTypeFor } from './uploadFile'
import type { useCatalogWorkflow } from './useCatalogWorkflow'
import { ValidationReport } from './ValidationReport'

type Props = { workflow: ReturnType<typeof useCatalogWorkflow> }

/** The main admin task: get a new catalog checked and published. */
export function CatalogPanel({ workflow }: Props) {
  const m = useMessages(adminMessages)
  const c = useMessages(commonMessages)
  const { state, published, publishError, publishing } = workflow
  const [confirming, setConfirming] = useState(false)
  const [note, setNote] = useState('')
  const reportRef = useRef<HTMLDivElement>(null)
  const busy = state.step === 'uploading' || state.step === 'validating'
  const sourceName =
    state.step === 'idle' ? '' : state.source.kind === 'file' ? state.source.name : m.groupsSource

  // Move focus to the report when it arrives so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (state.step === 'report') reportRef.current?.querySelector<HTMLElement>('#report-title')?.focus()
  }, [state.step])

  const report = state.step === 'report' ? state.report : null
  const publishable = canPublish(report) && Boolean(report?.candidateId)

  return (
    <section id="catalog" class="card panel" aria-labelledby="catalog-title">
      <h2 id="catalog-title">{m.catalogTitle}</h2>
      <p class="muted">{m.catalogIntro}</p>
      <UploadArea
        disabled={busy}
        onFile={(file) =>
          void workflow.validate(
            file,
            { kind: 'file', name: file.name },
            file.name,
            contentTypeFor(file.name),
          )
        }
      />
      <div role="status" class="progress-line">
        {state.step === 'uploading' && (
          <>
            <label for="upload-progress">{m.uploading(sourceName)}</label>
            <progress
              id="upload-progress"
              max={1}
              value={state.fraction ?? undefined}
              aria-valuetext={state.fraction === null ? undefined : `${Math.round(state.fraction * 100)}%`}
            />
          </>
        )}
        {state.step === 'validating' && (
          <>
            <label for="upload-progress">{m.validating}</label>
            <progress id="upload-progress" />
          </>
        )}
        {published && (
          <p class="success">
            {m.published(published.version)}（{formatDateTime(published.publishedAt)}）
          </p>
        )}
      </div>
      {state.step === 'failed' && (
        <p class="error banner" role="alert">
          {errorText(state.error, c)}
        </p>
      )}
      {state.step === 'report' && (
        <div ref={reportRef}>
          <ValidationReport report={state.report} sourceName={sourceName} />
          {state.diff !== null && (
            <section class="card" aria-labelledby="diff-title">
              <h3 id="diff-title">{m.diffTitle}</h3>
              {state.diff?.status === 'loading' && <p role="status">{m.diffLoading}</p>}
              {state.diff?.status === 'error' && (
                <p class="error">
                  {m.diffFailed}：{errorText(state.diff.error, c)}
                </p>
              )}
              {state.diff?.status === 'ok' && <DiffView diff={state.diff.diff} />}
            </section>
          )}
          <div class="publish-bar">
            <button
              type="button"
              class="primary big"
              disabled={!publishable || publishing}
              aria-describedby={publishable ? undefined : 'publish-blocked'}
              onClick={() => setConfirming(true)}
            >
              {m.publish}
            </button>
            {!publishable && (
              <span id="publish-blocked" class="error">
                {m.publishBlocked}
              </span>
            )}
            {publishError !== null && (
              <p class="error" role="alert">
                {errorText(publishError, c)}
              </p>
            )}
          </div>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={m.publishConfirmTitle}
        busy={publishing}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false)
          void workflow.publish(note).then(() => setNote(''))
        }}
      >
        <p>{m.publishConfirmBody}</p>
        <div class="field">
          <label for="publish-note">{m.publishNote}</label>
          <input
            id="publish-note"
            maxLength={200}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </div>
      </ConfirmDialog>
    </section>
  )
}
