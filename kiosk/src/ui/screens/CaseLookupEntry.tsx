/**
 * The home screen's 办件进度查询 entry, rendered below the home screen (HomeScreen stays untouched). The tile's
 * only text is its name (WCAG 2.5.3 label in name); the hint below it is its description.
 */
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
        data-help-id="cases.open"
        aria-describedby="case-entry-hint"
        onClick={props.onOpen}
      >
        <span class="tile-name">{tr('caseEntry')}</span>
      </button>
      <p class="hint" id="case-entry-hint">
        {tr('caseEntryHint')}
      </p>
    </section>
  )
}
