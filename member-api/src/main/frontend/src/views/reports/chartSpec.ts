import type { ReportTable } from '@/api/stats'
import { daysBetween } from './reportQuery'

/** What a report's chart shows, independent of the chart library: categories on the x axis, one or more series. */
export interface ChartSpec {
  kind: 'bar' | 'line'
  stacked: boolean
  categories: string[]
  series: { name: string; data: number[] }[]
}

/** Turns a raw value or code into a label (translated by the page). */
export type Labeler = (column: string, value: unknown) => string

type Row = ReportTable['rows'][number]

const num = (value: unknown) => (value === null || value === undefined || value === '' ? 0 : Number(value))

/** Sums `value` per (category, series), keeping the categories' order given and the series' order met. */
function pivot(rows: Row[], categories: string[], category: (r: Row) => string, series: (r: Row) => string, value: (r: Row) => number) {
  const names: string[] = []
  const sums = new Map<string, Map<string, number>>()
  for (const row of rows) {
    const name = series(row)
    if (!sums.has(name)) {
      sums.set(name, new Map())
      names.push(name)
    }
    const byCategory = sums.get(name)!
    const key = category(row)
    byCategory.set(key, (byCategory.get(key) ?? 0) + value(row))
  }
  return names.map((name) => ({ name, data: categories.map((c) => sums.get(name)!.get(c) ?? 0) }))
}

function days(table: ReportTable): string[] {
  if (table.from && table.to) return daysBetween(table.from, table.to)
  return [...new Set(table.rows.map((r) => String(r.day)))].sort()
}

/** The chart of each report of the stats API (README "Reports"); unknown reports chart their first numeric column. */
export function chartSpec(table: ReportTable, label: Labeler): ChartSpec {
  const rows = table.rows
  switch (table.report) {
    case 'members-by-level-and-status': {
      const levels = [...new Set(rows.map((r) => String(r.level)))].sort()
      const series = pivot(rows, levels, (r) => String(r.level), (r) => label('status', r.status), (r) => num(r.members))
      return { kind: 'bar', stacked: true, categories: levels.map((l) => label('level', l)), series }
    }
    case 'new-members-per-day': {
      const all = days(table)
      const series = pivot(rows, all, (r) => String(r.day), () => label('column', 'members'), (r) => num(r.members))
      return { kind: 'line', stacked: false, categories: all, series: series.length ? series : [{ name: label('column', 'members'), data: all.map(() => 0) }] }
    }
    case 'tenure-distribution': {
      const buckets = rows.map((r) => String(r.tenure))
      return {
        kind: 'bar',
        stacked: false,
        categories: buckets.map((b) => label('tenure', b)),
        series: [{ name: label('column', 'members'), data: rows.map((r) => num(r.members)) }],
      }
    }
    case 'points-per-day': {
      const all = days(table)
      return { kind: 'bar', stacked: true, categories: all, series: pivot(rows, all, (r) => String(r.day), (r) => label('kind', r.kind), (r) => num(r.points)) }
    }
    case 'points-liability': {
      const row = rows[0] ?? {}
      const columns = ['available_points', 'pending_points', 'debt_points', 'outstanding_points']
      return {
        kind: 'bar',
        stacked: false,
        categories: columns.map((c) => label('column', c)),
        series: [{ name: label('column', 'points'), data: columns.map((c) => num(row[c])) }],
      }
    }
    case 'points-expiring':
      return {
        kind: 'bar',
        stacked: false,
        categories: rows.map((r) => label('within_days', r.within_days)),
        series: [{ name: label('column', 'points'), data: rows.map((r) => num(r.points)) }],
      }
    case 'benefit-usage': {
      const all = days(table)
      return {
        kind: 'bar',
        stacked: true,
        categories: all,
        series: pivot(rows, all, (r) => String(r.day), (r) => String(r.name_en ?? r.benefit_id), (r) => num(r.uses)),
      }
    }
    case 'activity-participation':
      return {
        kind: 'bar',
        stacked: false,
        categories: rows.map((r) => String(r.name)),
        series: [
          { name: label('column', 'participants'), data: rows.map((r) => num(r.participants)) },
          { name: label('column', 'capacity'), data: rows.map((r) => num(r.capacity)) },
        ],
      }
    case 'level-movements-per-day': {
      const all = days(table)
      return {
        kind: 'bar',
        stacked: true,
        categories: all,
        series: pivot(rows, all, (r) => String(r.day), (r) => label('kind', r.kind), (r) => num(r.movements)),
      }
    }
    default: {
      const value = table.columns.find((c) => rows.some((r) => typeof r[c] === 'number')) ?? table.columns[1]
      const key = table.columns[0]
      return {
        kind: 'bar',
        stacked: false,
        categories: rows.map((r) => String(r[key])),
        series: [{ name: label('column', value), data: rows.map((r) => num(r[value])) }],
      }
    }
  }
}
