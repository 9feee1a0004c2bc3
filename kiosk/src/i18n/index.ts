/**
 * Screen text lookup for the two terminal languages; catalog text is localized with `pick`,
 * falling back to Chinese when an English name is missing. Only the attract screen's Chinese (zhShell) is in
 * the resident entry; the rest of the Chinese loads at the first tap (`loadChinese`) and English when a
 * resident chooses it (`loadEnglish`), to keep what a terminal fetches before its first tap small.
 */

import type { Lang } from './localized'
import type { MessageKey } from './zh'
import type { zhSession } from './zhSession'
import { zhShell } from './zhShell'

export { type Lang, pick } from './localized'
export type { MessageKey } from './zh'

type SessionText = Record<keyof typeof zhSession, string>

let english: Record<MessageKey, string> | null = null
let loading: Promise<void> | null = null
let chinese: SessionText | null = null
let chineseLoading: Promise<void> | null = null

/** A dictionary chunk's load that forgets itself on failure, so the next call tries again (offline, say). */
function retryable(load: Promise<void>, forget: () => void): Promise<void> {
  return load.catch((error: unknown) => {
    forget()
    throw error
  })
}

/** Loads the English dictionary once, when English is first chosen. */
export function loadEnglish(): Promise<void> {
  if (english) return Promise.resolve()
  loading ??= retryable(
    import('./en').then((m) => {
      english = m.en
    }),
    () => {
      loading = null
    },
  )
  return loading
}

/** Loads the session's Chinese text once (at the first tap, with the session's screens, or the maintenance panel). */
export function loadChinese(): Promise<void> {
  chineseLoading ??= retryable(
    import('./zhSession').then((m) => {
      chinese = m.zhSession
    }),
    () => {
      chineseLoading = null
    },
  )
  return chineseLoading
}

/** Whether English text is available yet (until then English screens show Chinese). */
export const englishReady = () => english !== null

/** Installs the English dictionary synchronously (tests and server-side tools). */
export function setEnglishDictionary(dictionary: Record<MessageKey, string>): void {
  english = dictionary
}

/** Installs the session's Chinese text synchronously (tests). */
export function setChineseDictionary(dictionary: SessionText): void {
  chinese = dictionary
}

/** The Chinese of a key; a session key asked for before `loadChinese` settled shows as the key, never as nothing. */
function chineseText(key: MessageKey): string {
  if (key in zhShell) return zhShell[key as keyof typeof zhShell]
  return chinese?.[key as keyof SessionText] ?? key
}

/** Looks up a message and fills `{name}` placeholders. */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = lang === 'en' && english ? english[key] : chineseText(key)
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/** Builds a translator bound to one language, for components. */
export function translator(lang: Lang) {
  return (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params)
}
