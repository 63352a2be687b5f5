import type { LocationQuery } from 'vue-router'
import type { MemberQuery } from '@/api/members'

export const SORT_FIELDS = ['joinedAt', 'updatedAt', 'name', 'mobile', 'level', 'status'] as const
export const PAGE_SIZES = [10, 20, 50, 100, 200]
export const DEFAULT_SORT = 'joinedAt,desc'
export const DEFAULT_SIZE = 20

function one(value: LocationQuery[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return first ?? undefined
}

function many(value: LocationQuery[string]): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '')
}

/** The list's state lives in the URL: a shared link or the back button shows the same page. */
export function fromRoute(query: LocationQuery): MemberQuery {
  const page = Number(one(query.page) ?? 0)
  const size = Number(one(query.size) ?? DEFAULT_SIZE)
  return {
    q: one(query.q) || undefined,
    status: many(query.status),
    level: many(query.level),
    tag: one(query.tag) || undefined,
    joinedFrom: one(query.joinedFrom) || undefined,
    joinedTo: one(query.joinedTo) || undefined,
    page: Number.isInteger(page) && page >= 0 ? page : 0,
    size: PAGE_SIZES.includes(size) ? size : DEFAULT_SIZE,
    sort: one(query.sort) || DEFAULT_SORT,
    cursor: one(query.cursor) || undefined,
  }
}

/** The URL query of a list state, without the defaults (short links). */
export function toRoute(state: MemberQuery): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  if (state.q) query.q = state.q
  if (state.status?.length) query.status = state.status
  if (state.level?.length) query.level = state.level
  if (state.tag) query.tag = state.tag
  if (state.joinedFrom) query.joinedFrom = state.joinedFrom
  if (state.joinedTo) query.joinedTo = state.joinedTo
  if (state.page) query.page = String(state.page)
  if (state.size && state.size !== DEFAULT_SIZE) query.size = String(state.size)
  if (state.sort && state.sort !== DEFAULT_SORT) query.sort = state.sort
  if (state.cursor) query.cursor = state.cursor
  return query
}
