import type { LocationQuery } from 'vue-router'
import type { AuditQuery } from '@/api/audit'

export const AUDIT_PAGE_SIZES = [20, 50, 100, 200, 500]
export const AUDIT_DEFAULT_SIZE = 50
/** Page numbers reach the first 10 000 entries (the API's limit); deeper, the log follows the cursor. */
export const AUDIT_MAX_DEPTH = 10_000

/** The event types of a member's history, for the log's filter (another type can still be typed in). */
export const EVENT_TYPES = [
  'MemberRegistered',
  'MemberProfileUpdated',
  'MemberFrozen',
  'MemberUnfrozen',
  'MemberDeleted',
  'MemberErased',
  'PurchaseRecorded',
  'PurchaseRefunded',
  'PointsEarned',
  'PointsReleased',
  'PointsSpent',
  'PointsReversed',
  'PointsExpired',
  'PointsAdjusted',
  'LevelUpgraded',
  'LevelDowngraded',
  'LevelAdjusted',
  'LevelAdjustmentEnded',
  'BenefitUsed',
  'MemberJoinedActivity',
]

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

function one(value: LocationQuery[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return first || undefined
}

function instant(value: string | undefined): string | undefined {
  return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : undefined
}

/** The log's state lives in the URL, like the member list's: a shared link shows the same entries. */
export function auditFromRoute(query: LocationQuery): AuditQuery {
  const page = Number(one(query.page) ?? 0)
  const size = Number(one(query.size) ?? AUDIT_DEFAULT_SIZE)
  return {
    from: instant(one(query.from)),
    to: instant(one(query.to)),
    eventType: one(query.eventType),
    actor: one(query.actor),
    memberId: one(query.memberId),
    page: Number.isInteger(page) && page >= 0 ? page : 0,
    size: AUDIT_PAGE_SIZES.includes(size) ? size : AUDIT_DEFAULT_SIZE,
    cursor: one(query.cursor),
  }
}

export function auditToRoute(state: AuditQuery): Record<string, string> {
  const query: Record<string, string> = {}
  if (state.from) query.from = state.from
  if (state.to) query.to = state.to
  if (state.eventType) query.eventType = state.eventType
  if (state.actor) query.actor = state.actor
  if (state.memberId) query.memberId = state.memberId
  if (state.page) query.page = String(state.page)
  if (state.size && state.size !== AUDIT_DEFAULT_SIZE) query.size = String(state.size)
  if (state.cursor) query.cursor = state.cursor
  return query
}

/** The filter form's mistakes the API would refuse, by field (message keys). */
export function auditFilterErrors(filters: { from?: Date | null; to?: Date | null; eventType?: string; memberId?: string; actor?: string }): Record<string, string> {
  const errors: Record<string, string> = {}
  if (filters.from && filters.to && filters.from.getTime() >= filters.to.getTime()) errors.to = 'audit.fromAfterTo'
  if (filters.eventType && !/^[A-Za-z]{1,64}$/.test(filters.eventType)) errors.eventType = 'audit.invalidEventType'
  if (filters.memberId && !UUID.test(filters.memberId.trim())) errors.memberId = 'audit.invalidMemberId'
  if (filters.actor && filters.actor.length > 200) errors.actor = 'audit.actorTooLong'
  return errors
}

/** A file name saying what the export holds. */
export function csvName(state: AuditQuery, now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
  return `audit-log${state.memberId ? '-' + state.memberId.slice(0, 8) : ''}${state.eventType ? '-' + state.eventType : ''}-${stamp}.csv`
}
