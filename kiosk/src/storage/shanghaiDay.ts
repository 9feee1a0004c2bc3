/** Counters and reports use the calendar day in Asia/Shanghai, whatever the device clock's zone. */
const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** `YYYY-MM-DD` of `date` in Asia/Shanghai (UTC+8, so 16:00 UTC starts the next day). */
export function shanghaiDay(date: Date): string {
  return shanghaiDate.format(date)
}
