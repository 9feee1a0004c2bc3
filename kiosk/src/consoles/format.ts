/** Display formatting for the consoles; all wall-clock times are shown in Asia/Shanghai. */
import type { Lang } from './i18n'

const TIME_ZONE = 'Asia/Shanghai'

const partsOf = (date: Date) => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00'
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}:${get('second')}`,
  }
}

/** `YYYY-MM-DD HH:mm` in Shanghai, or a dash for missing/invalid input. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return '—'
  const { day, time } = partsOf(date)
  return `${day} ${time.slice(0, 5)}`
}

/** `HH:mm:ss` in Shanghai, for "更新于". */
export function formatClock(date: Date): string {
  return partsOf(date).time
}

/** A duration as the largest sensible unit ("3 小时", "2 days"). */
export function formatAge(ms: number, lang: Lang): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000))
  const units: [number, string, string][] = [
    [1440, '天', 'd'],
    [60, '小时', 'h'],
    [1, '分钟', 'min'],
  ]
  for (const [size, zh, en] of units) {
    if (minutes >= size) {
      const n = Math.floor(minutes / size)
      return lang === 'zh' ? `${n} ${zh}` : `${n} ${en}`
    }
  }
  return lang === 'zh' ? '不到 1 分钟' : '< 1 min'
}

/** A count with thousands separators. */
export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US')
}

/** A ratio 0–1 as a percentage with one decimal, or a dash when undefined. */
export function formatPercent(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '—' : `${(ratio * 100).toFixed(1)}%`
}

/** Bytes as MB/GB for the storage column. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`
  return `${(bytes / 1024 ** 2).toFixed(0)} MB`
}
