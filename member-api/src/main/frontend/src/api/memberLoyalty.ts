import { request } from './client'
import { remember } from './members'

/** A member's benefits and activities, refunds and the manual level (the member detail page's completions). */

export interface MemberBenefit {
  benefit: {
    id: string
    terms: {
      nameZh: string
      nameEn: string
      description: string | null
      type: string
      value: number | null
      levels: number[]
      quota: { uses: number; period: 'DAY' | 'WEEK' | 'MONTH' | 'YEAR' } | null
      pointsPrice: number | null
    }
    status: string
  }
  granted: boolean
  period: string | null
  usedInPeriod: number | null
  quotaLeft: number | null
  buyable: boolean
}

export interface MemberActivity {
  activity: {
    id: string
    terms: { name: string; description: string | null; startsAt: string; endsAt: string; levels: number[]; capacity: number; rewardPoints: number }
    status: 'DRAFT' | 'OPEN' | 'CLOSED'
    participants: number
  }
  participantNo: number
  rewardPoints: number
  joinedAt: string
}

const BASE = '/api/v1/members'

export async function getMemberBenefits(id: string): Promise<MemberBenefit[]> {
  return (await request<MemberBenefit[]>(`${BASE}/${id}/benefits`)).data
}

export async function getMemberActivities(id: string): Promise<MemberActivity[]> {
  return (await request<MemberActivity[]>(`${BASE}/${id}/activities`)).data
}

/** A (partial) refund of one of the member's orders: the order's points are taken back in proportion. */
export async function recordRefund(id: string, refundId: string, orderId: string, amount: number): Promise<void> {
  const response = await request(`${BASE}/${id}/refunds`, { method: 'POST', body: { refundId, orderId, amount } })
  remember(id, response.consistencyToken)
}

/** Sets a manual level (until an instant, or until staff end it); level null ends the manual level in force. */
export async function setManualLevel(id: string, level: number | null, reason: string, until: string | null): Promise<void> {
  const body: Record<string, unknown> = { level, reason }
  if (until) body.until = until
  const response = await request(`${BASE}/${id}/level/adjust`, { method: 'POST', body })
  remember(id, response.consistencyToken)
}
