/**
 * The one language rule for `{ zh, en }` texts, shared by the resident terminal and the staff consoles:
 * Chinese first; English when asked for and written, else Chinese. Zod-free and dictionary-free, so a
 * console can import it without the terminal's messages.
 */

/** The two languages of the terminal and the consoles; Chinese is the default. */
export type Lang = 'zh' | 'en'

/** A text in both languages; `en` may be empty (not yet translated). */
export interface Localized {
  zh: string
  en: string
}

/** Picks the text for the language, falling back to Chinese when the English is empty or blank. */
export function pick(text: Localized, lang: Lang): string {
  return lang === 'en' && text.en.trim() !== '' ? text.en : text.zh
}
