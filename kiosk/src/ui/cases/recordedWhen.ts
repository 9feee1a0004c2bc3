/** How the offline case view says when the terminal recorded a status ("11月27日 10:05"), in Asia/Shanghai. */
import type { Lang } from '../../i18n'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** `11月27日 10:05` (zh) or `27 Nov 10:05` (en) in Asia/Shanghai, whatever the terminal's clock zone. */
export function recordedWhen(iso: string, lang: Lang): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const d = new Date(ms + 8 * 3600_000)
  const time = d.toISOString().slice(11, 16)
  const month = d.getUTCMonth()
  const day = d.getUTCDate()
  return lang === 'en' ? `${day} ${MONTHS[month]} ${time}` : `${month + 1}月${day}日 ${time}`
}
