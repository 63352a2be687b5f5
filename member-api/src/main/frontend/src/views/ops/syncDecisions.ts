import type { SyncCounts, SyncOutcome } from '@/api/ops'

/** The outcomes in the order the run's counts show them. */
export const OUTCOMES: SyncOutcome[] = [
  'CREATED',
  'UPDATED',
  'DELETED',
  'UNCHANGED',
  'CONFLICT_WON_LOCALLY',
  'CONFLICT_WON_EXTERNALLY',
  'FAILED',
  'QUARANTINED',
]

const COUNT_KEYS: Record<SyncOutcome, keyof SyncCounts> = {
  CREATED: 'created',
  UPDATED: 'updated',
  DELETED: 'deleted',
  UNCHANGED: 'unchanged',
  CONFLICT_WON_LOCALLY: 'conflictsWonLocally',
  CONFLICT_WON_EXTERNALLY: 'conflictsWonExternally',
  FAILED: 'failed',
  QUARANTINED: 'quarantined',
}

/** The key of an outcome among a run's counts, whose labels the decisions share. */
export function countKey(outcome: SyncOutcome): keyof SyncCounts {
  return COUNT_KEYS[outcome]
}

/** Element Plus tag colour of an outcome: applied green, left alone grey, kept local amber, not applied red. */
export function outcomeTag(outcome: SyncOutcome): 'success' | 'info' | 'warning' | 'danger' | 'primary' {
  switch (outcome) {
    case 'CREATED':
    case 'UPDATED':
    case 'CONFLICT_WON_EXTERNALLY':
      return 'success'
    case 'DELETED':
      return 'primary'
    case 'CONFLICT_WON_LOCALLY':
      return 'warning'
    case 'FAILED':
    case 'QUARANTINED':
      return 'danger'
    default:
      return 'info'
  }
}

/** The reason codes the console explains; any other (an error code) is shown as it is. */
export const REASONS = [
  'APPLY',
  'APPLY_OVER_LOCAL_EDIT',
  'KEEP_LOCAL',
  'SKIP_ALREADY_APPLIED',
  'SKIP_OUTDATED',
  'PROFILE_EQUAL',
  'NOTHING_TO_DO',
  'QUARANTINED_VERSION',
] as const

/** The translation key of a reason code, or null for a code shown as it is. */
export function reasonKey(reason: string): string | null {
  return (REASONS as readonly string[]).includes(reason) ? `sync.reasons.${reason}` : null
}
