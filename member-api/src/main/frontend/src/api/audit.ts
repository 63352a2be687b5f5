import { request } from './client'
import type { Gender, MemberStatus, Points } from './members'

/** One event of a member's history: what, when, who (user and roles), through which channel, why. */
export interface HistoryEntry {
  sequence: number
  type: string
  timestamp: string
  payload: unknown
  actorId: string | null
  actorName: string | null
  actorRoles: string | null
  source: string | null
  reason: string | null
  correlationId: string | null
}

export interface HistoryPage {
  items: HistoryEntry[]
  page: number
  size: number
  total: number
}

/** A member as its events up to an instant left it. */
export interface MemberState {
  memberId: string
  asOf: string
  version: number
  joinedAt: string
  profile: {
    name: string
    mobile: string
    email: string | null
    gender: Gender | null
    birthday: string | null
    locale: string | null
    address: string | null
    notes: string | null
    tags: string[]
    externalRef: string | null
    timeZone: string | null
  }
  status: MemberStatus
  level: { level: number; netSpend: number; manual: { level: number; mode: string; until: string | null; reason: string | null } | null }
  points: Omit<Points, 'version'>
  lots: { lotNo: number; source: string; reference: string | null; points: number; remaining: number; pending: boolean; releaseAt: string | null; expiresAt: string }[]
}

export interface AuditEntry {
  globalIndex: number
  occurredAt: string
  memberId: string
  sequence: number
  eventType: string
  actorId: string | null
  actorName: string | null
  actorRoles: string | null
  source: string | null
  reason: string | null
  correlationId: string | null
}

export interface AuditLogPage {
  items: AuditEntry[]
  page: number
  size: number
  total: number
  nextCursor: string | null
  next: string | null
}

/** The audit log's filters and position; instants are ISO-8601. */
export interface AuditQuery {
  from?: string
  to?: string
  eventType?: string
  actor?: string
  memberId?: string
  page?: number
  size?: number
  cursor?: string
}

export async function getHistory(id: string, page: number, size: number): Promise<HistoryPage> {
  return (await request<HistoryPage>(`/api/v1/members/${id}/history`, { query: { page, size } })).data
}

export async function getStateAsOf(id: string, asOf: string | null): Promise<MemberState> {
  return (await request<MemberState>(`/api/v1/members/${id}/state`, { query: { asOf } })).data
}

export async function getAuditLog(query: AuditQuery): Promise<AuditLogPage> {
  return (await request<AuditLogPage>('/api/v1/audit/log', { query: { ...query } })).data
}

function filtersOnly(query: AuditQuery) {
  const { from, to, eventType, actor, memberId } = query
  return { from, to, eventType, actor, memberId }
}

/** The filtered log as CSV (oldest first), fetched with the user's token: a plain link would carry none. */
export async function getAuditCsv(query: AuditQuery): Promise<string> {
  const response = await request<unknown>('/api/v1/audit/log.csv', { query: filtersOnly(query), headers: { Accept: 'text/csv' } })
  return typeof response.data === 'string' ? response.data : JSON.stringify(response.data)
}

/** Hands text to the browser as a file download (with a byte order mark, so that spreadsheets read UTF-8). */
export function saveFile(name: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob(['\uFEFF' + text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
