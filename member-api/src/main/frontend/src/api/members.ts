import { request } from './client'

export type MemberStatus = 'ACTIVE' | 'FROZEN' | 'DELETED'
export type Gender = 'MALE' | 'FEMALE' | 'UNDISCLOSED'

export interface MemberInput {
  name: string
  mobile: string
  email?: string | null
  gender?: Gender | null
  birthday?: string | null
  locale?: 'zh-CN' | 'en' | null
  address?: string | null
  notes?: string | null
  tags?: string[]
  externalRef?: string | null
  timeZone?: string | null
}

export interface Member extends MemberInput {
  id: string
  status: MemberStatus
  level: number
  joinedAt: string
  updatedAt: string
  tenureDays: number
  version: number
}

export interface MemberPage {
  items: Member[]
  page: number
  size: number
  total: number
  totalEstimated: boolean
  nextCursor: string | null
  next: string | null
}

export interface MemberQuery {
  q?: string
  status?: string[]
  level?: string[]
  tag?: string
  joinedFrom?: string
  joinedTo?: string
  page?: number
  size?: number
  sort?: string
  cursor?: string
}

export interface Points {
  available: number
  pending: number
  debt: number
  lifetimeEarned: number
  lifetimeSpent: number
  lifetimeExpired: number
  lifetimeReversed: number
  lifetimeAdjusted: number
  version: number
}

export interface LevelSummary {
  level: number
  name: string
  discount: number
  pointsMultiplier: number
  automaticLevel: number
  netSpend: number
  nextLevel: number | null
  nextLevelName: string | null
  spendToNextLevel: number | null
  /** false at the top level and while a manual ceiling holds the member at its level */
  nextLevelReachable: boolean
  cappedByManualLevel: boolean
  manual: { level: number; mode: string; until: string | null; reason: string | null } | null
  manualLevelEndsAt: string | null
}

const BASE = '/api/v1/members'

/** The consistency token of the last write: the next read waits until the read model shows it. */
const written = new Map<string, string>()
let lastWritten: string | null = null

export function remember(id: string, token: string | null) {
  if (token) {
    written.set(id, token)
    lastWritten = token
  }
}

function consistency(token: string | null | undefined): Record<string, string> {
  return token ? { 'X-Consistency-Token': token } : {}
}

export async function listMembers(query: MemberQuery): Promise<MemberPage> {
  const response = await request<MemberPage>(BASE, {
    query: { ...query },
    headers: consistency(lastWritten),
  })
  return response.data
}

export async function getMember(id: string): Promise<Member> {
  const response = await request<Member>(`${BASE}/${id}`, { headers: consistency(written.get(id)) })
  return response.data
}

export async function getPoints(id: string): Promise<Points> {
  return (await request<Points>(`${BASE}/${id}/points`, { headers: consistency(written.get(id)) })).data
}

export async function getLevel(id: string): Promise<LevelSummary> {
  return (await request<{ level: LevelSummary }>(`${BASE}/${id}/level`, { headers: consistency(written.get(id)) })).data
    .level
}

export async function createMember(input: MemberInput): Promise<Member> {
  const response = await request<Member>(BASE, { method: 'POST', body: input })
  remember(response.data.id, response.consistencyToken)
  return response.data
}

export async function updateMember(id: string, version: number, input: MemberInput): Promise<Member> {
  const response = await request<Member>(`${BASE}/${id}`, {
    method: 'PUT',
    body: input,
    headers: { 'If-Match': `"${version}"` },
  })
  remember(id, response.consistencyToken)
  return response.data
}

export async function setFrozen(id: string, version: number, frozen: boolean, reason: string): Promise<void> {
  const response = await request<Member>(`${BASE}/${id}/${frozen ? 'freeze' : 'unfreeze'}`, {
    method: 'POST',
    body: reason ? { reason } : {},
    headers: { 'If-Match': `"${version}"` },
  })
  remember(id, response.consistencyToken)
}

export async function deleteMember(id: string, version: number, reason: string): Promise<void> {
  const response = await request<void>(`${BASE}/${id}`, {
    method: 'DELETE',
    query: { reason },
    headers: { 'If-Match': `"${version}"` },
  })
  remember(id, response.consistencyToken)
}

export interface LedgerEntry {
  sequence: number
  occurredAt: string
  type: string
  source: string | null
  reference: string | null
  availableChange: number
  pendingChange: number
  lotNo: number | null
  reason: string | null
  actor: string | null
  channel: string | null
}

export interface LedgerPage {
  items: LedgerEntry[]
  page: number
  size: number
  total: number
}

export interface Lot {
  lotNo: number
  source: string
  reference: string | null
  points: number
  remaining: number
  pending: boolean
  earnedAt: string
  releaseAt: string | null
  expiresAt: string
}

export interface Lots {
  items: Lot[]
  expiringWithin30Days: number
  expiringWithin90Days: number
}

export async function getLedger(id: string, page: number, size: number): Promise<LedgerPage> {
  return (
    await request<LedgerPage>(`${BASE}/${id}/points/ledger`, { query: { page, size }, headers: consistency(written.get(id)) })
  ).data
}

export async function getLots(id: string): Promise<Lots> {
  return (await request<Lots>(`${BASE}/${id}/points/lots`, { headers: consistency(written.get(id)) })).data
}

export async function recordPurchase(id: string, orderId: string, amount: number): Promise<void> {
  const response = await request(`${BASE}/${id}/purchases`, { method: 'POST', body: { orderId, amount } })
  remember(id, response.consistencyToken)
}

export async function adjustPoints(id: string, points: number, reason: string, idempotencyKey: string): Promise<void> {
  const response = await request(`${BASE}/${id}/points/adjust`, {
    method: 'POST',
    body: { points, reason },
    headers: { 'Idempotency-Key': idempotencyKey },
  })
  remember(id, response.consistencyToken)
}

export interface LevelChange {
  sequence: number
  occurredAt: string
  kind: 'UPGRADED' | 'DOWNGRADED' | 'ADJUSTED'
  fromLevel: number
  toLevel: number
  netSpend: number
  reason: string | null
  actor: string | null
}

export interface LevelHistoryPage {
  items: LevelChange[]
  page: number
  size: number
  total: number
}

export async function getLevelHistory(id: string, page: number, size: number): Promise<LevelHistoryPage> {
  return (
    await request<LevelHistoryPage>(`${BASE}/${id}/level/history`, {
      query: { page, size },
      headers: consistency(written.get(id)),
    })
  ).data
}
