/** The home screen's 办件进度查询 entry, rendered below the home screen by App (HomeScreen stays untouched). */
import { useUi } from '../uiContext'

/** Props: what opening the lookup does. */
export function CaseLookupEntry(props: { onOpen: () => void }) {
  const { tr } = useUi()
  return (
    <section class="screen home case-entry" aria-labelledby="case-entry-section">
      <h2 id="case-entry-section">{tr('caseEntrySection')}</h2>
      <button
        type="button"
        class="tile case-entry-button"
        aria-labelledby="case-entry-name"
        aria-describedby="case-entry-hint"
        onClick={props.onOpen}
      >
        <span class="tile-name" id="case-entry-name">
          {tr('caseEntry')}
        </span>
        <span class="hint" id="case-entry-hint">
          {tr('caseEntryHint')}
        </span>
      </button>
    </section>
  )
}
