import { describe, expect, it } from 'vitest'
import { daysBetween, defaultRange, fromRoute, lastDays, thisYear, toRoute } from './reportQuery'

const REPORTS = ['members-by-level-and-status', 'new-members-per-day', 'points-per-day']
const TODAY = '2026-12-02'

describe('report state in the URL', () => {
  it('reads the report and its range', () => {
    expect(fromRoute({ report: 'points-per-day', from: '2026-11-01', to: '2026-11-15' }, REPORTS, TODAY)).toEqual({
      report: 'points-per-day',
      from: '2026-11-01',
      to: '2026-11-15',
    })
  })

  it('falls back to the first report and the last 30 days for nonsense', () => {
    expect(fromRoute({ report: 'nope', from: '2026-02-30', to: '2026-03-01' }, REPORTS, TODAY)).toEqual({
      report: 'members-by-level-and-status',
      from: '2026-11-03',
      to: '2026-12-02',
    })
    expect(fromRoute({ from: '2026-12-01', to: '2026-11-01' }, REPORTS, TODAY).from).toBe('2026-11-03')
  })

  it('writes short links that read back the same', () => {
    const state = { report: 'points-per-day', from: '2026-10-01', to: '2026-10-31' }
    expect(toRoute(state, TODAY)).toEqual({ report: 'points-per-day', from: '2026-10-01', to: '2026-10-31' })
    expect(fromRoute(toRoute(state, TODAY), REPORTS, TODAY)).toEqual(state)
    expect(toRoute({ report: 'points-per-day', ...defaultRange(TODAY) }, TODAY)).toEqual({ report: 'points-per-day' })
  })

  it('lists every day of a range, across months', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([])
  })

  it('offers the last days and this year counted from the application’s today', () => {
    expect(lastDays(7, TODAY)).toEqual({ from: '2026-11-26', to: '2026-12-02' })
    expect(lastDays(7, '2027-01-03')).toEqual({ from: '2026-12-28', to: '2027-01-03' })
    expect(thisYear(TODAY)).toEqual({ from: '2026-01-01', to: '2026-12-02' })
  })
})
