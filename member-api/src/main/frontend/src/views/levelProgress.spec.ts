import { describe, expect, it } from 'vitest'
import type { LevelSummary } from '../api/members'
import { levelProgress } from './levelProgress'

const bronze: LevelSummary = {
  level: 2,
  name: 'Bronze',
  discount: 0.95,
  pointsMultiplier: 1,
  automaticLevel: 2,
  netSpend: 1500,
  nextLevel: 3,
  nextLevelName: 'Silver',
  spendToNextLevel: 500,
  nextLevelReachable: true,
  cappedByManualLevel: false,
  manual: null,
  manualLevelEndsAt: null,
}

describe('progress to the next level', () => {
  it('measures the way to a reachable next level', () => {
    expect(levelProgress(bronze)).toEqual({ kind: 'next', percent: 75 })
  })

  it('says a manual ceiling holds the member, with its end, instead of 0.00 to an unreachable level', () => {
    const until = '2027-01-31T16:00:00Z'
    const capped: LevelSummary = {
      ...bronze,
      automaticLevel: 4,
      netSpend: 6000,
      nextLevel: null,
      nextLevelName: null,
      spendToNextLevel: null,
      nextLevelReachable: false,
      cappedByManualLevel: true,
      manual: { level: 2, mode: 'CEILING', until, reason: null },
      manualLevelEndsAt: until,
    }
    expect(levelProgress(capped)).toEqual({ kind: 'capped', until })
    expect(levelProgress({ ...capped, manualLevelEndsAt: null })).toEqual({ kind: 'capped', until: null })
  })

  it('has nowhere to go at the top level', () => {
    const diamond = { ...bronze, level: 5, nextLevel: null, nextLevelName: null, spendToNextLevel: null, nextLevelReachable: false }
    expect(levelProgress(diamond)).toEqual({ kind: 'top' })
  })
})
