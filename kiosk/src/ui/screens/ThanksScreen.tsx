/** The closing screen; "完成" (or a timeout) returns the terminal to attract. */
import { useUi } from '../uiContext'

/** Props: whether a rating was given and the finish action. */
export function ThanksScreen(props: { rated: boolean; onFinish: () => void }) {
  const { tr } = useUi()
  return (
    <div class="screen thanks">
      <h1>{tr('thanksTitle')}</h1>
      {props.rated && <p class="lead">{tr('thanksRated')}</p>}
      <p>{tr('thanksTakeCard')}</p>
      <button
        type="button"
        class="btn btn-primary btn-big"
        data-help-id="session.finish"
        onClick={props.onFinish}
      >
        {tr('finish')}
      </button>
    </div>
  )
}
