/** The mobile pages' header: the page's name and the switch to the other language. */
import type { MobileLang } from './strings'

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
