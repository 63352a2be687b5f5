import { request } from './client'

export const BENEFIT_TYPES = [
  'DISCOUNT',
  'POINTS_MULTIPLIER',
  'FREE_SHIPPING',
  'PRIORITY_SHIPPING',
  'EXCLUSIVE_SERVICE',
  'BIRTHDAY_GIFT',
  'GIFT',
  'OTHER',
] as const
export type BenefitType = (typeof BENEFIT_TYPES)[number]
export const QUOTA_PERIODS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number]

export interface BenefitTerms {
  nameZh: string
  nameEn: string
  description: string | null
  type: BenefitType
  value: number | string | null
  levels: number[]
  quota: { uses: number; period: QuotaPeriod } | null
  pointsPrice: number | null
}

export interface Benefit {
  id: string
  terms: BenefitTerms
  status: 'ACTIVE' | 'RETIRED'
  updatedAt: string
  version: number
}

export type BenefitInput = BenefitTerms & { id?: string }

export async function listBenefits(retired: boolean): Promise<Benefit[]> {
  return (await request<Benefit[]>('/api/v1/benefits', { query: { retired: retired ? 'true' : undefined } })).data
}

export async function createBenefit(input: BenefitInput): Promise<Benefit> {
  return (await request<Benefit>('/api/v1/benefits', { method: 'POST', body: input })).data
}

export async function changeBenefit(id: string, version: number, input: BenefitInput): Promise<Benefit> {
  return (
    await request<Benefit>(`/api/v1/benefits/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: input,
      headers: { 'If-Match': `"${version}"` },
    })
  ).data
}

export async function retireBenefit(id: string, version: number, reason: string): Promise<Benefit> {
  return (
    await request<Benefit>(`/api/v1/benefits/${encodeURIComponent(id)}/retire`, {
      method: 'POST',
      body: reason ? { reason } : {},
      headers: { 'If-Match': `"${version}"` },
    })
  ).data
}

export type ActivityStatus = 'DRAFT' | 'OPEN' | 'CLOSED'

export interface ActivityTerms {
  name: string
  description: string | null
  startsAt: string
  endsAt: string
  levels: number[]
  capacity: number
  rewardPoints: number
}

export interface Activity {
  id: string
  terms: ActivityTerms
  status: ActivityStatus
  participants: number
  updatedAt: string
  version: number
}

export interface ActivityPage {
  items: Activity[]
  page: number
  size: number
  total: number
}

export interface Participant {
  memberId: string
  participantNo: number
  level: number
  rewardPoints: number
  joinedAt: string
}

export async function listActivities(status: ActivityStatus | undefined, page: number, size: number): Promise<ActivityPage> {
  return (await request<ActivityPage>('/api/v1/activities', { query: { status, page, size } })).data
}

export async function createActivity(input: ActivityTerms): Promise<Activity> {
  return (await request<Activity>('/api/v1/activities', { method: 'POST', body: input })).data
}

export async function changeActivity(id: string, version: number, input: ActivityTerms): Promise<Activity> {
  return (
    await request<Activity>(`/api/v1/activities/${id}`, { method: 'PUT', body: input, headers: { 'If-Match': `"${version}"` } })
  ).data
}

export async function openActivity(id: string, version: number): Promise<Activity> {
  return (await request<Activity>(`/api/v1/activities/${id}/open`, { method: 'POST', headers: { 'If-Match': `"${version}"` } })).data
}

export async function closeActivity(id: string, version: number, reason: string): Promise<Activity> {
  return (
    await request<Activity>(`/api/v1/activities/${id}/close`, {
      method: 'POST',
      body: reason ? { reason } : {},
      headers: { 'If-Match': `"${version}"` },
    })
  ).data
}

export async function listParticipants(id: string, page: number, size: number): Promise<{ items: Participant[]; total: number }> {
  return (await request<{ items: Participant[]; total: number }>(`/api/v1/activities/${id}/participants`, { query: { page, size } }))
    .data
}
