/** The mobile pages' header (the page's name and the switch to the other language) and their language. */
import { useEffect, useState } from 'preact/hooks'
import { type MobileLang, phoneLanguage } from './strings'

/** The `lang` attribute of each page language. */
export const HTML_LANG: Record<MobileLang, string> = { zh: 'zh-CN', en: 'en' }

/** Props: the page's name, the current language, the switch's label and what it does. */
export function Header(props: { brand: string; lang: MobileLang; switchTo: string; onSwitch: () => void }) {
  const other: MobileLang = props.lang === 'zh' ? 'en' : 'zh'
  return (
    <header>
      <p>{props.brand}</p>
      <button type="button" lang={HTML_LANG[other]} onClick={props.onSwitch}>
        {props.switchTo}
      </button>
    </header>
  )
}

/** The page's language, the phone's at first, with its switch; `<html lang>` and the title follow it. */
export function usePageLanguage(title: (lang: MobileLang) => string): [MobileLang, () => void] {
  const [lang, setLang] = useState<MobileLang>(() =>
    phoneLanguage(navigator.languages ?? [navigator.language]),
  )
  const text = title(lang)
  useEffect(() => {
    document.documentElement.lang = HTML_LANG[lang]
    document.title = text
  }, [lang, text])
  return [lang, () => setLang(lang === 'zh' ? 'en' : 'zh')]
}
