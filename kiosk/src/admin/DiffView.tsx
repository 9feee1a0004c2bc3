/** What publishing the candidate would change: added, removed and changed items, field by field. */
import type { CatalogDiff } from '../consoles/apiTypes'
import { useMessages } from '../consoles/i18n'
import { type AdminMessages, adminMessages } from './messages'
import { diffValueText } from './uploadFile'

function Value({ value, m }: { value: unknown; m: AdminMessages }) {
  const text = diffValueText(value)
  return text === null ? <span class="muted">{m.emptyValue}</span> : <span class="diff-value">{text}</span>
}

/** A titled table of items by code and name (the diff's lists, and the district page's). */
export function ItemList({
  id,
  title,
  items,
  m,
}: {
  id: string
  title: string
  items: { code: string; name: string }[]
  m: AdminMessages
}) {
  if (items.length === 0) return null
  return (
    <>
      <h4 id={id}>
        {title}（{items.length}）
      </h4>
      <div class="table-scroll">
        <table aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{m.code}</th>
              <th scope="col">{m.name}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.code}>
                <td>
                  <code>{item.code}</code>
                </td>
                <td>{item.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

/** Renders a CatalogDiff; every value is text, never markup. */
export function DiffView({ diff }: { diff: CatalogDiff }) {
  const m = useMessages(adminMessages)
  const nothing =
    diff.added.length +
      diff.removed.length +
      diff.changed.length +
      diff.departmentsAdded.length +
      diff.departmentsRemoved.length ===
    0
  return (
    <div class="diff">
      <p class="verdict">
        {m.diffCounts(diff.added.length, diff.removed.length, diff.changed.length, diff.unchanged)}
      </p>
      {nothing && <p>{m.noChanges}</p>}
      {diff.departmentsAdded.length > 0 && (
        <p>
          {m.departmentsAdded}：{diff.departmentsAdded.join(', ')}
        </p>
      )}
      {diff.departmentsRemoved.length > 0 && (
        <p>
          {m.departmentsRemoved}：{diff.departmentsRemoved.join(', ')}
        </p>
      )}
      <ItemList id="diff-added" title={m.added} items={diff.added} m={m} />
      <ItemList id="diff-removed" title={m.removed} items={diff.removed} m={m} />
      <ChangedList
        id="diff-departments-changed"
        title={m.departmentsChanged}
        entries={diff.departmentsChanged ?? []}
        m={m}
      />
      <ChangedList id="diff-changed" title={m.changed} entries={diff.changed} m={m} />
    </div>
  )
}

function ChangedList({
  id,
  title,
  entries,
  m,
}: {
  id: string
  title: string
  entries: CatalogDiff['changed']
  m: AdminMessages
}) {
  if (entries.length === 0) return null
  return (
    <>
      <h4 id={id}>
        {title}（{entries.length}）
      </h4>
      <ul class="changed-items" aria-labelledby={id}>
        {entries.map((item) => (
          <li key={item.code}>
            <p class="changed-name">
              <code>{item.code}</code> {item.name}
            </p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{m.field}</th>
                  <th scope="col">{m.before}</th>
                  <th scope="col">{m.after}</th>
                </tr>
              </thead>
              <tbody>
                {item.fields.map((f) => (
                  <tr key={f.path}>
                    <th scope="row">
                      <code>{f.path}</code>
                    </th>
                    <td class="before">
                      <Value value={f.before} m={m} />
                    </td>
                    <td class="after">
                      <span aria-hidden="true" class="arrow">
                        →{' '}
                      </span>
                      <Value value={f.after} m={m} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ul>
    </>
  )
}
