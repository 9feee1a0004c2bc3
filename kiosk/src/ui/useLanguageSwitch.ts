/**
 * The footer's language switch. English is loaded only when a resident asks for it (main.tsx no longer
 * preloads it): the switch waits for the dictionary, so no English screen is ever shown in Chinese, and says
 * it is working with a spinner if the wait is long enough to notice. Offline the dictionary comes from the
 * service worker's precache; if it cannot be had at all the screen simply stays Chinese.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { englishReady, type Lang, loadEnglish } from '../i18n'

/** A wait shorter than this needs no spinner: it would only flicker. */
export const LANG_SPINNER_DELAY_MS = 300

/** What the switch button needs: whether a switch is waiting, whether to show the spinner, and the action. */
export interface LanguageSwitch {
  pending: boolean
  spinner: boolean
  toggle(): void
}

/** Switches between Chinese and English, telling the session (`apply`) only once the target text is there. */
export function useLanguageSwitch(lang: Lang, apply: (lang: Lang) => void): LanguageSwitch {
  const [pending, setPending] = useState(false)
  const [spinner, setSpinner] = useState(false)
  const mounted = useRef(true)
  useEffect(
    () => () => {
      mounted.current = false
    },
    [],
  )

  const toggle = () => {
    if (pending) return
    const target: Lang = lang === 'zh' ? 'en' : 'zh'
    if (target === 'zh' || englishReady()) {
      apply(target)
      return
    }
    setPending(true)
    const timer = setTimeout(() => mounted.current && setSpinner(true), LANG_SPINNER_DELAY_MS)
    loadEnglish()
      .then(() => apply('en'))
      .catch((error: unknown) => {
        console.warn('English text could not be loaded', error instanceof Error ? error.message : error)
      })
      .finally(() => {
        clearTimeout(timer)
        if (!mounted.current) return
        setSpinner(false)
        setPending(false)
      })
  }
  return { pending, spinner, toggle }
}
