/** The validation report: counts, an overall verdict and the problems table (errors first). */
import type { ValidateAnswer } from '../consoles/apiTypes'
import { useLang, useMessages } from '../consoles/i18n'
import { ScrollTable } from '../consoles/ScrollTable'
import { pick } from '../i18n/localized'
import { adminMessages } from './messages'
import { sortProblems } from './problems'

/** Most problems the table renders; the counts above still give the total. */
export const MAX_PROBLEM_ROWS = 1000

/** Shows what the server found in the candidate; catalog text is rendered as plain text only. */
export function ValidationReport({ report, sourceName }: { report: ValidateAnswer; sourceName: string }) {
  const m = useMessages(adminMessages)
  const { lang } = useLang()
  const s = report.summary
  const problems = sortProblems(report.problems)
  const shown = problems.slice(0, MAX_PROBLEM_ROWS)
  const verdict =
    s.errors > 0 ? m.hasErrors(s.errors) : s.warnings > 0 ? m.onlyWarnings(s.warnings) : m.allGood
  const list = (values: string[]) => (values.length ? values.join(', ') : '—')
  return (
    <section class="card report" aria-labelledby="report-title">
      <h3 id="report-title" tabIndex={-1}>
        {m.reportTitle}
      </h3>
      <p class="muted">{m.reportFor(sourceName)}</p>
      <p class={s.errors > 0 ? 'verdict bad' : 'verdict good'} role="status">
        {verdict}
      </p>
      <dl class="summary">
        <div>
          <dt>{m.summary.format}</dt>
          <dd>{report.format?.toUpperCase() ?? '—'}</dd>
        </div>
        <div>
          <dt>{m.summary.encoding}</dt>
          <dd>{report.encoding?.toUpperCase() ?? '—'}</dd>
        </div>
        <div>
          <dt>{m.summary.rows}</dt>
          <dd>{s.rows}</dd>
        </div>
        <div>
          <dt>{m.summary.items}</dt>
          <dd>{s.items}</dd>
        </div>
        <div>
          <dt>{m.summary.errors}</dt>
          <dd class={s.errors > 0 ? 'count-error' : ''}>{s.errors}</dd>
        </div>
        <div>
          <dt>{m.summary.warnings}</dt>
          <dd>{s.warnings}</dd>
        </div>
        <div>
          <dt>{m.summary.departmentsCreated}</dt>
          <dd>{list(s.departmentsCreated)}</dd>
        </div>
        <div>
          <dt>{m.summary.unknownColumns}</dt>
          <dd>{list(s.unknownColumns)}</dd>
        </div>
      </dl>
      {problems.length > 0 && (
        <>
          <h4 id="problems-title">{m.problemsTitle}</h4>
          {problems.length > shown.length && (
            <p class="muted">{m.problemsTruncated(shown.length, problems.length)}</p>
          )}
          <ScrollTable
            tall
            labelledBy="problems-title"
            columns={[
              { label: m.problemCol.severity },
              { label: m.problemCol.row, num: true },
              { label: m.problemCol.column },
              { label: m.problemCol.message },
              { label: m.problemCol.code },
            ]}
          >
            {shown.map((p, i) => (
              <tr key={`${p.row}-${p.column}-${p.code}-${i}`}>
                <td>
                  <span class={p.severity === 'error' ? 'badge error' : 'badge warning'}>
                    {m.severity[p.severity]}
                  </span>
                </td>
                <td class="num">{p.row ?? m.wholeFile}</td>
                <td>{p.column ?? '—'}</td>
                <td>{pick(p.message, lang)}</td>
                <td>
                  <code>{p.code}</code>
                </td>
              </tr>
            ))}
          </ScrollTable>
        </>
      )}
    </section>
  )
}
