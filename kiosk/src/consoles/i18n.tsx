/**
 * Language switching for the staff consoles: Chinese first, English on request, remembered per browser.
 * Each console brings its own dictionary; `useMessages` picks the one for the current language.
 */
import { type ComponentChildren, createContext } from 'preact'
import { useContext, useEffect, useState } from 'preact/hooks'

import type { Lang } from '../i18n/localized'

export type { Lang } from '../i18n/localized'

const STORAGE_KEY = 'console.lang'

type LangState = { lang: Lang; setLang: (lang: Lang) => void }

const LangContext = createContext<LangState>({ lang: 'zh', setLang: () => {} })

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'
  } catch {
    return 'zh'
  }
}

/** Provides the language to a console and mirrors it on `<html lang>` for screen readers. */
export function LangProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(initialLang)
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
  }, [lang])
  const setLang = (next: Lang) => {
    setLangState(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
  return <LangContext.Provider value={{ lang, setLang }}>{children}</LangContext.Provider>
}

/** The current language and its setter. */
export function useLang(): LangState {
  return useContext(LangContext)
}

/** Picks the dictionary of the current language. */
export function useMessages<T>(dicts: { zh: T; en: T }): T {
  return dicts[useLang().lang]
}
