import type { LocationQuery } from 'vue-router'

export const DEFAULT_DAYS = 30
export const MAX_DAYS = 3660
const DAY = /^\d{4}-\d{2}-\d{2}$/

export interface ReportQuery {
  report: string
  from: string
  to: string
}

function one(value: LocationQuery[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return first ?? undefined
}

/** A calendar day as YYYY-MM-DD in the browser's time zone. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

function validDay(value: string | undefined): value is string {
  if (!value || !DAY.test(value)) return false
  const [y, m, d] = value.split('-').map(Number)
  const date = new Date(y, m - 1, d)
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d
}

/** The API's default: the last 30 days, today included. */
export function defaultRange(today = new Date()): { from: string; to: string } {
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (DEFAULT_DAYS - 1))
  return { from: isoDay(from), to: isoDay(today) }
}

/** Days from..to, both included. */
export function daysBetween(from: string, to: string): string[] {
  const [fy, fm, fd] = from.split('-').map(Number)
  const [ty, tm, td] = to.split('-').map(Number)
  const days: string[] = []
  const end = new Date(ty, tm - 1, td)
  for (let day = new Date(fy, fm - 1, fd); day <= end && days.length <= MAX_DAYS; day.setDate(day.getDate() + 1)) {
    days.push(isoDay(day))
  }
  return days
}

/**
 * The reports page's state lives in the URL (?report=…&from=…&to=…): a shared link or the back button shows the same
 * report over the same days. Nonsense falls back to the first report and the last 30 days.
 */
export function fromRoute(query: LocationQuery, reports: string[], today = new Date()): ReportQuery {
  const wanted = one(query.report)
  const report = wanted && reports.includes(wanted) ? wanted : reports[0] ?? ''
  const fallback = defaultRange(today)
  let from = one(query.from)
  let to = one(query.to)
  if (!validDay(from) || !validDay(to) || from > to || daysBetween(from, to).length > MAX_DAYS) {
    from = fallback.from
    to = fallback.to
  }
  return { report, from, to }
}

/** The URL query of a state, leaving out the default range (short links). */
export function toRoute(state: ReportQuery, today = new Date()): Record<string, string> {
  const query: Record<string, string> = { report: state.report }
  const fallback = defaultRange(today)
  if (state.from !== fallback.from || state.to !== fallback.to) {
    query.from = state.from
    query.to = state.to
  }
  return query
}
