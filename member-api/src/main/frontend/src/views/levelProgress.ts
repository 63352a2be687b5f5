import type { LevelSummary } from '../api/members'

/**
 * What the member page says about the way up from a level: the spend to the next level (and how far along it the
 * member is), a manual ceiling that holds the member where it is (until it ends), or the top level.
 */
export type LevelProgress =
  | { kind: 'next'; percent: number }
  | { kind: 'capped'; until: string | null }
  | { kind: 'top' }

export function levelProgress(level: LevelSummary): LevelProgress {
  if (level.cappedByManualLevel) return { kind: 'capped', until: level.manualLevelEndsAt }
  if (level.nextLevel === null || level.spendToNextLevel === null || level.spendToNextLevel === undefined) return { kind: 'top' }
  const spent = Number(level.netSpend)
  const total = spent + Number(level.spendToNextLevel)
  return { kind: 'next', percent: total > 0 ? Math.min(100, Math.round((spent / total) * 100)) : 0 }
}
