/**
 * The idle screen: rotating notices and one full-screen "touch to start" button. The button's only text is its
 * call to action, which is its whole name (WCAG 2.5.3 label in name: a voice user says what they see, and the
 * name does not rotate); the notice is a paragraph laid over it that lets taps through to the button. Its
 * elements are `attractView`'s, which the build also writes into index.html as the first frame.
 */
import { useUi } from '../uiContext'
import { type AttractProps, attractView } from './attractView'

/** The attract screen in the session's language (see `AttractProps`). */
export function AttractScreen(props: AttractProps) {
  const { tr } = useUi()
  return attractView(props, tr)
}
