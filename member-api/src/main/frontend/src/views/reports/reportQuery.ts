import type { LocationQuery } from 'vue-router'
import { addDays, today as businessToday } from '@/days'

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

function validDay(value: string | undefined): value is string {
  if (!value || !DAY.test(value)) return false
  const [y, m, d] = value.split('-').map(Number)
  const date = new Date(y, m - 1, d)
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d
}

/** The API's default: the last 30 days, today included (days in the application's time zone). */
export function defaultRange(today: string = businessToday()): { from: string; to: string } {
  return lastDays(DEFAULT_DAYS, today)
}

/** The last {@code n} days, today included. */
export function lastDays(n: number, today: string = businessToday()): { from: string; to: string } {
  return { from: addDays(today, -(n - 1)), to: today }
}

/** From the first of January to today. */
export function thisYear(today: string = businessToday()): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: today }
}

/** Days from..to, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = []
  for (let day = from; day <= to && days.length <= MAX_DAYS; day = addDays(day, 1)) days.push(day)
  return days
}

/**
 * The reports page's state lives in the URL (?report=…&from=…&to=…): a shared link or the back button shows the same
 * report over the same days. Nonsense falls back to the first report and the last 30 days.
 */
export function fromRoute(query: LocationQuery, reports: string[], today: string = businessToday()): ReportQuery {
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
export function toRoute(state: ReportQuery, today: string = businessToday()): Record<string, string> {
  const query: Record<string, string> = { report: state.report }
  const fallback = defaultRange(today)
  if (state.from !== fallback.from || state.to !== fallback.to) {
    query.from = state.from
    query.to = state.to
  }
  return query
}
