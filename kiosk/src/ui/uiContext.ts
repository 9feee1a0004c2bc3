/** What every screen needs without prop drilling: language, translator, elder mode. */
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { Lang, MessageKey } from '../i18n'
import { t } from '../i18n'

/** Language, translator and elder mode of the current session. */
export interface UiContextValue {
  lang: Lang
  elder: boolean
  tr: (key: MessageKey, params?: Record<string, string | number>) => string
}

/** Default: Chinese, normal mode. */
export const UiContext = createContext<UiContextValue>({
  lang: 'zh',
  elder: false,
  tr: (key, params) => t('zh', key, params),
})

/** The current UI context. */
export const useUi = () => useContext(UiContext)
