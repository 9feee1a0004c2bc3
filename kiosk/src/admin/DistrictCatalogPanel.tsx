/**
 * 本区县事项 (#15): a district admin's additions to and withdrawals from the province catalog — upload the added
 * items, tick the province items withdrawn, validate and compare, publish (after confirmation), roll back.
 */
import { useEffect, useState } from 'preact/hooks'
import type {
  DistrictCatalogCandidate,
  DistrictCatalogCheck,
  DistrictCatalogDiff,
} from '../../../mock-backend/src/contract/districtCatalog'
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import type { ValidateAnswer } from '../consoles/apiTypes'
import { ConfirmDialog } from '../consoles/ConfirmDialog'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { useLang, useMessages } from '../consoles/i18n'
import type { StaffClient } from '../consoles/staffClient'
import { useResource } from '../consoles/useResource'
import { pick } from '../i18n/localized'
import { DiffView, ItemList } from './DiffView'
import { DistrictVersions } from './DistrictVersions'
import { DistrictWithdrawals } from './DistrictWithdrawals'
import { districtMessages } from './districtMessages'
import { adminMessages } from './messages'
import { UploadArea } from './UploadArea'
import { fileBase64 } from './uploadFile'
import { ValidationReport } from './ValidationReport'

/** The check's problems as the province upload's report shows them (no file: the overlay's own problems only). */
function asReport(check: DistrictCatalogCheck): ValidateAnswer {
  const errors = check.problems.filter((p) => p.severity === 'error').length
  const base = check.import ?? {
    ok: check.ok,
    format: null,
    encoding: null,
    catalog: null,
    problems: [],
    summary: { rows: 0, items: 0, errors: 0, warnings: 0, departmentsCreated: [], unknownColumns: [] },
  }
  return {
    ...base,
    ok: check.ok,
    problems: check.problems,
    summary: { ...base.summary, errors, warnings: check.problems.length - errors },
    candidateId: '',
  }
}

/** Absent: keep the active additions; null: none; a file: its items (DistrictCatalogCandidate). */
type AdditionsChoice = DistrictCatalogCandidate['file']

