/** Read-aloud for elder mode through the browser's speechSynthesis (absent in some kiosks: then silent). */
import type { Lang } from '../i18n'

const synth = (): SpeechSynthesis | null =>
  typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null

/** Speaks the text, replacing anything still being read. */
export function speak(text: string, lang: Lang): void {
  const s = synth()
  if (!s || !text.trim()) return
  s.cancel()
  const utterance = new SpeechSynthesisUtterance(text)
  utterance.lang = lang === 'zh' ? 'zh-CN' : 'en-US'
  utterance.rate = 0.9
  s.speak(utterance)
}

/**
 * Stops reading at once (session end, language change). Cancels only what is speaking or queued: every screen
 * change calls this, and `speechSynthesis.cancel()` is a round trip to the browser (~2 ms a tap at 4× CPU).
 */
export function cancelSpeech(): void {
  const s = synth()
  if (s && (s.speaking || s.pending)) s.cancel()
}

/** The visible text of the main landmark, which is what the resident is asked to read. */
export function mainText(): string {
  const main = typeof document !== 'undefined' ? document.querySelector('main') : null
  return main instanceof HTMLElement ? (main.textContent ?? '') : ''
}
