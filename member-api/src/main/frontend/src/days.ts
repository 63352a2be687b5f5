/**
 * Calendar days as the application counts them: in its business time zone (GET /console/config.json, for example
 * Asia/Shanghai), not in the browser's. A member who joins at 00:30 in Shanghai joined "today" there while a browser
 * in London still shows yesterday; the reports' "last 7 days" must mean the application's days.
 */
let zone: string | undefined

/** Whether the browser knows the zone (an unknown one would make every date format throw). */
function known(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return true
  } catch {
    return false
  }
}

/** Uses the application's zone from now on; null, blank or unknown means the browser's own. */
export function useBusinessZone(timeZone: string | null | undefined): void {
  zone = timeZone && known(timeZone) ? timeZone : undefined
}

/** The zone days are counted in, as an IANA name. */
export function businessZone(): string {
  return zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** Today (or the day of {@code now}) as YYYY-MM-DD in the business time zone. */
export function today(now: Date = new Date(), timeZone: string | undefined = zone): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** The calendar day {@code n} days after (or before, when negative) a YYYY-MM-DD day; no time zone involved. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10)
}
