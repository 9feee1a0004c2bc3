/** Opening hours as a resident reads them: 周一至周五 08:30–17:30 / Mon–Fri 08:30–17:30. */
import type { OpeningHours } from '../../../mock-backend/src/contract/helpDeskRules'
import type { Lang } from '../i18n'

const DAY_NAMES: Record<Lang, string[]> = {
  zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
}

/** The weekdays as runs (周一至周五、周日), then the times. */
export function hoursText(hours: OpeningHours, lang: Lang): string {
  const names = DAY_NAMES[lang]
  const runs: string[] = []
  const days = [...hours.days].sort((a, b) => a - b)
  for (let i = 0; i < days.length; ) {
    let j = i
    while (j + 1 < days.length && days[j + 1] === (days[j] ?? 0) + 1) j++
    const from = names[(days[i] ?? 1) - 1]
    const to = names[(days[j] ?? 1) - 1]
    runs.push(
      j - i >= 2
        ? `${from}${lang === 'zh' ? '至' : '–'}${to}`
        : j > i
          ? `${from}${lang === 'zh' ? '、' : ', '}${to}`
          : `${from}`,
    )
    i = j + 1
  }
  return `${runs.join(lang === 'zh' ? '、' : ', ')} ${hours.from}–${hours.to}`
}
