import { describe, expect, it } from 'vitest'
import type { ReportTable } from '@/api/stats'
import { chartSpec } from './chartSpec'

const label = (column: string, value: unknown) => `${column}:${value}`

function table(report: string, columns: string[], rows: ReportTable['rows'], from: string | null = null, to: string | null = null): ReportTable {
  return { report, asOf: '2026-12-02T00:00:00Z', from, to, columns, rows }
}

describe('report charts', () => {
  it('stacks members by level and status', () => {
    const spec = chartSpec(
      table('members-by-level-and-status', ['level', 'status', 'members'], [
        { level: 1, status: 'ACTIVE', members: 5 },
        { level: 1, status: 'FROZEN', members: 1 },
        { level: 2, status: 'ACTIVE', members: 3 },
      ]),
      label,
    )
    expect(spec).toMatchObject({ kind: 'bar', stacked: true, categories: ['level:1', 'level:2'] })
    expect(spec.series).toEqual([
      { name: 'status:ACTIVE', data: [5, 3] },
      { name: 'status:FROZEN', data: [1, 0] },
    ])
  })

  it('shows every day of a daily range, the days without rows as zero', () => {
    const spec = chartSpec(
      table('new-members-per-day', ['day', 'members'], [{ day: '2026-11-02', members: 4 }], '2026-11-01', '2026-11-03'),
      label,
    )
    expect(spec.kind).toBe('line')
    expect(spec.categories).toEqual(['2026-11-01', '2026-11-02', '2026-11-03'])
    expect(spec.series).toEqual([{ name: 'column:members', data: [0, 4, 0] }])
  })

  it('sums points per day and kind over the reasons', () => {
    const spec = chartSpec(
      table('points-per-day', ['day', 'kind', 'reason', 'points', 'entries'], [
        { day: '2026-11-01', kind: 'ISSUED', reason: 'PURCHASE', points: 100, entries: 1 },
        { day: '2026-11-01', kind: 'ISSUED', reason: 'ADJUSTMENT', points: 5, entries: 1 },
        { day: '2026-11-02', kind: 'SPENT', reason: 'REDEMPTION', points: 30, entries: 1 },
      ], '2026-11-01', '2026-11-02'),
      label,
    )
    expect(spec.series).toEqual([
      { name: 'kind:ISSUED', data: [105, 0] },
      { name: 'kind:SPENT', data: [0, 30] },
    ])
  })

  it('charts the one row of the liability as four bars', () => {
    const spec = chartSpec(
      table('points-liability', ['available_points', 'pending_points', 'debt_points', 'outstanding_points'], [
        { available_points: 10, pending_points: 5, debt_points: 2, outstanding_points: 13 },
      ]),
      label,
    )
    expect(spec.series[0].data).toEqual([10, 5, 2, 13])
  })

  it('compares participants with capacity per activity', () => {
    const spec = chartSpec(
      table('activity-participation', ['activity_id', 'name', 'capacity', 'participants'], [{ activity_id: 'a', name: 'Fair', capacity: 10, participants: 3 }]),
      label,
    )
    expect(spec.categories).toEqual(['Fair'])
    expect(spec.series.map((s) => s.data)).toEqual([[3], [10]])
  })
})
