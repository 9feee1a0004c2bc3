/**
 * Set which terminal groups offer each item. Edits become a JSON catalog that goes through the same
 * validate → diff → publish path as an uploaded file.
 */
import { useState } from 'preact/hooks'
import { ADMIN_ROUTES } from '../../../mock-backend/src/contract/staffRoutes'
import { commonMessages } from '../consoles/commonMessages'
import { errorText } from '../consoles/errorText'
import { useLang, useMessages } from '../consoles/i18n'
import { ScrollTable } from '../consoles/ScrollTable'
import { ApiError, type StaffClient } from '../consoles/staffClient'
import { filterRows } from '../consoles/tableSort'
import { useResource } from '../consoles/useResource'
import { pick } from '../i18n/localized'
import { applyGroupEdits, catalogBlob } from './catalogEdits'
import { formatGroups, parseGroups, sameGroups } from './groups'
import { adminMessages } from './messages'

/** Most item rows rendered at once; the filter narrows larger catalogs. */
export const MAX_ITEM_ROWS = 200

type Props = { client: StaffClient; reloadKey: number; onValidate: (body: Blob) => void; busy: boolean }

/** Table of the active catalog with an editable groups cell per item. */
export function ItemGroupsPanel({ client, reloadKey, onValidate, busy }: Props) {
  const m = useMessages(adminMessages)
  const c = useMessages(commonMessages)
  const { lang } = useLang()
  const current = useResource(client, ADMIN_ROUTES.current, {}, reloadKey)
  const [texts, setTexts] = useState<Map<string, string>>(new Map())
  const [query, setQuery] = useState('')
  const [loadedKey, setLoadedKey] = useState(reloadKey)
  if (loadedKey !== reloadKey) {
    // A new version was published: drop edits made against the old one.
    setLoadedKey(reloadKey)
    setTexts(new Map())
  }

  const catalog = current.data
  const noCatalog = current.error instanceof ApiError && current.error.status === 404
  const deptName = new Map((catalog?.departments ?? []).map((d) => [d.code, pick(d.name, lang)]))

  const parsed = new Map([...texts].map(([code, text]) => [code, parseGroups(text)]))
  const edits = new Map<string, string[]>()
  let invalidCount = 0
  for (const item of catalog?.items ?? []) {
    const p = parsed.get(item.code)
    if (!p) continue
    if (p.invalid.length) invalidCount++
    else if (!sameGroups(p.groups, item.groups)) edits.set(item.code, p.groups)
  }

  const matching = catalog
    ? filterRows(catalog.items, query, (item) => [
        item.code,
        item.name.zh,
        item.name.en,
        deptName.get(item.department) ?? '',
      ])
    : []
  const shown = matching.slice(0, MAX_ITEM_ROWS)

  const submit = () => {
    if (!catalog || edits.size === 0 || invalidCount > 0) return
    onValidate(catalogBlob(applyGroupEdits(catalog, edits)))
    document.getElementById('catalog')?.scrollIntoView({ block: 'start' })
  }

  return (
    <section id="groups" class="card panel" aria-labelledby="groups-title">
      <h2 id="groups-title">{m.groupsTitle}</h2>
      <p class="muted">{m.groupsIntro}</p>
      <p class="hint" id="item-groups-hint">
        {m.groupsHint}
      </p>
      {noCatalog && <p>{m.noCatalog}</p>}
      {current.error !== null && !noCatalog && (
        <p class="error" role="alert">
          {errorText(current.error, c)}
        </p>
      )}
      {current.loading && !catalog && <p>{c.loading}</p>}
      {catalog && (
        <>
          <div class="table-tools">
            <label for="groups-filter">{m.groupsFilter}</label>
            <input
              id="groups-filter"
              type="search"
              placeholder={m.groupsFilterPlaceholder}
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
            <span class="muted" aria-live="polite">
              {edits.size ? m.editedCount(edits.size) : m.noEdits}
            </span>
            <button
              type="button"
              class="primary"
              disabled={busy || edits.size === 0 || invalidCount > 0}
              onClick={submit}
            >
              {m.validateGroups}
            </button>
          </div>
          {matching.length > shown.length && (
            <p class="muted">{m.itemsTruncated(shown.length, matching.length)}</p>
          )}
          <ScrollTable
            tall
            labelledBy="groups-title"
            columns={[
              { label: m.code },
              { label: m.name },
              { label: m.department },
              { label: m.terminalGroups },
            ]}
          >
            {shown.map((item) => {
              const p = parsed.get(item.code)
              const bad = p && p.invalid.length > 0
              const edited = edits.has(item.code)
              const inputId = `groups-${item.code}`
              const itemName = pick(item.name, lang)
              return (
                <tr key={item.code} class={edited ? 'edited' : ''}>
                  <td>
                    <code>{item.code}</code>
                  </td>
                  <th scope="row">{itemName}</th>
                  <td>{deptName.get(item.department) ?? item.department}</td>
                  <td>
                    <label for={inputId} class="visually-hidden">
                      {m.groupsFor(itemName)}
                    </label>
                    <input
                      id={inputId}
                      class="groups-input"
                      value={texts.get(item.code) ?? formatGroups(item.groups)}
                      placeholder={m.allGroups}
                      aria-invalid={bad ? true : undefined}
                      aria-describedby={bad ? `${inputId}-error item-groups-hint` : 'item-groups-hint'}
                      onInput={(e) => {
                        const value = e.currentTarget.value
                        setTexts((old) => new Map(old).set(item.code, value))
                      }}
                    />
                    {bad && (
                      <p class="error" id={`${inputId}-error`}>
                        {m.badGroups(p.invalid.join(', '))}
                      </p>
                    )}
                  </td>
                </tr>
              )
            })}
          </ScrollTable>
        </>
      )}
    </section>
  )
}