/** The district catalog page of an admin serving a district. */
export function DistrictCatalogPanel({ client }: { client: StaffClient }) {
  const m = useMessages(districtMessages)
  const a = useMessages(adminMessages)
  const c = useMessages(commonMessages)
  const { lang } = useLang()
  const [reload, setReload] = useState(0)
  const current = useResource(client, ADMIN_ROUTES.districtCatalog, {}, reload)
  const [additions, setAdditions] = useState<AdditionsChoice>(undefined)
  const [withdrawals, setWithdrawals] = useState<Set<string>>(new Set())
  const [checked, setChecked] = useState<{
    check: DistrictCatalogCheck
    diff: DistrictCatalogDiff | null
  } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [confirming, setConfirming] = useState(false)
  const [note, setNote] = useState('')
  const [published, setPublished] = useState<number | null>(null)

  // The active overlay's withdrawals are where the admin starts from, after every load.
  useEffect(() => {
    if (current.data) setWithdrawals(new Set(current.data.withdrawals))
  }, [current.data])

  const candidate = (): DistrictCatalogCandidate => ({
    ...(additions === undefined ? {} : { file: additions }),
    withdrawals: [...withdrawals].sort(),
  })
  const changed = () => setChecked(null)

  const check = async () => {
    setBusy(true)
    setError(null)
    setPublished(null)
    try {
      const body = candidate()
      const answer = await client.call(ADMIN_ROUTES.districtValidate, { body })
      const diff = answer.ok ? await client.call(ADMIN_ROUTES.districtDiff, { body }) : null
      setChecked({ check: answer, diff })
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const publish = async () => {
    setConfirming(false)
    setBusy(true)
    setError(null)
    try {
      const answer = await client.call(ADMIN_ROUTES.districtPublish, {
        body: { ...candidate(), ...(note.trim() ? { note: note.trim() } : {}) },
      })
      setPublished(answer.version)
      setAdditions(undefined)
      setChecked(null)
      setNote('')
      setReload((n) => n + 1)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  const data = current.data
  const list = (codes: readonly string[]) => codes.join(', ')
  return (
    <section id="district-catalog" class="card panel" aria-labelledby="district-catalog-title">
      <h2 id="district-catalog-title">{m.title}</h2>
      <p class="muted">{m.intro}</p>
      {current.error !== null && (
        <p class="error" role="alert">
          {errorText(current.error, c)}
        </p>
      )}
      {current.loading && !data && <p>{c.loading}</p>}
      {data && (
        <>
          <p>{m.current(data.version, data.provinceVersion)}</p>
          {data.shadowed.length > 0 && <p class="warning-text">{m.shadowed(list(data.shadowed))}</p>}
          {data.lapsed.length > 0 && <p class="warning-text">{m.lapsed(list(data.lapsed))}</p>}
          <section class="card" aria-labelledby="district-additions-title">
            <h3 id="district-additions-title">{m.additionsTitle}</h3>
            {data.additions.length === 0 ? (
              <p>{m.noAdditions}</p>
            ) : (
              <ItemList
                id="district-additions-list"
                title={m.additionsTitle}
                items={data.additions.map((i) => ({ code: i.code, name: pick(i.name, lang) }))}
                m={a}
              />
            )}
            <p class="muted">{m.additionsIntro}</p>
            <UploadArea
              disabled={busy}
              onFile={(file) =>
                void fileBase64(file).then((base64) => {
                  setAdditions({ name: file.name, base64 })
                  changed()
                })
              }
            />
            <div role="status">
              {additions && <p>{m.chosenFile(additions.name)}</p>}
              {additions === null && <p>{m.additionsCleared}</p>}
            </div>
            <div class="button-row">
              {additions !== undefined && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => {
                    setAdditions(undefined)
                    changed()
                  }}
                >
                  {m.keepAdditions}
                </button>
              )}
              {data.additions.length > 0 && additions !== null && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => {
                    setAdditions(null)
                    changed()
                  }}
                >
                  {m.clearAdditions}
                </button>
              )}
            </div>
          </section>
          <DistrictWithdrawals
            items={data.provinceItems}
            chosen={withdrawals}
            disabled={busy}
            onChange={(next) => {
              setWithdrawals(next)
              changed()
            }}
          />
          <div class="publish-bar">
            <button type="button" class="primary big" disabled={busy} onClick={() => void check()}>
              {busy ? m.checking : m.check}
            </button>
          </div>
        </>
      )}
      <div role="status">{published !== null && <p class="success">{m.published(published)}</p>}</div>
      {error !== null && (
        <p class="error banner" role="alert">
          {errorText(error, c)}
        </p>
      )}
      {checked && (
        <div>
          {checked.check.ok ? (
            <p class="verdict good">{m.checkOk(checked.check.additions, checked.check.withdrawals)}</p>
          ) : (
            <ValidationReport
              report={asReport(checked.check)}
              sourceName={additions ? additions.name : m.title}
            />
          )}
          {checked.diff && (
            <section class="card" aria-labelledby="diff-title">
              <h3 id="diff-title">{a.diffTitle}</h3>
              <DiffView diff={checked.diff.additions} />
              <ItemList id="district-withdrawn" title={m.withdrawn} items={checked.diff.withdrawn} m={a} />
              <ItemList id="district-restored" title={m.restored} items={checked.diff.restored} m={a} />
            </section>
          )}
          <div class="publish-bar">
            <button
              type="button"
              class="primary big"
              disabled={!checked.check.ok || busy}
              aria-describedby={checked.check.ok ? undefined : 'district-publish-blocked'}
              onClick={() => setConfirming(true)}
            >
              {a.publish}
            </button>
            {!checked.check.ok && (
              <span id="district-publish-blocked" class="error">
                {a.publishBlocked}
              </span>
            )}
          </div>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={a.publishConfirmTitle}
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void publish()}
      >
        <p>{m.publishConfirmBody}</p>
        <div class="field">
          <label for="district-publish-note">{a.publishNote}</label>
          <input
            id="district-publish-note"
            maxLength={200}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
        </div>
      </ConfirmDialog>
      <DistrictVersions client={client} reloadKey={reload} onRolledBack={() => setReload((n) => n + 1)} />
    </section>
  )
}
