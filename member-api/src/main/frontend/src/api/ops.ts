import { request } from './client'

/** A processing group's status, as GET /api/v1/admin/projections answers it. */
export interface ProjectionStatus {
  name: string
  state: 'RUNNING' | 'REPLAY_PENDING' | 'REPLAYING' | 'ERROR' | 'STOPPED' | string
  position: number | null
  head: number | null
  lagEvents: number
  /** ISO-8601 duration, e.g. PT1.5S */
  lagTime: string | null
  parkedEvents: number
  parkedMembers: number
  error: string | null
  replay: Replay | null
  segments: { segment: number; position: number | null; owner: string | null; replaying: boolean }[]
}

export interface Replay {
  requestedAt: string
  requestedBy: string | null
  startedAt: string | null
  startedBy: string | null
  resetPosition: number | null
  progress: number
}

export interface DeadLetter {
  id: string
  memberId: string
  positionInSequence: number
  eventId: string
  eventType: string
  sequenceNumber: number | null
  enqueuedAt: string
  lastTouched: string | null
  causeType: string | null
  causeMessage: string | null
}

export interface RetryOutcome {
  succeeded: number
  failed: number
  stillParked: number
}

export interface PoisonedMember {
  memberId: string
  dueAt: string
  attempts: number
  poisonedAt: string
  lastFailure: string | null
}

const ADMIN = '/api/v1/admin'

export async function listProjections(): Promise<ProjectionStatus[]> {
  return (await request<ProjectionStatus[]>(`${ADMIN}/projections`)).data
}

export async function getProjection(name: string): Promise<ProjectionStatus> {
  return (await request<ProjectionStatus>(`${ADMIN}/projections/${encodeURIComponent(name)}`)).data
}

export async function replayProjection(name: string): Promise<ProjectionStatus> {
  return (await request<ProjectionStatus>(`${ADMIN}/projections/${encodeURIComponent(name)}/replay`, { method: 'POST' })).data
}

export async function listDeadLetters(name: string, page = 0, size = 50): Promise<DeadLetter[]> {
  return (await request<DeadLetter[]>(`${ADMIN}/projections/${encodeURIComponent(name)}/dead-letters`, { query: { page, size } }))
    .data
}

export async function retryDeadLetters(name: string): Promise<RetryOutcome> {
  return (await request<RetryOutcome>(`${ADMIN}/projections/${encodeURIComponent(name)}/dead-letters/retry`, { method: 'POST' })).data
}

export async function listPoisoned(limit = 100): Promise<{ count: number; members: PoisonedMember[] }> {
  return (await request<{ count: number; members: PoisonedMember[] }>(`${ADMIN}/sweep/poisoned`, { query: { limit } })).data
}

export async function retryPoisoned(): Promise<number> {
  return (await request<{ retried: number }>(`${ADMIN}/sweep/poisoned/retry`, { method: 'POST' })).data.retried
}

export type SyncRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED'

export interface SyncCounts {
  created: number
  updated: number
  deleted: number
  unchanged: number
  conflictsWonLocally: number
  conflictsWonExternally: number
  failed: number
  quarantined: number
}

export const SYNC_OUTCOMES: (keyof SyncCounts)[] = [
  'created',
  'updated',
  'deleted',
  'unchanged',
  'conflictsWonLocally',
  'conflictsWonExternally',
  'failed',
  'quarantined',
]

export interface SyncRun {
  id: number
  trigger: 'SCHEDULED' | 'MANUAL'
  mode: 'INCREMENTAL' | 'FULL'
  requestedBy: string | null
  status: SyncRunStatus
  startedAt: string
  finishedAt: string | null
  watermarkFrom: string | null
  watermarkTo: string | null
  counts: SyncCounts | null
  error: string | null
  errors: { externalId: string; code: string; message: string }[] | null
}

export interface SyncStatus {
  configured: boolean
  interval: string | null
  watermark: string | null
  running: SyncRun | null
  lastRun: SyncRun | null
  lastSuccessAt: string | null
  quarantinedTotal: number
  quarantined: { externalId: string; externalUpdatedAt: string | null; code: string; attempts: number; quarantinedAt: string; lastRunId: number }[]
}

export interface SyncRunPage {
  items: SyncRun[]
  page: number
  size: number
  total: number
}

export async function getSyncStatus(): Promise<SyncStatus> {
  return (await request<SyncStatus>('/api/v1/sync/status')).data
}

export async function listSyncRuns(page = 0, size = 20): Promise<SyncRunPage> {
  return (await request<SyncRunPage>('/api/v1/sync/runs', { query: { page, size } })).data
}

export async function getSyncRun(id: number): Promise<SyncRun> {
  return (await request<SyncRun>(`/api/v1/sync/runs/${id}`)).data
}

export async function startSync(mode: 'INCREMENTAL' | 'FULL'): Promise<SyncRun> {
  return (await request<SyncRun>('/api/v1/sync/runs', { method: 'POST', body: { mode } })).data
}

/** What a run did with one record, as the API names it (the counts' keys in upper snake case). */
export type SyncOutcome =
  | 'CREATED'
  | 'UPDATED'
  | 'DELETED'
  | 'UNCHANGED'
  | 'CONFLICT_WON_LOCALLY'
  | 'CONFLICT_WON_EXTERNALLY'
  | 'FAILED'
  | 'QUARANTINED'

export interface SyncRecordDecision {
  seq: number
  externalId: string
  memberId: string | null
  outcome: SyncOutcome
  reason: string
  decidedAt: string
}

export interface SyncRecordDecisionPage {
  items: SyncRecordDecision[]
  page: number
  size: number
  total: number
}

export async function listSyncRunDecisions(
  id: number,
  decision: SyncOutcome | null,
  page = 0,
  size = 50,
): Promise<SyncRecordDecisionPage> {
  const query: Record<string, string | number> = { page, size }
  if (decision) query.decision = decision
  return (await request<SyncRecordDecisionPage>(`/api/v1/sync/runs/${id}/decisions`, { query })).data
}
