/**
 * Screen text lookup for the two terminal languages; catalog text is localized with `pick`,
 * falling back to Chinese when an English name is missing. English is loaded on demand to keep
 * the resident entry small.
 */

import type { Lang } from './localized'
import type { MessageKey } from './zh'
import { zh } from './zh'

export { type Lang, pick } from './localized'
export type { MessageKey } from './zh'

let english: Record<MessageKey, string> | null = null
let loading: Promise<void> | null = null

/** Loads the English dictionary once, when English is first chosen; a failed load is tried again next time. */
export function loadEnglish(): Promise<void> {
  if (english) return Promise.resolve()
  loading ??= import('./en').then(
    (module) => {
      english = module.en
    },
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}

/** Whether English text is available yet (until then English screens show Chinese). */
export const englishReady = () => english !== null

/** Installs the English dictionary synchronously (tests and server-side tools). */
export function setEnglishDictionary(dictionary: Record<MessageKey, string>): void {
  english = dictionary
}

/** Looks up a message and fills `{name}` placeholders. */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = (lang === 'en' && english ? english : zh)[key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/** Builds a translator bound to one language, for components. */
export function translator(lang: Lang) {
  return (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params)
}
