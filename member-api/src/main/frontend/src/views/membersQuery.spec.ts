import { describe, expect, it } from 'vitest'
import { fromRoute, toRoute } from './membersQuery'

describe('member list state in the URL', () => {
  it('reads repeated filters, paging and sort', () => {
    expect(fromRoute({ q: '张', status: ['ACTIVE', 'FROZEN'], level: '3', page: '2', size: '50', sort: 'name,asc' })).toMatchObject({
      q: '张',
      status: ['ACTIVE', 'FROZEN'],
      level: ['3'],
      page: 2,
      size: 50,
      sort: 'name,asc',
    })
  })

  it('falls back to the defaults for nonsense', () => {
    expect(fromRoute({ page: '-1', size: '7' })).toMatchObject({ page: 0, size: 20, sort: 'joinedAt,desc' })
  })

  it('writes short links and reads them back unchanged', () => {
    const state = fromRoute({ tag: 'vip', joinedFrom: '2026-01-01', joinedTo: '2026-02-01', cursor: 'abc' })
    expect(toRoute(state)).toEqual({ tag: 'vip', joinedFrom: '2026-01-01', joinedTo: '2026-02-01', cursor: 'abc' })
    expect(toRoute(fromRoute({}))).toEqual({})
  })
})
