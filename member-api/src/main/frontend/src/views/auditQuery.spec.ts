import { describe, expect, it } from 'vitest'
import { auditFilterErrors, auditFromRoute, auditToRoute, csvName } from './auditQuery'
import { payloadSummary } from './auditLabels'

describe('audit log query in the URL', () => {
  it('round-trips the filters and position, leaving the defaults out', () => {
    const state = auditFromRoute({
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00.000Z',
      eventType: 'PointsAdjusted',
      actor: 'staff',
      memberId: '0190f2a4-1c3e-7a00-8000-00000000c0de',
      page: '2',
    })
    expect(state).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      eventType: 'PointsAdjusted',
      actor: 'staff',
      memberId: '0190f2a4-1c3e-7a00-8000-00000000c0de',
      page: 2,
      size: 50,
      cursor: undefined,
    })
    expect(auditFromRoute(auditToRoute(state))).toEqual(state)
    expect(auditToRoute(auditFromRoute({}))).toEqual({})
  })

  it('drops what the API would refuse from a hand-made link', () => {
    expect(auditFromRoute({ from: 'yesterday', page: '-1', size: '7' })).toMatchObject({ from: undefined, page: 0, size: 50 })
  })

  it('checks the filters as the API does', () => {
    expect(auditFilterErrors({ from: new Date('2026-02-02'), to: new Date('2026-02-01') })).toEqual({ to: 'audit.fromAfterTo' })
    expect(auditFilterErrors({ eventType: 'Drop;Table', memberId: 'nope' })).toEqual({
      eventType: 'audit.invalidEventType',
      memberId: 'audit.invalidMemberId',
    })
    expect(auditFilterErrors({ eventType: 'PointsAdjusted', memberId: '0190f2a4-1c3e-7a00-8000-00000000c0de' })).toEqual({})
  })

  it('names the export after its filters', () => {
    expect(csvName({ eventType: 'PointsAdjusted' }, new Date('2026-03-04T05:06:07Z'))).toBe('audit-log-PointsAdjusted-20260304-050607.csv')
  })

  it("picks the payload's telling fields for the timeline", () => {
    expect(payloadSummary({ memberId: 'x', orderId: 'o-1', amount: 600, netSpendAfter: 600 })).toEqual([
      { field: 'orderId', value: 'o-1' },
      { field: 'amount', value: '600' },
    ])
    expect(payloadSummary({ fromLevel: 1, toLevel: 2, netSpend: { fen: 1 } })).toEqual([
      { field: 'fromLevel', value: '1' },
      { field: 'toLevel', value: '2' },
    ])
    expect(payloadSummary(null)).toEqual([])
  })
})
